/**
 * Fills the bench database with a realistic feed workload in a few set-based SQL statements
 * (INSERT … SELECT over generate_series), never row by row through Prisma: a million insights take
 * about a minute instead of hours.
 *
 * The shape:
 * - podcasts and their episodes spread over the last 60 days, each episode's insights published
 *   with it (insights are written as episodes are read, so their physical order follows time);
 * - every insight has 1-3 topics, popular topics far more common than the rest (rank r is chosen
 *   with probability ∝ the density of u² for uniform u: the top tenth of topics holds about a third
 *   of the links); insight_topics copies published_at, cluster_id, quality_score, podcast_id and created_at as the app's trigger does, and insights carry their episode's podcast_id as theirs does (seeding runs with triggers off);
 * - about 15% of insights sit in clusters of 2-4 members from neighbouring episodes of different shows;
 * - readers follow 3-8 topics with the same skew and 0-5 podcasts (popular shows likelier), and
 *   have up to 30 feed events each (opens, hides, saves, more / less like this on an insight, a topic
 *   or a show) on recent insights.
 *
 * The seed runs with session_replication_role = replica, which skips the foreign-key checks (the
 * rows are consistent by construction) and the user triggers, among them the one that writes
 * insights.search_vector. The vector is left null unless `searchVector` is set: the feed never reads
 * it, and filling it costs minutes of to_tsvector on a million rows. Embeddings are empty arrays for
 * the same reason.
 */
import type pg from "pg";

export type SeedSize = {
  insights: number;
  episodes: number;
  podcasts: number;
  topics: number;
  readers: number;
  /** Backfill insights.search_vector after the load (what the disabled trigger would have written). */
  searchVector: boolean;
};

export const WINDOW_DAYS = 60;

/** Ids carry a prefix per table so a bench row is recognizable anywhere. */
const id = (prefix: string, column: string, width: number) => `'${prefix}' || lpad((${column})::text, ${width}, '0')`;
/** A stable non-negative pseudo-random integer from an integer expression (abs() of hashint4 can overflow). */
const hash = (expression: string) => `(hashint4((${expression})::int)::bigint & 2147483647)`;

export async function seedFeedWorkload(client: pg.Client, size: SeedSize, log: (message: string) => void): Promise<void> {
  const { insights: N, episodes: E, podcasts: P, topics: T, readers: R } = size;
  // Insights per episode, and so the episode of insight n is floor(n / K).
  const K = Math.max(1, Math.floor(N / E));
  const episodes = Math.ceil(N / K);

  await client.query("SET session_replication_role = replica");
  await client.query("SET TIME ZONE 'UTC'");
  await client.query("SET maintenance_work_mem = '256MB'");
  await client.query("SELECT setseed(0.2026)");
  // The window ends two hours ago, so every insight's created_at is in the past as the feed requires.
  const { rows } = await client.query<{ window_end: Date }>("SELECT (date_trunc('second', now()) - interval '2 hours')::timestamp(3) AS window_end");
  const windowEnd = rows[0]!.window_end.toISOString();
  const windowStart = `'${windowEnd}'::timestamp(3) - interval '${WINDOW_DAYS} days'`;
  // Episode e's publication time: its share of the window plus up to half an hour of jitter.
  const episodeTime = (e: string) => `(${windowStart} + interval '${WINDOW_DAYS} days' * ((${e})::float8 / ${episodes}) + interval '1 second' * (${hash(e)} % 1800))::timestamp(3)`;

  const step = async (label: string, sql: string) => {
    const started = performance.now();
    const result = await client.query(sql);
    log(`  ${label}: ${(result.rowCount ?? 0).toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  await step(
    "topics",
    `INSERT INTO topics (id, slug, name, description, kind, embedding)
     SELECT ${id("bt", "t", 4)}, 'bench-topic-' || t, 'Bench topic ' || t, 'A curated bench topic, number ' || t, 'curated', '{}'
     FROM generate_series(0, ${T - 1}) AS t`,
  );
  await step(
    "podcasts",
    `INSERT INTO podcasts (id, feed_url, title, author, description, language, categories, last_success_at, updated_at)
     SELECT ${id("bp", "p", 6)}, 'https://bench.podbrief.invalid/feeds/' || p, 'Bench show ' || p, 'Host ' || p,
            'A show made up for the feed bench.', 'en', ARRAY['News'], now(), now()
     FROM generate_series(0, ${P - 1}) AS p`,
  );
  await step(
    "episodes",
    `INSERT INTO episodes (id, podcast_id, guid, title, published_at, duration_seconds, audio_url, audio_type,
                           transcript_status, insight_status, insight_model, insight_prompt_version, insights_extracted_at, updated_at)
     SELECT ${id("be", "e", 7)}, ${id("bp", `e % ${P}`, 6)}, 'guid-' || e, 'Episode ' || e || ' of show ' || (e % ${P}) || ': ' || md5(e::text),
            ${episodeTime("e")}, 3600, 'https://bench.podbrief.invalid/audio/' || e || '.mp3', 'audio/mpeg',
            'fetched', 'done', 'bench', 'v1', ${episodeTime("e")} + interval '20 minutes', now()
     FROM generate_series(0, ${episodes - 1}) AS e`,
  );

  // Clusters: episodes go in blocks of 12 (divisible by 2, 3 and 4); within a block, insight position
  // p of a group of s neighbouring episodes (s = 2..4, by block and position) may form one cluster.
  // Neighbouring episodes belong to different shows (podcast = episode mod P) and are hours apart.
  const clusterKey = `(n / ${K}) / 12, n % ${K}, ((n / ${K}) % 12) / (2 + ${hash(`((n / ${K}) / 12) * ${K} + n % ${K}`)} % 3)`;
  const clusterId = `'bc' || ((n / ${K}) / 12) || '-' || (n % ${K}) || '-' || (((n / ${K}) % 12) / (2 + ${hash(`((n / ${K}) / 12) * ${K} + n % ${K}`)} % 3))`;
  const clustered = `(hashtext(concat_ws('-', ${clusterKey}))::bigint & 2147483647) % 100 < 15`;
  await step(
    "insights",
    `INSERT INTO insights (id, episode_id, headline, body, quote, start_seconds, end_seconds, speaker, quality_score,
                           topic_labels, model, prompt_version, input_tokens, output_tokens, embedding, embedding_model,
                           cluster_id, related_at, published_at, created_at, podcast_id)
     SELECT ${id("bi", "n", 8)}, ${id("be", `n / ${K}`, 7)},
            'Insight ' || n || ' on ' || left(md5(n::text), 12 + n % 20) || ' and what it means',
            'Body of insight ' || n || '. ' || repeat(md5(n::text) || ' ', 3 + n % 6),
            'Quote of insight ' || n || ': ' || repeat(md5((n + 7)::text) || ' ', 2 + n % 4),
            (n % ${K}) * 300, (n % ${K}) * 300 + 40, 'Speaker ' || (n % 5),
            round((0.3 + 0.65 * random())::numeric, 3)::float8,
            ARRAY['label ' || (n % 97)], 'bench', 'v1', 400, 80, '{}', NULL,
            CASE WHEN ${clustered} THEN ${clusterId} END,
            ${episodeTime(`n / ${K}`)} + interval '40 minutes',
            ${episodeTime(`n / ${K}`)}, ${episodeTime(`n / ${K}`)} + interval '10 minutes',
            ${id("bp", `(n / ${K}) % ${P}`, 6)}
     FROM generate_series(0, ${N - 1}) AS n`,
  );
  await step(
    "clusters",
    `INSERT INTO clusters (id, label, representative_insight_id, size, updated_at)
     SELECT cluster_id, 'Bench cluster ' || cluster_id, min(id), count(*), now()
     FROM insights WHERE cluster_id IS NOT NULL GROUP BY cluster_id`,
  );
  await step(
    "insight_topics",
    `INSERT INTO insight_topics (insight_id, topic_id, score, published_at, cluster_id, quality_score, podcast_id, created_at)
     SELECT i.id, ${id("bt", `floor(${T} * power(random(), 2))::int`, 4)}, round((0.3 + 1.2 * random())::numeric, 3)::float8, i.published_at, i.cluster_id,
       i.quality_score, e.podcast_id, i.created_at
     FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id
     CROSS JOIN LATERAL generate_series(1, 1 + (hashtext(i.id)::bigint & 2147483647) % 3) AS k
     ON CONFLICT DO NOTHING`,
  );
  await step(
    "readers",
    `INSERT INTO users (id, name, email, email_verified, time_zone, brief_hour, onboarded_at, updated_at)
     SELECT ${id("bu", "r", 6)}, 'Reader ' || r, 'reader' || r || '@bench.podbrief.invalid', now(), 'UTC', 7, now(), now()
     FROM generate_series(0, ${R - 1}) AS r`,
  );
  await step(
    "topic_follows",
    `INSERT INTO topic_follows (user_id, topic_id)
     SELECT ${id("bu", "r", 6)}, ${id("bt", `floor(${T} * power(random(), 2))::int`, 4)}
     FROM generate_series(0, ${R - 1}) AS r CROSS JOIN LATERAL generate_series(1, 3 + ${hash("r")} % 6) AS k
     ON CONFLICT DO NOTHING`,
  );
  await step(
    "podcast_subscriptions",
    `INSERT INTO podcast_subscriptions (user_id, podcast_id)
     SELECT ${id("bu", "r", 6)}, ${id("bp", `floor(${P} * power(random(), 3))::int`, 6)}
     FROM generate_series(0, ${R - 1}) AS r CROSS JOIN LATERAL generate_series(1, ${hash("r + 1")} % 6) AS k
     ON CONFLICT DO NOTHING`,
  );
  // Events aim at insights of the last week, where the feed's candidates come from.
  const recentFrom = Math.max(0, N - Math.ceil((N * 7) / WINDOW_DAYS));
  await step(
    "feed_events",
    `INSERT INTO feed_events (id, user_id, kind, insight_id, topic_id, podcast_id, created_at)
     SELECT 'bf' || r || '-' || k, ${id("bu", "r", 6)}, kind,
            CASE WHEN target = 'insight' THEN ${id("bi", `${recentFrom} + floor(random() * ${N - recentFrom})::int`, 8)} END,
            CASE WHEN target = 'topic' THEN ${id("bt", `floor(${T} * power(random(), 2))::int`, 4)} END,
            CASE WHEN target = 'podcast' THEN ${id("bp", `floor(${P} * power(random(), 3))::int`, 6)} END,
            '${windowEnd}'::timestamp(3) - interval '14 days' * random()
     FROM (
       SELECT r, k, draw.kind,
              CASE WHEN draw.kind IN ('opened', 'hidden', 'saved', 'seen') OR v < 0.5 THEN 'insight' WHEN v < 0.8 THEN 'topic' ELSE 'podcast' END AS target
       FROM (
         -- random() in a derived table's select list: drawn per row (in a LATERAL subquery Postgres may draw it once).
         SELECT r, k, v,
                (CASE WHEN u < 0.5 THEN 'opened' WHEN u < 0.65 THEN 'hidden' WHEN u < 0.75 THEN 'saved'
                      WHEN u < 0.85 THEN 'more_like_this' WHEN u < 0.95 THEN 'less_like_this' ELSE 'seen' END)::feed_event_kind AS kind
         FROM (
           SELECT r, k, random() AS u, random() AS v
           FROM generate_series(0, ${R - 1}) AS r CROSS JOIN LATERAL generate_series(1, ${hash("r + 2")} % 31) AS k
         ) AS dice
       ) AS draw
     ) AS chosen`,
  );
  await step(
    "saved_insights",
    `INSERT INTO saved_insights (user_id, insight_id, created_at)
     SELECT user_id, insight_id, min(created_at) FROM feed_events WHERE kind = 'saved' GROUP BY user_id, insight_id`,
  );
  await client.query("SET session_replication_role = origin");

  if (size.searchVector) {
    await step(
      "search_vector backfill",
      `UPDATE insights AS i SET search_vector = insight_search_vector(i.headline, i.body, i.quote, e.title)
       FROM episodes AS e WHERE e.id = i.episode_id`,
    );
  }
  const started = performance.now();
  await client.query("VACUUM (ANALYZE)");
  log(`  vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
