-- CreateTable
CREATE TABLE "cluster_stances" (
    "insight_id" TEXT NOT NULL,
    "lead_insight_id" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "prompt_version" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_stances_pkey" PRIMARY KEY ("insight_id")
);

-- CreateIndex
CREATE INDEX "cluster_stances_lead_insight_id_idx" ON "cluster_stances"("lead_insight_id");

-- AddForeignKey
ALTER TABLE "cluster_stances" ADD CONSTRAINT "cluster_stances_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_stances" ADD CONSTRAINT "cluster_stances_lead_insight_id_fkey" FOREIGN KEY ("lead_insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;
