/**
 * Private feed links for a reader's own topics. The token is 32 random bytes in the address; the
 * database keeps only its SHA-256, so the link is shown once when it is made, and making a new one
 * or revoking it stops the old address at once.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";

/** base64url of 32 bytes: 43 characters. Anything else is not a token of ours, and is not looked up. */
export const feedTokenInput = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new private feed token for the reader's own topic, replacing any earlier one. Returns the token,
 * which is nowhere else from now on.
 */
export async function regenerateTopicFeedToken(userId: string, topicId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const updated = await db.topic.updateMany({
    where: { id: topicId, kind: "custom", createdById: userId },
    data: { feedTokenHash: hashFeedToken(token), feedTokenCreatedAt: new Date() },
  });
  if (updated.count === 0) throw new SafeError("That topic is not one of yours.", "not_found");
  return token;
}

export async function revokeTopicFeedToken(userId: string, topicId: string): Promise<void> {
  await db.topic.updateMany({ where: { id: topicId, kind: "custom", createdById: userId }, data: { feedTokenHash: null, feedTokenCreatedAt: null } });
}

/** When the reader's topic got its private feed link, or null when it has none. */
export async function topicFeedTokenCreatedAt(userId: string, topicId: string): Promise<Date | null> {
  const topic = await db.topic.findFirst({ where: { id: topicId, kind: "custom", createdById: userId }, select: { feedTokenCreatedAt: true } });
  return topic?.feedTokenCreatedAt ?? null;
}

/** The custom topic a token opens, or null for a malformed, unknown or revoked one. */
export async function topicIdForFeedToken(token: string): Promise<string | null> {
  if (!feedTokenInput.safeParse(token).success) return null;
  const topic = await db.topic.findUnique({ where: { feedTokenHash: hashFeedToken(token) }, select: { id: true, kind: true } });
  return topic?.kind === "custom" ? topic.id : null;
}
