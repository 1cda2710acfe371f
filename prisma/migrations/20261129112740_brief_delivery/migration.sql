-- AlterEnum
ALTER TYPE "brief_status" ADD VALUE 'unconfirmed';

-- AlterTable
ALTER TABLE "daily_briefs" ADD COLUMN     "opened_at" TIMESTAMP(3),
ADD COLUMN     "send_started_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "users_brief_enabled_time_zone_brief_hour_idx" ON "users"("brief_enabled", "time_zone", "brief_hour");
