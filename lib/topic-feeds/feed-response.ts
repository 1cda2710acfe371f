/**
 * A feed as an HTTP response that feed readers can poll cheaply: a strong ETag from the bytes, a
 * Last-Modified, and a 304 with no body when the reader already has this version.
 */
import "server-only";
import { createHash } from "node:crypto";
import { FEED_CONTENT_TYPES, type FeedFormat } from "@/lib/topic-feeds/feed-links";

export type FeedResponseOptions = {
  format: FeedFormat;
  lastModified: Date;
  /** A private feed's address is its secret: no shared cache keeps it, and every poll asks us (so revoking works at once). */
  isPrivate: boolean;
};

const PUBLIC_CACHE = "public, max-age=900, stale-while-revalidate=3600";
const PRIVATE_CACHE = "private, no-cache";

export const feedEtag = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** If-None-Match names this version (weak comparison, as RFC 9110 asks for it). */
function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}

export function isNotModified(request: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  // When both are sent, If-None-Match decides alone.
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, etag);
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export function feedResponse(request: Request, body: string, { format, lastModified, isPrivate }: FeedResponseOptions): Response {
  const etag = feedEtag(body);
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control": isPrivate ? PRIVATE_CACHE : PUBLIC_CACHE,
    Vary: "Accept-Encoding",
  });
  if (isPrivate) headers.set("X-Robots-Tag", "noindex");
  if (isNotModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", `${FEED_CONTENT_TYPES[format]}; charset=utf-8`);
  return new Response(body, { status: 200, headers });
}
