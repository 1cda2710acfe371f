/**
 * Reading stored briefs: the email, the web version and the archive all show these rows, so what a
 * reader was sent is what they find on the web. Every read is scoped by the reader.
 */
import "server-only";
import { db } from "@/lib/db";
import { isBriefDate, type BriefDate } from "@/lib/brief/brief-schedule";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { loadInsightCards } from "@/lib/cards/load-insight-cards";
import { alertMatchesInBrief, type AlertMatchView } from "@/lib/alerts/alerts";

export type BriefItemView = { position: number; reason: string; insight: InsightCardData };

/** The saved insight that came back at the end of the brief ("From your saved"). */
export type SavedReturnView = {
  insight: InsightCardData;
  /** The reader said "Don't show again" since. */
  stopped: boolean;
};

export type BriefView = {
  id: string;
  userId: string;
  briefDate: BriefDate;
  status: "pending" | "sending" | "sent" | "unconfirmed" | "failed" | "empty";
  note: string | null;
  scheduledFor: Date;
  sentAt: Date | null;
  items: BriefItemView[];
  /** Null when none came back, or the reader has unsaved it since. */
  savedReturn: SavedReturnView | null;
  /** What the reader's alerts found since their last brief: the brief's own section. */
  alerts: AlertMatchView[];
};

const briefSelect = {
  id: true,
  userId: true,
  briefDate: true,
  status: true,
  note: true,
  scheduledFor: true,
  sentAt: true,
  savedReturnInsightId: true,
  items: { select: { position: true, reason: true, insightId: true }, orderBy: { position: "asc" } },
} as const;

/** One brief of this reader's, with its items in order; null when it is not theirs or does not exist. */
export async function loadBrief(userId: string, where: { briefId: string } | { briefDate: BriefDate }): Promise<BriefView | null> {
  // No brief is dated off the calendar, and such a date would reach the database as an invalid timestamp.
  if ("briefDate" in where && !isBriefDate(where.briefDate)) return null;
  const brief = await db.dailyBrief.findFirst({
    where: "briefId" in where ? { id: where.briefId, userId } : { userId, briefDate: new Date(`${where.briefDate}T00:00:00Z`) },
    select: briefSelect,
  });
  if (!brief) return null;
  const { savedReturnInsightId, ...stored } = brief;
  // Unsaved since, it is no longer the reader's to come back.
  const save = savedReturnInsightId
    ? await db.savedInsight.findUnique({ where: { userId_insightId: { userId, insightId: savedReturnInsightId } }, select: { returnsStoppedAt: true } })
    : null;
  // An insight removed since (its episode deleted) leaves the brief shorter, never broken.
  const [cards, alerts] = await Promise.all([
    loadInsightCards([...brief.items.map((item) => item.insightId), ...(save ? [savedReturnInsightId!] : [])], userId),
    alertMatchesInBrief(userId, brief.id),
  ]);
  const returned = save ? cards.get(savedReturnInsightId!) : undefined;
  return {
    ...stored,
    savedReturn: returned ? { insight: returned, stopped: save!.returnsStoppedAt !== null } : null,
    briefDate: brief.briefDate.toISOString().slice(0, 10),
    alerts,
    items: brief.items.flatMap((item) => {
      const insight = cards.get(item.insightId);
      return insight ? [{ position: item.position, reason: item.reason, insight }] : [];
    }),
  };
}

/** The reader's newest brief, if any. */
export async function latestBriefDate(userId: string): Promise<BriefDate | null> {
  const brief = await db.dailyBrief.findFirst({ where: { userId }, orderBy: { briefDate: "desc" }, select: { briefDate: true } });
  return brief ? brief.briefDate.toISOString().slice(0, 10) : null;
}

export type BriefArchiveEntry = { briefDate: BriefDate; status: BriefView["status"]; itemCount: number; headline: string | null };

/** The reader's briefs, newest first, with each one's top headline; with `before`, only those dated earlier (the next page). */
export async function listBriefArchive(userId: string, { take = 60, before }: { take?: number; before?: BriefDate } = {}): Promise<BriefArchiveEntry[]> {
  const briefs = await db.dailyBrief.findMany({
    where: { userId, ...(before && isBriefDate(before) ? { briefDate: { lt: new Date(`${before}T00:00:00Z`) } } : {}) },
    orderBy: { briefDate: "desc" },
    take,
    select: {
      briefDate: true,
      status: true,
      _count: { select: { items: true } },
      items: { where: { position: 0 }, select: { insight: { select: { headline: true } } } },
    },
  });
  return briefs.map((brief) => ({
    briefDate: brief.briefDate.toISOString().slice(0, 10),
    status: brief.status,
    itemCount: brief._count.items,
    headline: brief.items[0]?.insight.headline ?? null,
  }));
}

/** Which of a brief's insights this reader has saved. */
export async function savedInBrief(userId: string, brief: BriefView): Promise<Set<string>> {
  const rows = await db.savedInsight.findMany({
    where: { userId, insightId: { in: brief.items.map((item) => item.insight.id) } },
    select: { insightId: true },
  });
  return new Set(rows.map((row) => row.insightId));
}
