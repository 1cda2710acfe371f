/**
 * Per-token rate limits for the REST API: API_RATE_LIMIT_PER_MINUTE requests a token per fixed
 * minute, counted in Postgres by the app's one rate limiter (lib/rate-limit.ts), so every web server
 * shares the count. A refused request answers 429 with Retry-After.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { consumeRateLimit } from "@/lib/rate-limit";

const WINDOW_SECONDS = 60;

export const tokenRateLimitKey = (tokenId: string) => `api-token:${tokenId}`;

export type TokenRateLimit = { allowed: boolean; limit: number; retryAfterSeconds: number; headers: Record<string, string> };

export async function consumeTokenRateLimit(tokenId: string): Promise<TokenRateLimit> {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  const result = await consumeRateLimit(tokenRateLimitKey(tokenId), limit, WINDOW_SECONDS);
  return {
    allowed: result.allowed,
    limit,
    retryAfterSeconds: result.retryAfterSeconds,
    headers: { "RateLimit-Limit": String(limit), "RateLimit-Remaining": String(Math.max(0, limit - result.count)) },
  };
}
