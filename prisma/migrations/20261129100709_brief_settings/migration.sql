-- CreateEnum
CREATE TYPE "brief_frequency" AS ENUM ('daily', 'weekly');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "brief_frequency" "brief_frequency" NOT NULL DEFAULT 'daily',
ADD COLUMN     "brief_paused_until" DATE,
ADD COLUMN     "brief_weekday" INTEGER DEFAULT 1;
