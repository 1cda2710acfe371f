import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SafeError } from "@/lib/errors";
import { consumeMagicLinkQuota } from "@/lib/magic-link-quota";
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
    expect((await consumeRateLimit(key, 1, 1)).allowed).toBe(true);
    expect((await consumeRateLimit(key, 1, 1)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await consumeRateLimit(key, 1, 1);
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });
});

describe("magic-link requests", () => {
  it("are limited per address (5 an hour by default), with a message for the reader", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) await consumeMagicLinkQuota({ email, ip: `198.51.100.${i}` });
    const refused = consumeMagicLinkQuota({ email: email.toUpperCase(), ip: "198.51.100.99" });
    await expect(refused).rejects.toThrow(SafeError);
    await expect(consumeMagicLinkQuota({ email, ip: "198.51.100.98" })).rejects.toThrow(/Too many sign-in links/);
  });

  it("are limited per IP (20 an hour by default) whatever the address", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 20; i++) await consumeMagicLinkQuota({ email: `r${i}-${randomUUID()}@example.com`, ip });
    await expect(consumeMagicLinkQuota({ email: `new-${randomUUID()}@example.com`, ip })).rejects.toThrow(SafeError);
  });
});
