-- CreateIndex
CREATE INDEX "daily_briefs_user_id_scheduled_for_idx" ON "daily_briefs"("user_id", "scheduled_for" DESC);
