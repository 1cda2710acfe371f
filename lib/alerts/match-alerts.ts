/**
 * Matching a new transcript against every reader's alerts, without a scan per alert.
 *
 * By phrase: one SQL statement per transcript (phraseMatchQuery). A reverse index, alerts by their
 * key word, finds the alerts a segment may match; only those are tried on it (`search_vector @@
 * query`, a phrase query, so the words must come in order), with the next segment too, so a phrase
 * cut by a cue's edge is found. `npm run bench:alerts` prints the plan.
 *
 * By meaning: the episode's insights against the alerts' embeddings, in this process; the embeddings
 * are cached per process (an alert's never changes), so a run reads only the alerts new since the last.
 *
 * Matches are inserted with ON CONFLICT DO NOTHING on (alert, what matched): running again on the
 * same transcript, as a retried job or the run after insights does, adds nothing.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { OFFLINE_EMBEDDER_ID, configuredEmbedder } from "@/lib/insights/embeddings";
import { sentenceAround } from "@/lib/alerts/alert-snippet";

/** Mentions kept per alert and episode: an alert on a word a show says all the time still reads as a list, not a transcript. */
export const MENTIONS_PER_EPISODE = 5;

/**
 * An insight at least this close in meaning to an alert's phrase matches it. For the offline embedder
 * a short phrase and an insight's headline and body about it score 0.45-0.65 on the demo episodes,
 * unrelated ones under 0.35; a provider's model is a guess until measured the same way.
 */
export function alertMeaningFloor(embedderId: string): number {
  return embedderId === OFFLINE_EMBEDDER_ID ? 0.5 : 0.5;
}

type PhraseHit = {
  alert_id: string;
  user_id: string;
  phrase: string;
  position: number;
  start_seconds: number;
  end_seconds: number;
  text: string;
  before: string | null;
  after: string | null;
};

type NewMatch = {
  alertId: string;
  userId: string;
  kind: "phrase" | "meaning";
  matchKey: string;
  segmentPosition: number | null;
  insightId: string | null;
  snippet: string;
  startSeconds: number | null;
  score: number | null;
};

/**
 * The phrase matching statement; the bench runs it under EXPLAIN ANALYZE. Each segment's words (its
 * own and the next one's, for a phrase across a cue's edge) are joined to the alerts by their key
 * word (alerts.key_lexeme, indexed), so only the alerts whose rarest word is said in a segment are
 * tried on it: the work follows the transcript's words, not the number of alerts. The segments are
 * materialized, and each neighbour comes from a window rather than a self-join: they were written a
 * moment ago, before any ANALYZE, and a planner that took them for one row re-ran the lookup per segment.
 */
export function phraseMatchQuery(episodeId: string): Prisma.Sql {
  return Prisma.sql`
    WITH segments AS MATERIALIZED (
      SELECT position, start_seconds, end_seconds, text, search_vector,
        lead(search_vector) OVER (ORDER BY position) AS next_vector,
        lag(text) OVER (ORDER BY position) AS before, lead(text) OVER (ORDER BY position) AS after
      FROM transcript_segments WHERE episode_id = ${episodeId}
    ), hits AS (
      SELECT a.id AS alert_id, a.user_id, a.phrase, s.position, s.start_seconds, s.end_seconds, s.text, s.before, s.after,
        row_number() OVER (PARTITION BY a.id ORDER BY s.position) AS mention
      FROM segments AS s
      CROSS JOIN LATERAL unnest(tsvector_to_array(s.search_vector || coalesce(s.next_vector, ''::tsvector))) AS word(lexeme)
      JOIN alerts AS a ON a.key_lexeme = word.lexeme
      WHERE s.search_vector @@ a.query
        OR (NOT coalesce(s.next_vector @@ a.query, false) AND (s.search_vector || s.next_vector) @@ a.query)
    )
    SELECT alert_id, user_id, phrase, position, start_seconds, end_seconds, text, before, after
    FROM hits WHERE mention <= ${MENTIONS_PER_EPISODE}`;
}

/** Untimed transcripts have every segment at 0: no moment to play from. */
function timeOf(start: number, end: number, untimed: boolean): number | null {
  return untimed || (start === 0 && end === 0) ? null : start;
}

export async function findPhraseMatches(episodeId: string): Promise<NewMatch[]> {
  const hits = await db.$queryRaw<PhraseHit[]>(phraseMatchQuery(episodeId));
  if (hits.length === 0) return [];
  const untimed = !(await db.transcriptSegment.findFirst({ where: { episodeId, endSeconds: { gt: 0 } }, select: { position: true } }));
  return hits.map((hit) => ({
    alertId: hit.alert_id,
    userId: hit.user_id,
    kind: "phrase",
    matchKey: `segment:${hit.position}`,
    segmentPosition: hit.position,
    insightId: null,
    snippet: sentenceAround({ before: hit.before, text: hit.text, after: hit.after }, hit.phrase),
    startSeconds: timeOf(hit.start_seconds, hit.end_seconds, untimed),
    score: null,
  }));
}

type CachedAlert = { userId: string; embedding: Float32Array };
type AlertCache = { alerts: Map<string, CachedAlert>; newest: number };
const globalForAlerts = globalThis as unknown as { podbriefAlertEmbeddings?: Map<string, AlertCache> };

/**
 * Every alert's embedding in this vector space, by alert id: read once per process, then only when
 * the alerts changed (their count or newest creation time says so), and then only the new ones.
 */
async function alertEmbeddings(embeddingModel: string): Promise<Map<string, CachedAlert>> {
  const byModel = (globalForAlerts.podbriefAlertEmbeddings ??= new Map());
  const cache = byModel.get(embeddingModel) ?? { alerts: new Map<string, CachedAlert>(), newest: 0 };
  byModel.set(embeddingModel, cache);
  const [state] = await db.$queryRaw<[{ count: number; newest: Date | null }]>`
    SELECT count(*)::int AS count, max(created_at) AS newest FROM alerts WHERE embedding_model = ${embeddingModel}`;
  if (state.count === cache.alerts.size && (state.newest?.getTime() ?? 0) === cache.newest) return cache.alerts;
  const ids = await db.alert.findMany({ where: { embeddingModel }, select: { id: true } });
  const current = new Set(ids.map((row) => row.id));
  for (const id of cache.alerts.keys()) if (!current.has(id)) cache.alerts.delete(id);
  const missing = ids.map((row) => row.id).filter((id) => !cache.alerts.has(id));
  for (let start = 0; start < missing.length; start += 2_000) {
    const rows = await db.alert.findMany({ where: { id: { in: missing.slice(start, start + 2_000) } }, select: { id: true, userId: true, embedding: true } });
    for (const row of rows) cache.alerts.set(row.id, { userId: row.userId, embedding: Float32Array.from(row.embedding) });
  }
  cache.newest = state.newest?.getTime() ?? 0;
  return cache.alerts;
}

export async function findMeaningMatches(episodeId: string, embeddingModel = configuredEmbedder().id): Promise<NewMatch[]> {
  const insights = await db.insight.findMany({
    where: { episodeId, embeddingModel },
    select: { id: true, headline: true, startSeconds: true, endSeconds: true, embedding: true },
  });
  if (insights.length === 0) return [];
  const alerts = await alertEmbeddings(embeddingModel);
  const floor = alertMeaningFloor(embeddingModel);
  const dims = insights[0]!.embedding.length;
  const comparable = insights.filter((insight) => insight.embedding.length === dims);
  // The episode's insights in one block, four compared per pass over an alert's vector: each of the
  // alert's numbers is read once for four products, which halves the time of 10,000 alerts.
  const matrix = new Float32Array(comparable.length * dims);
  comparable.forEach((insight, index) => matrix.set(insight.embedding, index * dims));
  const scores = new Float64Array(comparable.length);
  const found: NewMatch[] = [];
  for (const [alertId, alert] of alerts) {
    if (alert.embedding.length !== dims) continue;
    // Both vectors are L2-normalized by the embedder: their dot product is their cosine.
    dotProducts(alert.embedding, matrix, dims, scores);
    for (let index = 0; index < comparable.length; index++) {
      const score = scores[index]!;
      if (score < floor) continue;
      const insight = comparable[index]!;
      found.push({
        alertId,
        userId: alert.userId,
        kind: "meaning",
        matchKey: `insight:${insight.id}`,
        segmentPosition: null,
        insightId: insight.id,
        snippet: insight.headline,
        startSeconds: insight.endSeconds > 0 ? insight.startSeconds : null,
        score,
      });
    }
  }
  return found;
}

/** out[k] = the dot product of `vector` with row k of `matrix` (rows of `dims` numbers). */
export function dotProducts(vector: Float32Array, matrix: Float32Array, dims: number, out: Float64Array): void {
  const rows = matrix.length / dims;
  let row = 0;
  for (; row + 4 <= rows; row += 4) {
    const a = row * dims;
    const b = a + dims;
    const c = b + dims;
    const d = c + dims;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < dims; i++) {
      const value = vector[i]!;
      s0 += matrix[a + i]! * value;
      s1 += matrix[b + i]! * value;
      s2 += matrix[c + i]! * value;
      s3 += matrix[d + i]! * value;
    }
    out[row] = s0;
    out[row + 1] = s1;
    out[row + 2] = s2;
    out[row + 3] = s3;
  }
  for (; row < rows; row++) {
    const a = row * dims;
    let sum = 0;
    for (let i = 0; i < dims; i++) sum += matrix[a + i]! * vector[i]!;
    out[row] = sum;
  }
}

/** Stores what is new among these matches; returns the ids stored now (none on a second run). */
async function storeMatches(episodeId: string, matches: NewMatch[]): Promise<string[]> {
  if (matches.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO alert_matches (id, alert_id, user_id, episode_id, kind, match_key, segment_position, insight_id, snippet, start_seconds, score)
    SELECT m.id, m.alert_id, m.user_id, ${episodeId}, m.kind::alert_match_kind, m.match_key, m.segment_position, m.insight_id, m.snippet, m.start_seconds, m.score
    FROM unnest(${matches.map(() => randomUUID())}::text[], ${matches.map((m) => m.alertId)}::text[], ${matches.map((m) => m.userId)}::text[],
      ${matches.map((m) => m.kind)}::text[], ${matches.map((m) => m.matchKey)}::text[], ${matches.map((m) => m.segmentPosition)}::int[],
      ${matches.map((m) => m.insightId)}::text[], ${matches.map((m) => m.snippet)}::text[], ${matches.map((m) => m.startSeconds)}::double precision[],
      ${matches.map((m) => m.score)}::double precision[])
      AS m(id, alert_id, user_id, kind, match_key, segment_position, insight_id, snippet, start_seconds, score)
    -- An alert removed while this ran has nothing to keep.
    WHERE EXISTS (SELECT 1 FROM alerts AS a WHERE a.id = m.alert_id)
    ON CONFLICT (alert_id, match_key) DO NOTHING
    RETURNING id`;
  return rows.map((row) => row.id);
}

export type AlertMatchOutcome = { phrase: number; meaning: number; userIds: string[] };

/** Matches one episode's transcript and insights against every alert; safe to run again. */
export async function matchEpisodeAlerts(episodeId: string, { embeddingModel }: { embeddingModel?: string } = {}): Promise<AlertMatchOutcome> {
  const phrase = await findPhraseMatches(episodeId);
  const meaning = await findMeaningMatches(episodeId, embeddingModel);
  const storedPhrase = await storeMatches(episodeId, phrase);
  const storedMeaning = await storeMatches(episodeId, meaning);
  const userIds = [...new Set([...phrase, ...meaning].map((match) => match.userId))];
  return { phrase: storedPhrase.length, meaning: storedMeaning.length, userIds };
}
