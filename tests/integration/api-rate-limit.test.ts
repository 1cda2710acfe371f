/**
 * Per-token rate limits of the REST API: past API_RATE_LIMIT_PER_MINUTE a token is answered 429 with
 * Retry-After, as problem+json, while another token of the same reader goes on; the next minute it
 * may call again.
 */
import { afterAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const LIMIT = 3;
const previousLimit = process.env.API_RATE_LIMIT_PER_MINUTE;
process.env.API_RATE_LIMIT_PER_MINUTE = String(LIMIT);
afterAll(() => {
  if (previousLimit === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
  else process.env.API_RATE_LIMIT_PER_MINUTE = previousLimit;
});

const { db } = await import("@/lib/db");
const { createAccessToken } = await import("@/lib/api/access-tokens");
const { tokenRateLimitKey } = await import("@/lib/api/token-rate-limit");
const topicsRoute = await import("@/app/api/v1/topics/route");

const rows = rowFactory();

const getTopics = (token: string) =>
  topicsRoute.GET(new Request("http://localhost:3000/api/v1/topics", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

describe("per-token rate limits", () => {
  it(`allow ${LIMIT} requests a minute per token, then answer 429 with Retry-After`, async () => {
    const reader = await rows.makeReader();
    const first = await createAccessToken(reader, { name: "busy", scope: "read" });
    const second = await createAccessToken(reader, { name: "quiet", scope: "read" });

    const answers = [];
    for (let i = 0; i < LIMIT; i++) answers.push(await getTopics(first.token));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(answers.map((response) => response.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0"]);

    const refused = await getTopics(first.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ status: 429, title: "Too Many Requests", detail: expect.stringContaining(`${LIMIT} requests a minute`) });

    // Another token of the same reader has its own count.
    expect((await getTopics(second.token)).status).toBe(200);

    // The minute passes by moving the window's start back, as the clock would.
    await db.$executeRaw`UPDATE rate_limit_buckets SET window_start = window_start - interval '60 seconds' WHERE key = ${tokenRateLimitKey(first.summary.id)}`;
    expect((await getTopics(first.token)).status).toBe(200);
  });

  it("count concurrent requests exactly: no more than the limit get through", async () => {
    const reader = await rows.makeReader();
    const { token } = await createAccessToken(reader, { name: "burst", scope: "read" });
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => getTopics(token)))).map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(8 - LIMIT);
  });
});
