-- Full-text search over insights. The column and its GIN index are declared in schema.prisma, so
-- later `db:migration:create` runs keep them. The function and triggers that fill the column are
-- hand-written here: Prisma's diff does not look at functions or triggers, so it leaves them alone.
--
-- The episode's title goes into each of its insights' vectors (weight D) rather than into a vector
-- of its own on episodes: results are insights either way, and one vector means one GIN index scan
-- and one rank, with no OR across a join that no single index can answer.
--
-- No semicolon may appear inside a statement, not even in a comment: db:migration:create replays
-- this file in its shadow database through @prisma/adapter-pg, which splits scripts at every
-- semicolon. The PL/pgSQL bodies are therefore E'' strings that write each semicolon as \073.

-- AlterTable
ALTER TABLE "insights" ADD COLUMN     "search_vector" tsvector;

-- The one definition of an insight's vector: headline above body above quote above episode title.
CREATE FUNCTION "insight_search_vector"("headline" TEXT, "body" TEXT, "quote" TEXT, "episode_title" TEXT)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce($1, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce($2, '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce($3, '')), 'C')
      || setweight(to_tsvector('english'::regconfig, coalesce($4, '')), 'D')
$$;

-- Before an insight is written: its vector from its own text and its episode's title.
CREATE FUNCTION "insights_search_vector_trigger"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."search_vector" := "insight_search_vector"(
    NEW."headline", NEW."body", NEW."quote",
    (SELECT "title" FROM "episodes" WHERE "id" = NEW."episode_id")
  )\073
  RETURN NEW\073
END
';

-- After an episode is retitled: its insights' vectors follow.
CREATE FUNCTION "episodes_search_title_trigger"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "insights"
  SET "search_vector" = "insight_search_vector"("headline", "body", "quote", NEW."title")
  WHERE "episode_id" = NEW."id"\073
  RETURN NULL\073
END
';

-- Backfill before the index exists, so it is built once.
UPDATE "insights" AS i
SET "search_vector" = "insight_search_vector"(i."headline", i."body", i."quote", e."title")
FROM "episodes" AS e
WHERE e."id" = i."episode_id";

-- CreateIndex
CREATE INDEX "insights_search_vector_idx" ON "insights" USING GIN ("search_vector");

CREATE TRIGGER "insights_search_vector" BEFORE INSERT OR UPDATE OF "headline", "body", "quote", "episode_id" ON "insights"
FOR EACH ROW EXECUTE FUNCTION "insights_search_vector_trigger"();

CREATE TRIGGER "episodes_search_title" AFTER UPDATE OF "title" ON "episodes"
FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title") EXECUTE FUNCTION "episodes_search_title_trigger"();
