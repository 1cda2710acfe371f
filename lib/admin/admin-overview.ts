/**
 * What the admin page reads: readers, shows, the feeds that fail, and the month's model spend against
 * its budget. The job queue has its own module (lib/admin/job-queue.ts). Every list is bounded.
 */
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { type BudgetStatus, modelBudgetStatus, monthBounds } from "@/lib/insights/model-budget";
import { isAdmin } from "@/lib/admin/admin-access";

export type AdminUser = { id: string; email: string | null; createdAt: Date; onboarded: boolean; admin: boolean; shows: number };

export async function listUsers(take = 50): Promise<{ total: number; newest: AdminUser[] }> {
  const [total, rows] = await Promise.all([
    db.user.count(),
    db.user.findMany({ orderBy: { createdAt: "desc" }, take, select: { id: true, email: true, createdAt: true, onboardedAt: true, _count: { select: { subscriptions: true } } } }),
  ]);
  const admins = getEnv().ADMIN_EMAILS;
  return {
    total,
    newest: rows.map((row) => ({ id: row.id, email: row.email, createdAt: row.createdAt, onboarded: row.onboardedAt !== null, admin: isAdmin(row, admins), shows: row._count.subscriptions })),
  };
}

export type AdminShow = { id: string; title: string; feedUrl: string; readers: number; episodes: number; status: string; lastSuccessAt: Date | null; isDemo: boolean };

export async function listShows(take = 50): Promise<{ total: number; shows: AdminShow[] }> {
  const [total, rows] = await Promise.all([
    db.podcast.count(),
    db.podcast.findMany({
      orderBy: [{ subscriptions: { _count: "desc" } }, { title: "asc" }],
      take,
      select: { id: true, title: true, feedUrl: true, addStatus: true, lastSuccessAt: true, isDemo: true, _count: { select: { subscriptions: true, episodes: true } } },
    }),
  ]);
  return {
    total,
    shows: rows.map((row) => ({ id: row.id, title: row.title, feedUrl: row.feedUrl, readers: row._count.subscriptions, episodes: row._count.episodes, status: row.addStatus, lastSuccessAt: row.lastSuccessAt, isDemo: row.isDemo })),
  };
}

export type FailingFeed = {
  id: string;
  title: string;
  feedUrl: string;
  error: string | null;
  failedAt: Date | null;
  /** Polls in a row that failed; a show whose first read failed counts as one. */
  failures: number;
  firstReadFailed: boolean;
  lastSuccessAt: Date | null;
  readers: number;
};

/** Shows whose last read failed: a first read that never worked, or polls failing since the last success. */
export async function listFailingFeeds(take = 100): Promise<FailingFeed[]> {
  const rows = await db.podcast.findMany({
    where: { isDemo: false, OR: [{ addStatus: "failed" }, { consecutiveFailures: { gt: 0 } }] },
    orderBy: [{ lastErrorAt: { sort: "desc", nulls: "last" } }],
    take,
    select: { id: true, title: true, feedUrl: true, lastError: true, lastErrorAt: true, consecutiveFailures: true, addStatus: true, lastSuccessAt: true, _count: { select: { subscriptions: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    feedUrl: row.feedUrl,
    error: row.lastError,
    failedAt: row.lastErrorAt,
    failures: Math.max(row.consecutiveFailures, row.addStatus === "failed" ? 1 : 0),
    firstReadFailed: row.addStatus === "failed",
    lastSuccessAt: row.lastSuccessAt,
    readers: row._count.subscriptions,
  }));
}

export type SpendOverview = BudgetStatus & {
  /** Whether a model is configured at all; without one there is nothing to spend. */
  model: string | null;
  /** Episodes read offline this month because the budget was spent. */
  fallbackEpisodes: number;
};

export async function modelSpendOverview(now = new Date()): Promise<SpendOverview> {
  const env = getEnv();
  const { start, end } = monthBounds(now);
  const [status, fallbackEpisodes] = await Promise.all([
    modelBudgetStatus(env, now),
    db.episode.count({ where: { insightFallback: { not: null }, insightsExtractedAt: { gte: start, lt: end } } }),
  ]);
  const model = env.AI_PROVIDER && env.AI_PROVIDER !== "offline" ? `${env.AI_PROVIDER}${env.AI_MODEL ? `:${env.AI_MODEL}` : ""}` : null;
  return { ...status, model, fallbackEpisodes };
}
