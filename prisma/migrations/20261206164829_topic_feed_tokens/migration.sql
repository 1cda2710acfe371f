-- AlterTable
ALTER TABLE "topics" ADD COLUMN     "feed_token_created_at" TIMESTAMP(3),
ADD COLUMN     "feed_token_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "topics_feed_token_hash_key" ON "topics"("feed_token_hash");
