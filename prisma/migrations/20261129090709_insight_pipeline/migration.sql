-- CreateEnum
CREATE TYPE "insight_status" AS ENUM ('pending', 'done', 'failed', 'skipped');

-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "insight_error" TEXT,
ADD COLUMN     "insight_input_tokens" INTEGER,
ADD COLUMN     "insight_model" TEXT,
ADD COLUMN     "insight_output_tokens" INTEGER,
ADD COLUMN     "insight_prompt_version" TEXT,
ADD COLUMN     "insight_status" "insight_status" NOT NULL DEFAULT 'pending',
ADD COLUMN     "insights_extracted_at" TIMESTAMP(3),
ADD COLUMN     "insights_ungrounded" INTEGER;

-- AlterTable
ALTER TABLE "insights" ADD COLUMN     "related_at" TIMESTAMP(3),
ADD COLUMN     "topic_labels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "insights_related_at_idx" ON "insights"("related_at");
