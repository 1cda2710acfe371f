/**
 * Every request's id: our web server (scripts/web-server.ts) stamps one on the request before Next.js
 * sees it, overwriting any the client sent, and answers with it, so a reader's report and the log
 * lines of that request can be matched. Served some other way (plain `next start`) there is none.
 */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

/** Gives the request a fresh id and returns it; called by the web server before Next.js. */
export function stampRequestId(headers: IncomingHttpHeaders): string {
  const id = randomUUID();
  headers[REQUEST_ID_HEADER] = id;
  return id;
}

