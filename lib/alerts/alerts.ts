/**
 * A reader's alerts and what they found. Every query names the reader in its where, so no id a reader
 * sends reaches another reader's alerts. Alerts are written in SQL because their full-text query is a
 * tsquery, which only PostgreSQL makes (phraseto_tsquery, the same stemming as the segments' vectors).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { parseReaderInput, SafeError } from "@/lib/errors";
import { type Embedder, configuredEmbedder } from "@/lib/insights/embeddings";
import { ALERTS_PER_READER_MAX, alertInput, type AlertDelivery } from "@/lib/alerts/alert-input";

export type AlertView = { id: string; phrase: string; delivery: AlertDelivery; createdAt: Date; matches: number };

export type AlertMatchView = {
  id: string;
  alertId: string;
  phrase: string;
  kind: "phrase" | "meaning";
  snippet: string;
  /** Seconds into the episode, or null for an untimed transcript. */
  startSeconds: number | null;
  /** Where to listen from the mention: the audio at that second, or the insight's page at its moment. */
  playHref: string | null;
  insightId: string | null;
  createdAt: Date;
  episode: { id: string; title: string; audioUrl: string | null };
  podcast: { id: string; title: string };
};

/**
 * Saves an alert for the reader. Refuses in words: input the schema refuses, a phrase made only of
 * words every episode says ("the", "and"), the same phrase twice, more than ALERTS_PER_READER_MAX.
 */
export async function createAlert(userId: string, raw: unknown, { embedder = configuredEmbedder() }: { embedder?: Embedder } = {}): Promise<{ id: string }> {
  const { phrase, delivery } = parseReaderInput(alertInput, raw, "Write the phrase or name to listen for.");
  const count = await db.alert.count({ where: { userId } });
  if (count >= ALERTS_PER_READER_MAX) throw new SafeError(`You have ${ALERTS_PER_READER_MAX} alerts, the most there can be. Remove one to add another.`, "conflict");
  const [{ lexemes }] = await db.$queryRaw<[{ lexemes: string[] }]>`
    SELECT tsvector_to_array(to_tsvector('english'::regconfig, ${phrase})) AS lexemes`;
  if (lexemes.length === 0) {
    throw new SafeError("That phrase has only words every episode says (like “the” or “and”). Add a name or a less common word.", "bad_request");
  }
  const [embedding] = await embedder.embed([phrase]);
  const id = randomUUID();
  // The key word: the longest, the rarest as a rule, so a transcript's words wake few alerts (match-alerts.ts).
  const keyLexeme = lexemes.toSorted((a, b) => b.length - a.length || (a < b ? -1 : 1))[0]!;
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO alerts (id, user_id, phrase, query, lexemes, key_lexeme, delivery, embedding, embedding_model)
    VALUES (${id}, ${userId}, ${phrase}, phraseto_tsquery('english'::regconfig, ${phrase}), ${lexemes}::text[], ${keyLexeme},
      ${delivery}::alert_delivery, ${embedding ? Array.from(embedding) : []}::double precision[], ${embedder.id})
    ON CONFLICT (user_id, lexemes) DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) throw new SafeError("You already have an alert for that phrase.", "conflict");
  return { id };
}

/** Removes one of the reader's alerts and what it found; an id that is not theirs removes nothing. */
export async function deleteAlert(userId: string, alertId: string): Promise<boolean> {
  const { count } = await db.alert.deleteMany({ where: { id: alertId, userId } });
  return count > 0;
}

export async function listAlerts(userId: string): Promise<AlertView[]> {
  const rows = await db.alert.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, phrase: true, delivery: true, createdAt: true, _count: { select: { matches: true } } },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, matches: _count.matches }));
}

export const alertMatchSelect = {
  id: true,
  alertId: true,
  kind: true,
  snippet: true,
  startSeconds: true,
  insightId: true,
  createdAt: true,
  alert: { select: { phrase: true } },
  episode: { select: { id: true, title: true, audioUrl: true, podcast: { select: { id: true, title: true } } } },
} as const;

type MatchRow = {
  id: string;
  alertId: string;
  kind: "phrase" | "meaning";
  snippet: string;
  startSeconds: number | null;
  insightId: string | null;
  createdAt: Date;
  alert: { phrase: string };
  episode: { id: string; title: string; audioUrl: string | null; podcast: { id: string; title: string } };
};

/** An http(s) address only: a feed's audio URL reaches an href, and must never be javascript:. */
function webAddress(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function toAlertMatchView(row: MatchRow): AlertMatchView {
  const at = row.startSeconds === null ? null : Math.max(0, Math.floor(row.startSeconds));
  const audio = webAddress(row.episode.audioUrl);
  // An insight's page plays from its moment; a phrase in the transcript plays from the episode's audio (a media fragment).
  const playHref = row.insightId
    ? `/insights/${encodeURIComponent(row.insightId)}${at === null ? "" : `?t=${at}`}`
    : audio
      ? `${audio.split("#")[0]}${at === null ? "" : `#t=${at}`}`
      : null;
  return {
    id: row.id,
    alertId: row.alertId,
    phrase: row.alert.phrase,
    kind: row.kind,
    snippet: row.snippet,
    startSeconds: at,
    playHref,
    insightId: row.insightId,
    createdAt: row.createdAt,
    episode: { id: row.episode.id, title: row.episode.title, audioUrl: audio },
    podcast: row.episode.podcast,
  };
}

/** The reader's newest matches, across their alerts (or one of them). */
export async function listAlertMatches(userId: string, { alertId, take = 100 }: { alertId?: string; take?: number } = {}): Promise<AlertMatchView[]> {
  const rows = await db.alertMatch.findMany({
    where: { userId, ...(alertId ? { alertId } : {}) },
    orderBy: [{ createdAt: "desc" }, { episodeId: "asc" }, { startSeconds: "asc" }],
    take,
    select: alertMatchSelect,
  });
  return rows.map(toAlertMatchView);
}

/** The matches a brief carries (delivery: brief), in the order they were said. */
export async function alertMatchesInBrief(userId: string, briefId: string): Promise<AlertMatchView[]> {
  const rows = await db.alertMatch.findMany({
    where: { userId, briefId },
    orderBy: [{ alert: { phrase: "asc" } }, { episodeId: "asc" }, { startSeconds: "asc" }],
    select: alertMatchSelect,
  });
  return rows.map(toAlertMatchView);
}

/** Every match of the reader's, oldest first, for export. */
export async function exportAlertMatches(userId: string) {
  return db.alertMatch.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      ...alertMatchSelect,
      segmentPosition: true,
      insight: { select: { headline: true, body: true, quote: true, speaker: true, startSeconds: true, endSeconds: true } },
      episode: { select: { id: true, title: true, audioUrl: true, publishedAt: true, createdAt: true, podcast: { select: { id: true, title: true } } } },
    },
  });
}
