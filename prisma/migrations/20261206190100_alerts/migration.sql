-- CreateEnum
CREATE TYPE "alert_delivery" AS ENUM ('brief', 'email');

-- CreateEnum
CREATE TYPE "alert_match_kind" AS ENUM ('phrase', 'meaning');

-- CreateTable
CREATE TABLE "transcript_segments" (
    "episode_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "start_seconds" DOUBLE PRECISION NOT NULL,
    "end_seconds" DOUBLE PRECISION NOT NULL,
    "speaker" TEXT,
    "text" TEXT NOT NULL,
    "search_vector" tsvector,

    CONSTRAINT "transcript_segments_pkey" PRIMARY KEY ("episode_id","position")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "phrase" TEXT NOT NULL,
    "query" tsquery NOT NULL,
    "lexemes" TEXT[],
    "key_lexeme" TEXT NOT NULL,
    "delivery" "alert_delivery" NOT NULL DEFAULT 'brief',
    "embedding" DOUBLE PRECISION[],
    "embedding_model" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_matches" (
    "id" TEXT NOT NULL,
    "alert_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "kind" "alert_match_kind" NOT NULL,
    "match_key" TEXT NOT NULL,
    "segment_position" INTEGER,
    "insight_id" TEXT,
    "snippet" TEXT NOT NULL,
    "start_seconds" DOUBLE PRECISION,
    "score" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "brief_id" TEXT,
    "email_message_id" TEXT,
    "emailed_at" TIMESTAMP(3),

    CONSTRAINT "alert_matches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "transcript_segments_search_vector_idx" ON "transcript_segments" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "alerts_user_id_created_at_idx" ON "alerts"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_key_lexeme_idx" ON "alerts"("key_lexeme");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_user_id_lexemes_key" ON "alerts"("user_id", "lexemes");

-- CreateIndex
CREATE INDEX "alert_matches_user_id_created_at_idx" ON "alert_matches"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "alert_matches_episode_id_idx" ON "alert_matches"("episode_id");

-- CreateIndex
CREATE INDEX "alert_matches_insight_id_idx" ON "alert_matches"("insight_id");

-- CreateIndex
CREATE INDEX "alert_matches_brief_id_idx" ON "alert_matches"("brief_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_matches_alert_id_match_key_key" ON "alert_matches"("alert_id", "match_key");

-- AddForeignKey
ALTER TABLE "transcript_segments" ADD CONSTRAINT "transcript_segments_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_brief_id_fkey" FOREIGN KEY ("brief_id") REFERENCES "daily_briefs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written below (Prisma's diff does not look at functions or triggers, so it leaves them alone).
-- As in the search migration, no semicolon may appear inside a statement: the PL/pgSQL body writes
-- each one as \073.

-- A transcript's segments as rows, from its JSON, whenever it is stored or replaced: every path that
-- stores a transcript (a feed, the demo, speech-to-text, a test) gets them without knowing about them.
-- Show-notes stand-ins get none: they are not what was said.
CREATE FUNCTION "transcript_segments_trigger"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "transcript_segments" WHERE "episode_id" = NEW."episode_id"\073
  IF NOT NEW."is_show_notes_fallback" AND jsonb_typeof(NEW."segments") = ''array'' THEN
    INSERT INTO "transcript_segments" ("episode_id", "position", "start_seconds", "end_seconds", "speaker", "text", "search_vector")
    SELECT NEW."episode_id", (s.ordinality - 1)::int,
      coalesce((s.value->>''start'')::double precision, 0), coalesce((s.value->>''end'')::double precision, 0),
      s.value->>''speaker'', s.value->>''text'', to_tsvector(''english''::regconfig, s.value->>''text'')
    FROM jsonb_array_elements(NEW."segments") WITH ORDINALITY AS s
    WHERE jsonb_typeof(s.value) = ''object'' AND coalesce(s.value->>''text'', '''') <> ''''\073
  END IF\073
  RETURN NULL\073
END
';

-- Backfill: the transcripts stored before this migration.
INSERT INTO "transcript_segments" ("episode_id", "position", "start_seconds", "end_seconds", "speaker", "text", "search_vector")
SELECT t."episode_id", (s.ordinality - 1)::int,
  coalesce((s.value->>'start')::double precision, 0), coalesce((s.value->>'end')::double precision, 0),
  s.value->>'speaker', s.value->>'text', to_tsvector('english'::regconfig, s.value->>'text')
FROM "transcripts" AS t, jsonb_array_elements(CASE WHEN jsonb_typeof(t."segments") = 'array' THEN t."segments" ELSE '[]'::jsonb END) WITH ORDINALITY AS s
WHERE NOT t."is_show_notes_fallback" AND jsonb_typeof(s.value) = 'object' AND coalesce(s.value->>'text', '') <> '';

CREATE TRIGGER "transcript_segments" AFTER INSERT OR UPDATE OF "segments", "is_show_notes_fallback" ON "transcripts"
FOR EACH ROW EXECUTE FUNCTION "transcript_segments_trigger"();
