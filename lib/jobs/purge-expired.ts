import { db } from "@/lib/db";
import { moduleLog } from "@/lib/log";
import { purgeExpiredMail } from "@/lib/mail/send-mail";
import { purgeRateLimits } from "@/lib/rate-limit";

const DAY_SECONDS = 24 * 60 * 60;
const log = moduleLog("purge-expired");

/** Hourly housekeeping (the purge-expired job): used-up sign-in tokens, outbox sign-in links past their expiry and rate-limit windows that ended a day ago. */
export async function purgeExpiredRows(): Promise<void> {
  const tokens = await db.verificationToken.deleteMany({ where: { expires: { lt: new Date() } } });
  const mails = await purgeExpiredMail();
  const buckets = await purgeRateLimits(DAY_SECONDS);
  log.info({ tokens: tokens.count, mails, buckets }, "removed expired sign-in tokens, sign-in mails and rate-limit windows");
}
