/**
 * Where a reader may be sent after signing in: only somewhere on this site. A string test ("starts
 * with / but not //") is not enough, because browsers read `/\host`, `/<TAB>/host` and `/.//host`
 * as another host; so the value is parsed as a browser would, against our own origin, and kept
 * only when it stays there.
 */

export const DEFAULT_AFTER_SIGN_IN = "/feed";

/**
 * The same-origin path (with query and hash) that `value` leads to from `origin`, or `fallback`
 * when it leads anywhere else, is not a string, or does not parse.
 */
export function safeCallbackPath(value: unknown, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || value === "") return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  // A path such as `/.//host` parses to the pathname `//host`, which a browser given it as a
  // relative Location reads as another host: keep one leading slash.
  const path = `${target.pathname.replace(/^\/+/, "/")}${target.search}${target.hash}`;
  return path;
}

/** The same, as an absolute URL on `origin` (what Auth.js's redirect callback must return). */
export function safeCallbackUrl(value: unknown, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  return new URL(safeCallbackPath(value, origin, fallback), origin).href;
}
