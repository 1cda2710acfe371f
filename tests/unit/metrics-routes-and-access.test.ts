/**
 * Two decisions /metrics rests on: the route pattern a request is timed under (never its raw path),
 * and who may scrape.
 */
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { routePatternFrom, UNMATCHED_ROUTE } from "@/lib/metrics/route-pattern";
import { metricsAccess } from "@/lib/metrics/serve-metrics";
import { stampClientAddress, trustedProxyMatcher } from "@/lib/net/client-address";

// Entries as `next build` writes them to .next/routes-manifest.json for this app's routes.
const manifest = {
  version: 3,
  staticRoutes: ["/", "/api/health", "/api/health/ready", "/feed", "/metrics", "/podcasts", "/topics"].map((page) => ({ page, regex: `^${page === "/" ? "/(?:/)?" : `${page}(?:/)?`}$` })),
  dynamicRoutes: [
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/insights/[id]", regex: "^/insights/([^/]+?)(?:/)?$" },
    { page: "/podcasts/[id]", regex: "^/podcasts/([^/]+?)(?:/)?$" },
    { page: "/podcasts/[id]/episodes/[episodeId]", regex: "^/podcasts/([^/]+?)/episodes/([^/]+?)(?:/)?$" },
    { page: "/feeds/topics/[slug]/rss.xml", regex: "^/feeds/topics/([^/]+?)/rss\\.xml(?:/)?$" },
  ],
};

describe("the route a request is timed under", () => {
  const route = routePatternFrom(manifest);

  it("is the app's pattern, not the path with its ids", () => {
    expect(route("/insights/ins_4fQk2y0xW7sV1cA9bN3mZp")).toBe("/insights/[id]");
    expect(route("/podcasts/cmabc123/episodes/cmdef456")).toBe("/podcasts/[id]/episodes/[episodeId]");
    expect(route("/feeds/topics/ai-safety/rss.xml")).toBe("/feeds/topics/[slug]/rss.xml");
    expect(route("/api/auth/callback/nodemailer")).toBe("/api/auth/[...nextauth]");
  });

  it("prefers a static route to a dynamic one that also matches, as Next.js does", () => {
    expect(route("/podcasts")).toBe("/podcasts");
    expect(route("/feed/")).toBe("/feed");
    expect(route("/")).toBe("/");
  });

  it("groups the build's assets and every unknown path under one label each", () => {
    expect(route("/_next/static/chunks/0a1b2c3d.js")).toBe("/_next/static");
    expect(route("/_next/image")).toBe("/_next/image");
    expect(route("/wp-admin/setup-config.php")).toBe(UNMATCHED_ROUTE);
    expect(routePatternFrom(null)("/insights/ins_1")).toBe(UNMATCHED_ROUTE);
  });
});

/** Headers as the route handler reads them once the web server stamped the socket's peer. */
function request(peer: string, headers: IncomingHttpHeaders = {}): Headers {
  const copy = { ...headers };
  stampClientAddress(copy, peer, trustedProxyMatcher(["127.0.0.1"]));
  return new Headers(Object.entries(copy).map(([name, value]): [string, string] => [name, String(value)]));
}

describe("who may scrape /metrics", () => {
  const token = "a-metrics-token-of-32-characters";
  const on = parseEnv({ METRICS_ENABLED: "on", METRICS_TOKEN: token });
  const onWithoutToken = parseEnv({ METRICS_ENABLED: "on" });

  it("nobody while metrics are off, the default", () => {
    expect(parseEnv({}).metricsEnabled).toBe(false);
    expect(metricsAccess(request("127.0.0.1"), parseEnv({}))).toBe("disabled");
    expect(metricsAccess(request("203.0.113.9", { authorization: `Bearer ${token}` }), parseEnv({ METRICS_TOKEN: token }))).toBe("disabled");
  });

  it("this computer without a token", () => {
    expect(metricsAccess(request("127.0.0.1"), onWithoutToken)).toBe("allowed");
    expect(metricsAccess(request("::1"), on)).toBe("allowed");
  });

  it("another computer only with the token, whatever its forwarding headers claim", () => {
    const forged = { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", "x-podbrief-peer": "127.0.0.1" };
    expect(metricsAccess(request("203.0.113.9", forged), on)).toBe("unauthorized");
    expect(metricsAccess(request("203.0.113.9"), onWithoutToken)).toBe("unauthorized");
    expect(metricsAccess(request("203.0.113.9", { authorization: `Bearer ${token}` }), on)).toBe("allowed");
    expect(metricsAccess(request("203.0.113.9", { authorization: `Bearer ${token}x` }), on)).toBe("unauthorized");
    expect(metricsAccess(request("203.0.113.9", { authorization: `Basic ${token}` }), on)).toBe("unauthorized");
    // No token configured: a sent one is never right.
    expect(metricsAccess(request("203.0.113.9", { authorization: "Bearer anything-at-all-here" }), onWithoutToken)).toBe("unauthorized");
  });

  it("not through a reverse proxy on this computer, even a trusted one, without the token", () => {
    expect(metricsAccess(request("127.0.0.1", { "x-forwarded-for": "198.51.100.7" }), on)).toBe("unauthorized");
    expect(metricsAccess(request("127.0.0.1", { "x-forwarded-for": "198.51.100.7", authorization: `Bearer ${token}` }), on)).toBe("allowed");
  });

  it("refuses a token too short to be one at start", () => {
    expect(() => parseEnv({ METRICS_ENABLED: "on", METRICS_TOKEN: "short" })).toThrow(EnvError);
    expect(() => parseEnv({ METRICS_ENABLED: "yes" })).toThrow(/METRICS_ENABLED/);
  });
});
