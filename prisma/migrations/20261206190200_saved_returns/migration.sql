-- AlterTable
ALTER TABLE "daily_briefs" ADD COLUMN     "saved_return_insight_id" TEXT;

-- AlterTable
ALTER TABLE "saved_insights" ADD COLUMN     "return_step" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "returned_on" DATE,
ADD COLUMN     "returns_stopped_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "brief_saved_returns" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "daily_briefs_saved_return_insight_id_idx" ON "daily_briefs"("saved_return_insight_id");

-- AddForeignKey
ALTER TABLE "daily_briefs" ADD CONSTRAINT "daily_briefs_saved_return_insight_id_fkey" FOREIGN KEY ("saved_return_insight_id") REFERENCES "insights"("id") ON DELETE SET NULL ON UPDATE CASCADE;
