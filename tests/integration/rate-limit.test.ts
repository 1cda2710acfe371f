import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/lib/auth";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { addressQuotaKey, consumeMagicLinkQuota } from "@/lib/magic-link-quota";
import { consumeRateLimit } from "@/lib/rate-limit";

describe("rate limits", () => {
  it("allow up to the limit in a window, then refuse", async () => {
    const key = `test:${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(key, 3, 3600));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.count).toBe(4);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(3500);
  });

  it("count concurrent requests exactly, with no lost update", async () => {
    const key = `test:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(key, 5, 3600)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("start a new window once the old one has passed", async () => {
    const key = `test:${randomUUID()}`;
    expect((await consumeRateLimit(key, 1, 60)).allowed).toBe(true);
    expect((await consumeRateLimit(key, 1, 60)).allowed).toBe(false);
    // The window passes by moving its start back, as the clock would: a real wait of a short window
    // would fail whenever a busy machine took longer than the window between the first two calls.
    await db.$executeRaw`UPDATE rate_limit_buckets SET window_start = window_start - interval '60 seconds' WHERE key = ${key}`;
    const next = await consumeRateLimit(key, 1, 60);
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });
});

describe("magic-link requests", () => {
  const quotaRow = (email: string) => db.rateLimitBucket.findUnique({ where: { key: addressQuotaKey(email) } });
  /** Moves an address's last link into the past, as the clock would. */
  const wait = (email: string, seconds: number) =>
    db.$executeRaw`UPDATE rate_limit_buckets SET window_start = window_start - make_interval(secs => ${seconds}) WHERE key = ${addressQuotaKey(email)}`;
  const refusal = (promise: Promise<void>) => promise.then(() => "allowed", (error: Error) => error.message);

  it("give an address two links at once, then waits that double, with a message for the reader", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    await consumeMagicLinkQuota({ email, ip: ip() });
    await consumeMagicLinkQuota({ email, ip: ip() });
    const refused = consumeMagicLinkQuota({ email, ip: ip() });
    await expect(refused).rejects.toThrow(SafeError);
    // The minute counts down while the test runs: on a busy machine a second may already have gone.
    await expect(consumeMagicLinkQuota({ email, ip: ip() })).rejects.toThrow(/Too many sign-in links.*ask again in (1 minute|[1-5]?[0-9] seconds)\./);
    await wait(email, 60);
    await consumeMagicLinkQuota({ email, ip: ip() });
    await expect(consumeMagicLinkQuota({ email, ip: ip() })).rejects.toThrow(/ask again in 2 minutes/);
    await wait(email, 120);
    await consumeMagicLinkQuota({ email, ip: ip() });
    expect((await quotaRow(email))!.count).toBe(4);
  });

  it("never lock the owner out: a flood leaves a wait of 10 minutes at most, and the owner then gets through", async () => {
    const owner = `owner-${randomUUID()}@example.com`;
    // An attacker asks for the owner's address again and again, from many addresses, over a long time.
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 5; i++) await refusal(consumeMagicLinkQuota({ email: owner, ip: `attacker-${randomUUID()}` }));
      await wait(owner, 15 * 60);
    }
    for (let i = 0; i < 5; i++) await refusal(consumeMagicLinkQuota({ email: owner, ip: `attacker-${randomUUID()}` }));
    // The owner is told to wait minutes, not an hour, and refused attempts did not push the slot away.
    const message = await refusal(consumeMagicLinkQuota({ email: owner, ip: "owner-home" }));
    const minutes = Number(/ask again in (\d+) minute/.exec(message)?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(10);
    expect(minutes * 60).toBeLessThan(MAGIC_LINK_MAX_AGE_SECONDS);
    await wait(owner, minutes * 60);
    await expect(consumeMagicLinkQuota({ email: owner, ip: "owner-home" })).resolves.toBeUndefined();
    // An hour of quiet starts the address afresh.
    await wait(owner, 60 * 60);
    await consumeMagicLinkQuota({ email: owner, ip: "owner-home" });
    expect((await quotaRow(owner))!.count).toBe(1);
  });

  it("let a reader signed in as the address through at once", async () => {
    const owner = `owner-${randomUUID()}@example.com`;
    for (let i = 0; i < 4; i++) await refusal(consumeMagicLinkQuota({ email: owner, ip: `attacker-${randomUUID()}` }));
    await expect(consumeMagicLinkQuota({ email: owner, ip: "owner-phone" })).rejects.toThrow(SafeError);
    await expect(consumeMagicLinkQuota({ email: owner, ip: "owner-phone", sessionEmail: owner })).resolves.toBeUndefined();
    // Signed in as someone else is no pass for this address.
    await expect(consumeMagicLinkQuota({ email: owner, ip: "owner-phone", sessionEmail: `other-${randomUUID()}@example.com` })).rejects.toThrow(SafeError);
  });

  it("give one slot to one of many concurrent requests", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const results = await Promise.all(Array.from({ length: 8 }, () => refusal(consumeMagicLinkQuota({ email, ip: `ip-${randomUUID()}` }))));
    expect(results.filter((r) => r === "allowed")).toHaveLength(2);
    await wait(email, 60);
    const next = await Promise.all(Array.from({ length: 8 }, () => refusal(consumeMagicLinkQuota({ email, ip: `ip-${randomUUID()}` }))));
    expect(next.filter((r) => r === "allowed")).toHaveLength(1);
  });

  it("are limited per IP (20 an hour by default) whatever the address", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 20; i++) await consumeMagicLinkQuota({ email: `r${i}-${randomUUID()}@example.com`, ip });
    await expect(consumeMagicLinkQuota({ email: `new-${randomUUID()}@example.com`, ip })).rejects.toThrow(SafeError);
  });
});
