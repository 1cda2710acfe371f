/**
 * The route a request path belongs to, as the app names it ("/insights/[id]"), for the request
 * latency histogram: a raw path would make one series per insight, and carry ids.
 *
 * Why the build's routes manifest (.next/routes-manifest.json): the web server runs Next.js behind
 * node's own HTTP server (scripts/web-server.ts), which times every request, but Next.js tells it no
 * route; instrumentation.ts's onRequestError sees errors only. The manifest is the routing table
 * `next build` writes, static routes and dynamic ones with their regular expressions, in Next's order
 * of precedence, so matching against it names the route Next.js itself chose.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const manifestSchema = z.object({
  staticRoutes: z.array(z.object({ page: z.string(), regex: z.string() })).default([]),
  dynamicRoutes: z.array(z.object({ page: z.string(), regex: z.string() })).default([]),
});

/** Requests no route of the app answers (a 404), grouped under one label. */
export const UNMATCHED_ROUTE = "(unmatched)";

export type RoutePattern = (pathname: string) => string;

/** A matcher for the routes in this manifest's content (static routes first, as Next.js matches). */
export function routePatternFrom(manifest: unknown): RoutePattern {
  const parsed = manifestSchema.safeParse(manifest);
  const routes = parsed.success ? [...parsed.data.staticRoutes, ...parsed.data.dynamicRoutes] : [];
  const compiled = routes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  const staticPages = new Set(parsed.success ? parsed.data.staticRoutes.map((route) => route.page) : []);
  return (pathname) => {
    // Next.js's own files: the build's assets (one series for all of them) and its image optimizer.
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return pathname.split("/", 3).join("/");
    const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (staticPages.has(normalized)) return normalized;
    return compiled.find((route) => route.regex.test(normalized))?.page ?? UNMATCHED_ROUTE;
  };
}

/**
 * The matcher for the build in `distDir`. Without a manifest (a development server that has not
 * written one yet) every request is unmatched, which is still no raw path.
 */
export function loadRoutePattern(distDir: string): RoutePattern {
  try {
    return routePatternFrom(JSON.parse(fs.readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")));
  } catch {
    return routePatternFrom(null);
  }
}
