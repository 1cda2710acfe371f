-- CreateEnum
CREATE TYPE "podcast_add_status" AS ENUM ('reading', 'failed', 'ready');

-- AlterTable
ALTER TABLE "podcasts" ADD COLUMN     "add_status" "podcast_add_status" NOT NULL DEFAULT 'ready',
ADD COLUMN     "listed_episodes" INTEGER;
