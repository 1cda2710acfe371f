import "server-only";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";

const WINDOW_SECONDS = 60 * 60;

/** Counts one magic-link request against its address and its IP; throws a SafeError when over. */
export async function consumeMagicLinkQuota({ email, ip }: { email: string; ip: string }): Promise<void> {
  const env = getEnv();
  const byEmail = await consumeRateLimit(`magic-link:email:${email.toLowerCase()}`, env.MAGIC_LINK_LIMIT_PER_EMAIL, WINDOW_SECONDS);
  const byIp = await consumeRateLimit(`magic-link:ip:${ip}`, env.MAGIC_LINK_LIMIT_PER_IP, WINDOW_SECONDS);
  const blocked = [byEmail, byIp].filter((result) => !result.allowed);
  if (blocked.length > 0) {
    const minutes = Math.ceil(Math.max(...blocked.map((r) => r.retryAfterSeconds)) / 60);
    throw new SafeError(
      `Too many sign-in links were requested. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
      "rate_limited",
    );
  }
}

/** The client's address as the web server saw it (Next sets x-forwarded-for; so do proxies). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
