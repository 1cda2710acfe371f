/**
 * Rate limits kept in Postgres, so every web server sees the same counts: fixed windows, and
 * backoff (a growing wait between events). One statement increments and reads atomically; no
 * read-then-write race.
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

/**
 * A growing wait between allowed events of one key, in the same table: `count` is the length of the
 * current streak and `window_start` its last allowed event. The first `free` events pass at once, then
 * the n-th waits min(firstWaitSeconds * 2^(n - free - 1), maxWaitSeconds) after the one before; a
 * streak ends after `quietSeconds` without an allowed event. A refused attempt changes nothing, so
 * hammering a key never pushes its next slot further away.
 */
export type BackoffPolicy = { free: number; firstWaitSeconds: number; maxWaitSeconds: number; quietSeconds: number };

export async function consumeBackoff(key: string, policy: BackoffPolicy): Promise<RateLimitResult> {
  const { free, firstWaitSeconds, maxWaitSeconds, quietSeconds } = policy;
  // The wait that follows a streak of `count` events, in SQL and in JS (for the refusal's message).
  const waitAfter = (count: number) => (count < free ? 0 : Math.min(maxWaitSeconds, firstWaitSeconds * 2 ** (count - free)));
  // One statement: the row is locked by the upsert, so concurrent requests are counted one by one and
  // a slot that opens goes to exactly one of them. No row back means the wait is not over.
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets AS b (key, window_start, count)
    VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN b.window_start <= now() - make_interval(secs => ${quietSeconds}) THEN 1 ELSE b.count + 1 END,
      window_start = now()
    WHERE b.window_start <= now() - make_interval(secs => ${quietSeconds})
       OR b.count < ${free}
       OR b.window_start <= now() - make_interval(secs => LEAST(${maxWaitSeconds}::float8, ${firstWaitSeconds}::float8 * power(2, b.count - ${free})))
    RETURNING count`;
  if (rows[0]) return { allowed: true, count: rows[0].count, retryAfterSeconds: 0 };
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!bucket) return { allowed: false, count: 0, retryAfterSeconds: 1 };
  const openAt = bucket.windowStart.getTime() + waitAfter(bucket.count) * 1000;
  return { allowed: false, count: bucket.count, retryAfterSeconds: Math.max(1, Math.ceil((openAt - Date.now()) / 1000)) };
}

/** Drops buckets whose window has long passed. */
export async function purgeRateLimits(olderThanSeconds: number): Promise<number> {
  const result = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
  });
  return result.count;
}
