/**
 * Auth.js's log lines. A sign-in link clicked a second time, or after it expired, is an expected
 * reader mistake (the page tells them to ask for a new link): one info line, not a red stack.
 * Every other error is logged as Auth.js's default logger does.
 */
import { AuthError, type NextAuthConfig } from "next-auth";

/** Error types that are the reader's doing and are explained to them on the page. */
const EXPECTED = new Set(["Verification"]);

export const authLogger: NextAuthConfig["logger"] = {
  error(error: Error) {
    const type = error instanceof AuthError ? error.type : error.name;
    if (EXPECTED.has(type)) {
      console.info(`[auth] ${type}: a sign-in link was used again or after it expired; the reader was asked to request a new one.`);
      return;
    }
    console.error(`[auth][error] ${type}: ${error.message}`);
    const cause = error.cause as { err?: unknown } | undefined;
    if (cause && typeof cause === "object" && cause.err instanceof Error) console.error("[auth][cause]:", cause.err.stack);
    else if (error.stack) console.error(error.stack);
  },
};
