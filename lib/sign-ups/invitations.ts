/**
 * Invitation links: while sign-ups are closed (or limited to some domains) an admin makes a link that
 * lets one person in. The token is 32 random bytes in the address; the database keeps only its
 * SHA-256, so the link is shown once, to the admin who made it. The first address that asks for a
 * sign-in link with it takes it: from then on it admits that address only, and no one else. An admin
 * can revoke a link (used or not) at any time; an unused one expires by itself.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";

export const INVITATION_LIFETIME_DAYS = 14;

/** base64url of 32 bytes: 43 characters. Anything else is not a token of ours, and is not looked up. */
export const invitationTokenInput = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "That invitation link is not complete. Copy the whole link.");

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InvitationState = "open" | "accepted" | "expired" | "revoked";

export type InvitationRow = {
  id: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  acceptedAt: Date | null;
  acceptedEmail: string | null;
  state: InvitationState;
};

function stateOf(row: { revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (row.revokedAt) return "revoked";
  if (row.acceptedAt) return "accepted";
  return row.expiresAt <= now ? "expired" : "open";
}

/** A new invitation; returns the token, which is nowhere else from now on. */
export async function createInvitation({ createdBy, note, now = new Date() }: { createdBy: string; note?: string; now?: Date }): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  const row = await db.invitation.create({ data: { tokenHash: hashInvitationToken(token), createdBy, note: note || null, createdAt: now, expiresAt } });
  return { id: row.id, token, expiresAt };
}

/** Revoking a used invitation also shuts out its address until it has an account. */
export async function revokeInvitation(id: string, now = new Date()): Promise<void> {
  await db.invitation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
}

export async function listInvitations(now = new Date(), take = 50): Promise<InvitationRow[]> {
  const rows = await db.invitation.findMany({ orderBy: { createdAt: "desc" }, take });
  return rows.map((row) => ({ ...row, state: stateOf(row, now) }));
}

/** What a visitor of an invitation link is told, or null when the link can be used. */
export async function invitationProblem(token: string, now = new Date()): Promise<string | null> {
  if (!invitationTokenInput.safeParse(token).success) return INVALID;
  const row = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
  if (!row) return INVALID;
  return problemFor(stateOf(row, now));
}

const INVALID = "This invitation link is not valid. Ask whoever sent it for a new one.";

function problemFor(state: InvitationState): string | null {
  switch (state) {
    case "open":
      return null;
    case "accepted":
      return "This invitation has already been used. Ask whoever sent it for a new one.";
    case "expired":
      return "This invitation has expired. Ask whoever sent it for a new one.";
    case "revoked":
      return INVALID;
  }
}

/**
 * Takes the invitation for `email`: one conditional update, so of two addresses racing for one link
 * exactly one gets it. The address that took it may use it again (asking for a second link after the
 * first expired). Throws a SafeError in words when the link cannot be used.
 */
export async function acceptInvitation(token: string, email: string, now = new Date()): Promise<void> {
  const parsed = invitationTokenInput.safeParse(token);
  if (!parsed.success) throw new SafeError(INVALID, "forbidden");
  const tokenHash = hashInvitationToken(parsed.data);
  const taken = await db.invitation.updateMany({
    where: { tokenHash, revokedAt: null, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedEmail: email },
  });
  if (taken.count === 1) return;
  const row = await db.invitation.findUnique({ where: { tokenHash } });
  if (row && !row.revokedAt && row.acceptedEmail === email) return;
  throw new SafeError((row && problemFor(stateOf(row, now))) ?? INVALID, "forbidden");
}

/** True when an invitation that is not revoked was taken by this address. */
export async function hasAcceptedInvitation(email: string): Promise<boolean> {
  return (await db.invitation.count({ where: { acceptedEmail: email, revokedAt: null } })) > 0;
}
