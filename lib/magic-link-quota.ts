/**
 * How often sign-in links may be asked for: per client IP, MAGIC_LINK_LIMIT_PER_IP an hour (the IP
 * lib/net/client-address.ts stamped); per address, a growing wait (two at once, then 1, 2, 4, 8
 * minutes, at most 10), not a hard cap. Refused attempts do not move the next slot and the wait stays
 * under a link's 15-minute life, so no one asking for another's address can lock its owner out. A
 * reader already signed in as the address asked for gets through both limits.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { type BackoffPolicy, consumeBackoff, consumeRateLimit } from "@/lib/rate-limit";
import { formatCount } from "@/lib/format";

const IP_WINDOW_SECONDS = 60 * 60;

export const ADDRESS_BACKOFF: BackoffPolicy = {
  free: 2,
  firstWaitSeconds: 60,
  // Below the link's 15-minute life (MAGIC_LINK_MAX_AGE_SECONDS), so a live link or a free slot always exists.
  maxWaitSeconds: 10 * 60,
  quietSeconds: 60 * 60,
};

/** The key of an address's backoff; the address is already normalized (normalizeSignInEmail). */
export function addressQuotaKey(email: string): string {
  return `magic-link:address:${email}`;
}

function waitWords(seconds: number): string {
  if (seconds < 60) return formatCount(seconds, "second");
  const minutes = Math.ceil(seconds / 60);
  return formatCount(minutes, "minute");
}

/**
 * Counts one magic-link request; throws a SafeError when it must wait. `email` must be the address
 * that will be mailed, normalized exactly as Auth.js will (normalizeSignInEmail); `sessionEmail` is
 * the signed-in reader's address, if any.
 */
export async function consumeMagicLinkQuota({ email, ip, sessionEmail }: { email: string; ip: string; sessionEmail?: string | null }): Promise<void> {
  if (sessionEmail && sessionEmail.toLowerCase() === email) return;
  // The IP first: a client over its limit must not use up the address's next slot.
  const byIp = await consumeRateLimit(`magic-link:ip:${ip}`, getEnv().MAGIC_LINK_LIMIT_PER_IP, IP_WINDOW_SECONDS);
  if (!byIp.allowed) {
    throw new SafeError(`Too many sign-in links were requested from your network. Please wait ${waitWords(byIp.retryAfterSeconds)} and try again.`, "rate_limited");
  }
  const byAddress = await consumeBackoff(addressQuotaKey(email), ADDRESS_BACKOFF);
  if (!byAddress.allowed) {
    throw new SafeError(
      `Too many sign-in links were requested for this address. Use the newest link in your inbox, or ask again in ${waitWords(byAddress.retryAfterSeconds)}.`,
      "rate_limited",
    );
  }
}
