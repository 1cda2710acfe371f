/**
 * Direct POSTs to Auth.js's email sign-in endpoint, as an attacker would send them: through our route
 * handler and Auth.js itself, with the client address stamped the way our web server stamps it.
 * Each request must be counted under the client's real address and the address Auth.js would mail.
 */
import type { IncomingHttpHeaders } from "node:http";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3000";

const { db } = await import("@/lib/db");
const { getEnv } = await import("@/lib/env");
const { addressQuotaKey } = await import("@/lib/magic-link-quota");
const { stampClientAddress, trustedProxyMatcher } = await import("@/lib/net/client-address");
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const origin = "http://localhost:3000";

/** A fresh client address of the documentation range, so files sharing the database stay apart. */
const clientAddress = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

/** A CSRF token and its cookie, as anyone can fetch them; requests carry them so Auth.js really mails. */
const csrf = await GET(new NextRequest(`${origin}/api/auth/csrf`));
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const csrfCookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");

/** A POST from `peer` (the socket), with the headers our web server would hand Next.js. */
function signInPost({ peer, body, contentType, forwardedFor }: { peer: string; body: string; contentType: string; forwardedFor?: string }) {
  const headers: IncomingHttpHeaders = { "content-type": contentType, cookie: csrfCookie, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) };
  stampClientAddress(headers, peer, trustedProxyMatcher([]));
  return POST(
    new NextRequest(`${origin}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: Object.entries(headers).map(([name, value]) => [name, String(value)] as [string, string]),
      body,
    }),
  );
}

const form = (fields: [string, string][]) => ({ contentType: "application/x-www-form-urlencoded", body: new URLSearchParams([...fields, ["csrfToken", csrfToken]]).toString() });
const json = (value: object) => ({ contentType: "application/json", body: JSON.stringify({ ...value, csrfToken }) });
const mailed = (email: string) => db.mailMessage.count({ where: { to: email, kind: "magic-link" } });
const addressCount = async (email: string) => (await db.rateLimitBucket.findUnique({ where: { key: addressQuotaKey(email) } }))?.count ?? 0;

describe("direct sign-in requests", () => {
  it("are limited per client however the client rotates X-Forwarded-For", async () => {
    const peer = clientAddress();
    const limit = getEnv().MAGIC_LINK_LIMIT_PER_IP;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const response = await signInPost({ peer, forwardedFor: `198.51.100.${i}`, ...form([["email", `r${i}-${randomUUID()}@example.com`]]) });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, limit).every((status) => status !== 429)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });

  it("refuse a repeated email field, whichever copy Auth.js would mail, and count nothing", async () => {
    const victim = `victim-${randomUUID()}@example.com`;
    for (const fields of [
      [["email", "decoy@example.com"], ["email", victim]],
      [["email", victim], ["email", victim]],
    ] as [string, string][][]) {
      const response = await signInPost({ peer: clientAddress(), ...form(fields) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe("Send each form field once.");
    }
    expect(await addressCount(victim)).toBe(0);
    expect(await addressCount("decoy@example.com")).toBe(0);
    expect(await mailed(victim)).toBe(0);
  });

  it("count a JSON body under the address it names, normalized as Auth.js mails it", async () => {
    const victim = `victim-${randomUUID()}@example.com`;
    // Two links go at once; the third request for the same address, sent as JSON in another
    // spelling and from another client, is the one that must wait.
    expect((await signInPost({ peer: clientAddress(), ...form([["email", victim]]) })).status).not.toBe(429);
    expect((await signInPost({ peer: clientAddress(), ...json({ email: victim }) })).status).not.toBe(429);
    const third = await signInPost({ peer: clientAddress(), ...json({ email: `  ${victim.toUpperCase()} ` }) });
    expect(third.status).toBe(429);
    expect(await addressCount(victim)).toBe(2);
    expect(await mailed(victim)).toBe(2);
    // Auth.js reads the last of repeated JSON keys; so does the count.
    const other = `other-${randomUUID()}@example.com`;
    const decoy = `decoy-${randomUUID()}@example.com`;
    await signInPost({ peer: clientAddress(), contentType: "application/json", body: `{"email":"${decoy}","email":"${other}","csrfToken":"${csrfToken}"}` });
    expect(await addressCount(other)).toBe(1);
    expect(await mailed(other)).toBe(1);
    expect(await mailed(decoy)).toBe(0);
  });

  it("refuse a body with no usable address in words", async () => {
    for (const request of [json({ email: ["a@example.com", "b@example.com"] }), json({}), form([["email", '"x"@example.com']]), { contentType: "text/plain", body: "email=a@example.com" }]) {
      const response = await signInPost({ peer: clientAddress(), ...request });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^[A-Z][^{}]+\.$/);
    }
  });
});
