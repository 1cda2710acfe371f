/**
 * Auth.js's log lines. A sign-in link clicked a second time, or after it expired, is an expected
 * reader mistake (the page tells them to ask for a new link): one info line, not a red stack.
 * Every other error is logged with its cause, as Auth.js's default logger does.
 */
import { AuthError, type NextAuthConfig } from "next-auth";
import { moduleLog } from "@/lib/log";

const log = moduleLog("auth");

/** Error types that are the reader's doing and are explained to them on the page. */
const EXPECTED = new Set(["Verification"]);

export const authLogger: NextAuthConfig["logger"] = {
  error(error: Error) {
    const type = error instanceof AuthError ? error.type : error.name;
    if (EXPECTED.has(type)) {
      log.info(`${type}: a sign-in link was used again or after it expired; the reader was asked to request a new one.`);
      return;
    }
    // Auth.js wraps the error that went wrong in `cause.err`; its stack says where.
    const cause = error.cause as { err?: unknown } | undefined;
    const err = cause && typeof cause === "object" && cause.err instanceof Error ? cause.err : error;
    log.error({ err }, `${type}: ${error.message}`);
  },
};
