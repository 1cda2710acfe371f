/**
 * Composing a brief: choosing its items and storing them, once per reader and brief date. The stored
 * brief is the brief: the email, its web version and the archive all read these rows, so the five a
 * reader was sent are the five they find on the web, and a retried job never chooses again.
 */
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BriefDate, BriefFrequency } from "@/lib/brief/brief-schedule";
import { chooseBriefItems } from "@/lib/brief/choose-brief";

const DAY_MS = 86_400_000;

export type ComposedBrief = { briefId: string; status: "pending" | "sending" | "sent" | "unconfirmed" | "failed" | "empty"; itemCount: number; created: boolean };

/** How far back a brief may look when there is no previous one: its own period. */
export function periodStart(frequency: BriefFrequency, now: Date): Date {
  return new Date(now.getTime() - (frequency === "weekly" ? 7 : 1) * DAY_MS);
}

/**
 * The reader's brief of `briefDate`: the stored one when it exists, otherwise chosen now and stored
 * with its items in one statement. Two workers composing the same brief store one; the loser reads
 * the winner's.
 */
export async function composeBrief(
  userId: string,
  briefDate: BriefDate,
  { now, frequency, window }: { now: Date; frequency: BriefFrequency; /** "unsent": everything not sent yet (the development action). */ window?: "period" | "unsent" },
): Promise<ComposedBrief> {
  const existing = await findBrief(userId, briefDate);
  if (existing) return { ...existing, created: false };

  const choice =
    window === "unsent"
      ? await chooseBriefItems(userId, { since: new Date(0), now, sincePreviousBrief: false })
      : await chooseBriefItems(userId, { since: periodStart(frequency, now), now });
  try {
    const brief = await db.dailyBrief.create({
      data: {
        userId,
        briefDate: new Date(`${briefDate}T00:00:00Z`),
        scheduledFor: now,
        status: choice.items.length > 0 ? "pending" : "empty",
        note: choice.note,
        items: { create: choice.items.map((item, position) => ({ insightId: item.insightId, reason: item.reason, position })) },
      },
      select: { id: true, status: true },
    });
    return { briefId: brief.id, status: brief.status, itemCount: choice.items.length, created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const winner = await findBrief(userId, briefDate);
    if (!winner) throw error;
    return { ...winner, created: false };
  }
}

async function findBrief(userId: string, briefDate: BriefDate) {
  const brief = await db.dailyBrief.findUnique({
    where: { userId_briefDate: { userId, briefDate: new Date(`${briefDate}T00:00:00Z`) } },
    select: { id: true, status: true, _count: { select: { items: true } } },
  });
  return brief ? { briefId: brief.id, status: brief.status, itemCount: brief._count.items } : null;
}
