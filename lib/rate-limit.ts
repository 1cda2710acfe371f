/**
 * Fixed-window rate limits kept in Postgres, so every web server sees the same counts.
 * One statement increments and reads atomically; no read-then-write race.
 */
import "server-only";
import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limit_buckets (key, window_start, count)
    VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets.window_start <= now() - make_interval(secs => ${windowSeconds})
                   THEN 1 ELSE rate_limit_buckets.count + 1 END,
      window_start = CASE WHEN rate_limit_buckets.window_start <= now() - make_interval(secs => ${windowSeconds})
                   THEN now() ELSE rate_limit_buckets.window_start END
    RETURNING count, window_start`;
  const row = rows[0]!;
  const elapsedSeconds = (Date.now() - row.window_start.getTime()) / 1000;
  return {
    allowed: row.count <= limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsedSeconds)),
  };
}

/** Drops buckets whose window has long passed. */
export async function purgeRateLimits(olderThanSeconds: number): Promise<number> {
  const result = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
  });
  return result.count;
}
