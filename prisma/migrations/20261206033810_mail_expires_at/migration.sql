-- AlterTable
ALTER TABLE "mail_messages" ADD COLUMN     "expires_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "mail_messages_expires_at_idx" ON "mail_messages"("expires_at");
