-- The feed ranks a followed topic's newest insights from insight_topics alone: each link carries
-- its insight's quality, its show and when it was stored, beside the published time and cluster it
-- already carried. A trigger copies them from the insight and its episode whenever a link is
-- written, so no writer (nor test) has to, and a change of an insight's quality follows.
--
-- No semicolon may appear inside a statement, not even in a comment: db:migration:create replays
-- this file through @prisma/adapter-pg, which splits scripts at every semicolon. The PL/pgSQL
-- bodies are therefore E'' strings that write each semicolon as \073.

-- DropIndex
DROP INDEX "insight_topics_feed_idx";

-- AlterTable
ALTER TABLE "insight_topics" ADD COLUMN     "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "podcast_id" TEXT,
ADD COLUMN     "quality_score" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Before a link is written: its insight's quality and creation time, and its episode's show.
CREATE FUNCTION "insight_topics_feed_columns_trigger"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT i."quality_score", i."created_at", e."podcast_id"
  INTO NEW."quality_score", NEW."created_at", NEW."podcast_id"
  FROM "insights" AS i JOIN "episodes" AS e ON e."id" = i."episode_id"
  WHERE i."id" = NEW."insight_id"\073
  RETURN NEW\073
END
';

-- After an insight's quality changes (re-extraction): its links follow.
CREATE FUNCTION "insights_feed_quality_trigger"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "insight_topics" SET "quality_score" = NEW."quality_score" WHERE "insight_id" = NEW."id"\073
  RETURN NULL\073
END
';

-- Backfill before the index exists, so it is built once.
UPDATE "insight_topics" AS it
SET "quality_score" = i."quality_score", "created_at" = i."created_at", "podcast_id" = e."podcast_id"
FROM "insights" AS i JOIN "episodes" AS e ON e."id" = i."episode_id"
WHERE i."id" = it."insight_id";

-- CreateIndex
CREATE INDEX "insight_topics_feed_idx" ON "insight_topics"("topic_id", "published_at" DESC, "insight_id", "cluster_id", "score", "quality_score", "podcast_id", "created_at");

CREATE TRIGGER "insight_topics_feed_columns" BEFORE INSERT OR UPDATE OF "insight_id" ON "insight_topics"
FOR EACH ROW EXECUTE FUNCTION "insight_topics_feed_columns_trigger"();

CREATE TRIGGER "insights_feed_quality" AFTER UPDATE OF "quality_score" ON "insights"
FOR EACH ROW WHEN (OLD."quality_score" IS DISTINCT FROM NEW."quality_score") EXECUTE FUNCTION "insights_feed_quality_trigger"();
