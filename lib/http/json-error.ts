/**
 * The one way a route handler answers an error: `{ error: { code, message } }` with the status its
 * kind calls for. A SafeError's words go to the client; anything else is logged and answered with
 * the generic message and a 500.
 */
import "server-only";
import { publicMessage, SafeError, type SafeErrorCode } from "@/lib/errors";

const STATUS: Partial<Record<SafeErrorCode, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

/** The status for a SafeError's code: a code of a module's own is the client's to correct, a 400. */
export function statusForCode(code: SafeErrorCode): number {
  return STATUS[code] ?? 400;
}

/** `context` names the handler in the log line of an error that is not a SafeError. */
export function jsonError(error: unknown, context: string): Response {
  if (error instanceof SafeError) return Response.json({ error: { code: error.code, message: error.message } }, { status: statusForCode(error.code) });
  return Response.json({ error: { code: "internal", message: publicMessage(error, context) } }, { status: 500 });
}
