/**
 * Who may create an account. The policy on its own (open, closed, domains; existing readers always
 * sign in), invitation links (only a hash stored; taken by the first address; expiring; revocable),
 * and the policy where Auth.js applies it: a direct POST to the email endpoint, and the click on a
 * sign-in link, whose callback runs the policy again. This file's process runs with SIGNUPS=closed.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3000";
process.env.SIGNUPS = "closed";

const { db } = await import("@/lib/db");
const { SafeError } = await import("@/lib/errors");
const { getAuthSecret } = await import("@/lib/auth-secret");
const { admitSignIn, refusalMessage, signInCallbackVerdict } = await import("@/lib/sign-ups/sign-up-policy");
const { createInvitation, hashInvitationToken, hasAcceptedInvitation, invitationProblem, listInvitations, revokeInvitation } = await import("@/lib/sign-ups/invitations");
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");
const { stampClientAddress, trustedProxyMatcher } = await import("@/lib/net/client-address");

const origin = "http://localhost:3000";
const closed = { mode: "closed", domains: [] } as const;
const open = { mode: "open", domains: [] } as const;
const domains = { mode: "domains", domains: ["example.org", "staff.example.net"] } as const;
/** A CSRF token and its cookie, as anyone can fetch them; requests carry them so Auth.js really mails. */
const csrf = await GET(new NextRequest(`${origin}/api/auth/csrf`));
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const csrfCookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
const address = (name: string, domain = "example.com") => `${name}-${randomUUID().slice(0, 8)}@${domain}`;

/** The refusal admitSignIn throws, or null when it lets the address in. */
async function refusal(email: string, options: Parameters<typeof admitSignIn>[1]): Promise<string | null> {
  try {
    await admitSignIn(email, options);
    return null;
  } catch (error) {
    if (error instanceof SafeError) return error.message;
    throw error;
  }
}

describe("the sign-up policy", () => {
  it("open: any address may create an account", async () => {
    expect(await refusal(address("new"), { policy: open })).toBeNull();
  });

  it("closed: a new address is refused in words, an existing reader still signs in", async () => {
    const reader = await db.user.create({ data: { email: address("reader") } });
    expect(await refusal(address("new"), { policy: closed })).toBe("Sign-ups are closed: this Podbrief is by invitation only. Ask whoever runs it for an invitation link.");
    expect(await refusal(reader.email!, { policy: closed })).toBeNull();
    expect(await signInCallbackVerdict({ id: reader.id, email: reader.email }, closed)).toBe(true);
    // An OAuth account already linked: Auth.js passes the reader, whose address may be another.
    expect(await signInCallbackVerdict({ id: reader.id, email: null }, closed)).toBe(true);
    expect(await signInCallbackVerdict({ id: randomUUID(), email: address("new") }, closed)).toBe("/sign-in?error=SignUpsClosed");
  });

  it("closed or domains: an address in ADMIN_EMAILS may always make its account", async () => {
    const admin = address("ops", "example.com");
    expect(await refusal(admin, { policy: { ...closed, admins: [admin] } })).toBeNull();
    expect(await refusal(admin.toUpperCase(), { policy: { ...domains, admins: [admin] } })).toBeNull();
    expect(await signInCallbackVerdict({ id: randomUUID(), email: admin }, { ...closed, admins: [admin] })).toBe(true);
  });

  it("domains: addresses at the listed domains only, matched whole", async () => {
    expect(await refusal(address("a", "example.org"), { policy: domains })).toBeNull();
    expect(await refusal(address("b", "staff.example.net"), { policy: domains })).toBeNull();
    const message = "New accounts here are for @example.org or @staff.example.net addresses only. To join with another address, ask whoever runs this Podbrief for an invitation link.";
    expect(await refusal(address("c", "example.com"), { policy: domains })).toBe(message);
    expect(await refusal(address("d", "evil-example.org"), { policy: domains })).toBe(message);
    expect(await refusal(address("e", "example.org.evil.com"), { policy: domains })).toBe(message);
    expect(refusalMessage(domains)).toBe(message);
  });
});

describe("invitation links", () => {
  it("store only the token's hash, and admit the first address that uses one, and only that one", async () => {
    const { id, token } = await createInvitation({ createdBy: "admin@example.com", note: "for Grace" });
    const row = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await invitationProblem(token)).toBeNull();

    const grace = address("grace");
    expect(await refusal(grace, { policy: closed, invitation: token })).toBeNull();
    // Asking again (the first link expired unused) works for the same address, with or without the link.
    expect(await refusal(grace, { policy: closed, invitation: token })).toBeNull();
    expect(await refusal(grace, { policy: closed })).toBeNull();
    expect(await signInCallbackVerdict({ id: randomUUID(), email: grace }, closed)).toBe(true);

    expect(await refusal(address("mallory"), { policy: closed, invitation: token })).toBe("This invitation has already been used. Ask whoever sent it for a new one.");
    expect(await invitationProblem(token)).toBe("This invitation has already been used. Ask whoever sent it for a new one.");
    expect((await listInvitations()).find((invitation) => invitation.id === id)).toMatchObject({ state: "accepted", acceptedEmail: grace, note: "for Grace" });
  });

  it("is taken by exactly one of two addresses racing for it", async () => {
    const { token } = await createInvitation({ createdBy: "admin@example.com" });
    const results = await Promise.all([address("one"), address("two"), address("three")].map((email) => refusal(email, { policy: closed, invitation: token })));
    expect(results.filter((result) => result === null)).toHaveLength(1);
  });

  it("expire unused", async () => {
    const madeAt = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000);
    const { token, expiresAt } = await createInvitation({ createdBy: "admin@example.com", now: madeAt });
    expect(expiresAt.getTime()).toBe(madeAt.getTime() + 14 * 24 * 60 * 60 * 1000);
    expect(await invitationProblem(token)).toBe("This invitation has expired. Ask whoever sent it for a new one.");
    expect(await refusal(address("late"), { policy: closed, invitation: token })).toBe("This invitation has expired. Ask whoever sent it for a new one.");
  });

  it("can be revoked, used or not: the address that took one is shut out until it has an account", async () => {
    const unused = await createInvitation({ createdBy: "admin@example.com" });
    await revokeInvitation(unused.id);
    expect(await refusal(address("x"), { policy: closed, invitation: unused.token })).toBe("This invitation link is not valid. Ask whoever sent it for a new one.");

    const used = await createInvitation({ createdBy: "admin@example.com" });
    const taker = address("taker");
    expect(await refusal(taker, { policy: closed, invitation: used.token })).toBeNull();
    await revokeInvitation(used.id);
    expect(await hasAcceptedInvitation(taker)).toBe(false);
    expect(await refusal(taker, { policy: closed })).not.toBeNull();
    expect(await refusal(taker, { policy: closed, invitation: used.token })).not.toBeNull();
  });

  it("refuse tokens that are not ours without looking them up", async () => {
    expect(await invitationProblem("short")).toBe("This invitation link is not valid. Ask whoever sent it for a new one.");
    const unknown = randomBytes(32).toString("base64url");
    expect(await invitationProblem(unknown)).toBe("This invitation link is not valid. Ask whoever sent it for a new one.");
    expect(await db.invitation.count({ where: { tokenHash: hashInvitationToken(unknown) } })).toBe(0);
  });
});

describe("with SIGNUPS=closed, Auth.js", () => {
  function signInPost(email: string) {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie };
    stampClientAddress(headers, `2001:db8::${randomUUID().slice(0, 4)}`, trustedProxyMatcher([]));
    return POST(new NextRequest(`${origin}/api/auth/signin/nodemailer`, { method: "POST", headers, body: new URLSearchParams({ email, csrfToken }).toString() }));
  }

  /** A sign-in link for `email` as Auth.js mails it (its token stored hashed with the secret), clicked. */
  async function clickSignInLink(email: string) {
    const token = randomBytes(32).toString("hex");
    await db.verificationToken.create({
      data: { identifier: email, token: createHash("sha256").update(`${token}${getAuthSecret()}`).digest("hex"), expires: new Date(Date.now() + 10 * 60 * 1000) },
    });
    const url = new URL(`${origin}/api/auth/callback/nodemailer`);
    url.search = new URLSearchParams({ callbackUrl: `${origin}/feed`, token, email }).toString();
    return GET(new NextRequest(url));
  }

  it("refuses a direct POST for a new address in words and mails nothing; an existing reader gets a link", async () => {
    const stranger = address("stranger");
    const refused = await signInPost(stranger);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "forbidden", message: refusalMessage(closed) } });
    expect(await db.mailMessage.count({ where: { to: stranger } })).toBe(0);

    const reader = await db.user.create({ data: { email: address("reader") } });
    const admitted = await signInPost(reader.email!);
    expect(admitted.status).toBe(302);
    expect(await db.mailMessage.count({ where: { to: reader.email!, kind: "magic-link" } })).toBe(1);
  });

  it("refuses a sign-in link's click for an address with no account and no invitation, creating no account", async () => {
    const stranger = address("stranger");
    const response = await clickSignInLink(stranger);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).pathname + new URL(response.headers.get("location")!).search).toBe("/sign-in?error=SignUpsClosed");
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);
  });

  it("admits the click of an invited address and creates its account", async () => {
    const { token } = await createInvitation({ createdBy: "admin@example.com" });
    const invited = address("invited");
    await admitSignIn(invited, { invitation: token });
    const response = await clickSignInLink(invited);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/feed");
    expect(await db.user.count({ where: { email: invited } })).toBe(1);
  });
});
