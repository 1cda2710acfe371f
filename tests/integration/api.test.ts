/**
 * The REST API (/api/v1) through its route files against a real database, as a client with a
 * personal access token meets it. Every route: a valid token gets the reader's own data; no token,
 * a malformed or revoked one gets a 401; a read token on a write route a 403; input that does not
 * parse a 400; another reader's ids a 404 and never their data. Every refusal is problem+json.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

// This file makes many requests with one token: the limit is another file's subject (api-rate-limit.test.ts).
process.env.API_RATE_LIMIT_PER_MINUTE = "100000";

const { db } = await import("@/lib/db");
const { createAccessToken, revokeAccessToken, listAccessTokens, verifyAccessToken } = await import("@/lib/api/access-tokens");
const { API_ROUTES } = await import("@/lib/api/v1/routes");
const { SafeError } = await import("@/lib/errors");

const rows = rowFactory();
const BASE = "http://localhost:3000/api/v1";

type RouteModule = Partial<Record<"GET" | "PUT" | "POST" | "DELETE", (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>>>;

/** The route files, by their folder under app/api/v1, as Next.js serves them. */
const routeFiles: Record<string, RouteModule> = {
  "/feed": await import("@/app/api/v1/feed/route"),
  "/topics": await import("@/app/api/v1/topics/route"),
  "/topics/{slug}": await import("@/app/api/v1/topics/[slug]/route"),
  "/topics/{slug}/insights": await import("@/app/api/v1/topics/[slug]/insights/route"),
  "/topics/{slug}/follow": await import("@/app/api/v1/topics/[slug]/follow/route"),
  "/search": await import("@/app/api/v1/search/route"),
  "/saved": await import("@/app/api/v1/saved/route"),
  "/saved/{insightId}": await import("@/app/api/v1/saved/[insightId]/route"),
  "/briefs": await import("@/app/api/v1/briefs/route"),
  "/briefs/{brief}": await import("@/app/api/v1/briefs/[brief]/route"),
  "/clusters/{clusterId}": await import("@/app/api/v1/clusters/[clusterId]/route"),
  "/clusters/{clusterId}/insights": await import("@/app/api/v1/clusters/[clusterId]/insights/route"),
  "/feedback": await import("@/app/api/v1/feedback/route"),
};

type Call = { params?: Record<string, string>; query?: Record<string, string>; search?: string; body?: unknown; token?: string | null; rawBody?: string; contentType?: string };

/** One request to a route file, by path template and method, as a client sends it. */
async function call(method: "GET" | "PUT" | "POST" | "DELETE", template: string, { params = {}, query = {}, search, body, token, rawBody, contentType }: Call = {}) {
  const handler = routeFiles[template]?.[method];
  if (!handler) throw new Error(`no route file answers ${method} ${template}`);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  const url = new URL(`${BASE}${path}${search ? `?${search}` : ""}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (token !== null && token !== undefined) headers.authorization = `Bearer ${token}`;
  const sent = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (sent !== undefined) headers["content-type"] = contentType ?? "application/json";
  const response = await handler(new Request(url, { method, headers, body: sent }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

type Problem = { type: string; title: string; status: number; detail: string; errors?: { in: string; path: string; message: string }[] };

function expectProblem(response: Awaited<ReturnType<typeof call>>, status: number): Problem {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = response.json as unknown as Problem;
  expect(problem).toMatchObject({ type: "about:blank", status, title: expect.any(String), detail: expect.any(String) });
  return problem;
}

let readerA: string;
let readerB: string;
const tokens = {} as { read: string; write: string; revoked: string; otherReader: string };
let curated: { id: string; slug: string; name: string };
let bOwnTopic: { id: string; slug: string; name: string };
let clusterId: string;
const insight = {} as { lead: string; sameCluster: string; savedByB: string; savedByA: string };
let showA: string;
let briefOfB: { id: string; date: string };
let briefOfA: { id: string; date: string };

beforeAll(async () => {
  [readerA, readerB] = await Promise.all([rows.makeReader(), rows.makeReader()]);
  tokens.read = (await createAccessToken(readerA, { name: "Reader script", scope: "read" })).token;
  tokens.write = (await createAccessToken(readerA, { name: "Notes app", scope: "write" })).token;
  const revoked = await createAccessToken(readerA, { name: "Old laptop", scope: "write" });
  await revokeAccessToken(readerA, revoked.summary.id);
  tokens.revoked = revoked.token;
  tokens.otherReader = (await createAccessToken(readerB, { name: "B's app", scope: "write" })).token;

  curated = await rows.makeTopic("zeppelins");
  bOwnTopic = await rows.makeTopic("b-private-obsession", readerB);
  clusterId = (await db.cluster.create({ data: { label: `Airships are back ${rows.run}`, size: 2 } })).id;
  showA = await rows.makeShow(`Show A ${rows.run}`);
  const showB = await rows.makeShow(`Show B ${rows.run}`);
  // The lead is also filed under B's own topic: A must never see that topic's name on it.
  insight.lead = (await rows.makeInsight(showA, { topics: [curated.id, bOwnTopic.id], ageDays: 1, clusterId, headline: `Zeppelin freight returns ${rows.run}` })).id;
  insight.sameCluster = (await rows.makeInsight(showB, { topics: [curated.id], ageDays: 2, clusterId, headline: `Airships carry cargo again ${rows.run}` })).id;
  insight.savedByB = (await rows.makeInsight(showA, { topics: [curated.id], ageDays: 3, headline: `Helium prices ${rows.run}` })).id;
  insight.savedByA = (await rows.makeInsight(showB, { topics: [curated.id], ageDays: 4, headline: `Hydrogen safety ${rows.run}` })).id;
  await db.topicFollow.create({ data: { userId: readerA, topicId: curated.id } });
  await db.savedInsight.create({ data: { userId: readerB, insightId: insight.savedByB } });
  await db.savedInsight.create({ data: { userId: readerA, insightId: insight.savedByA } });

  const makeBrief = async (userId: string, date: string) => {
    const brief = await db.dailyBrief.create({
      data: { userId, briefDate: new Date(`${date}T00:00:00Z`), status: "sent", scheduledFor: new Date(`${date}T07:00:00Z`), sentAt: new Date(`${date}T07:00:05Z`), items: { create: [{ insightId: insight.lead, position: 0, reason: `Because you follow ${curated.name}` }] } },
    });
    return { id: brief.id, date };
  };
  briefOfA = await makeBrief(readerA, "2026-11-30");
  await makeBrief(readerA, "2026-11-29");
  briefOfB = await makeBrief(readerB, "2026-12-01");
});

type RouteCase = {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** What a token must be allowed to do: reading routes read, the rest write. */
  scope: "read" | "write";
  path: string;
  /** A call that works, and what it shows. */
  valid: () => Call;
  check: (response: Awaited<ReturnType<typeof call>>) => void | Promise<void>;
  /** Input that does not parse; undefined when the route takes none. */
  bad?: () => Call;
  /** Another reader's ids: refused as not found, nothing of theirs shown or changed. */
  otherReader?: () => Promise<void>;
};

const insightIds = (items: { insight: { id: string } }[]) => items.map((item) => item.insight.id);

const cases: RouteCase[] = [
  {
    method: "GET",
    scope: "read",
    path: "/feed",
    valid: () => ({ query: { limit: "50" } }),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      const items = json!.items as { insight: { id: string; topics: { slug: string }[]; url: string }; reason: string; others: { id: string }[] }[];
      // One card per cluster: the lead carries the other show's take.
      const lead = items.find((item) => item.insight.id === insight.lead || item.insight.id === insight.sameCluster)!;
      expect(lead.others.map((other) => other.id)).toEqual([lead.insight.id === insight.lead ? insight.sameCluster : insight.lead]);
      expect(insightIds(items)).toContain(insight.savedByA);
      expect(lead.reason).toMatch(/\S/);
      expect(lead.insight.url).toBe(`http://localhost:3000/insights/${lead.insight.id}`);
    },
    bad: () => ({ query: { limit: "0" } }),
  },
  {
    method: "GET",
    scope: "read",
    path: "/topics",
    valid: () => ({}),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      const items = json!.items as { slug: string; following: boolean }[];
      expect(items.find((topic) => topic.slug === curated.slug)).toMatchObject({ following: true });
      expect(items.map((topic) => topic.slug)).not.toContain(bOwnTopic.slug);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/topics/{slug}",
    valid: () => ({ params: { slug: curated.slug } }),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      expect(json).toMatchObject({ id: curated.id, slug: curated.slug, name: curated.name, kind: "curated", following: true, insights: 4 });
    },
    bad: () => ({ params: { slug: "x".repeat(121) } }),
    otherReader: async () => {
      const problem = expectProblem(await call("GET", "/topics/{slug}", { params: { slug: bOwnTopic.slug }, token: tokens.read }), 404);
      expect(JSON.stringify(problem)).not.toContain(bOwnTopic.name);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/topics/{slug}/insights",
    valid: () => ({ params: { slug: curated.slug } }),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      const items = json!.items as { insight: { id: string } }[];
      expect(insightIds(items)).toEqual(expect.arrayContaining([insight.savedByA, insight.savedByB]));
    },
    bad: () => ({ params: { slug: curated.slug }, query: { cursor: "not a cursor!" } }),
    otherReader: async () => {
      expectProblem(await call("GET", "/topics/{slug}/insights", { params: { slug: bOwnTopic.slug }, token: tokens.read }), 404);
    },
  },
  {
    method: "PUT",
    scope: "write",
    path: "/topics/{slug}/follow",
    valid: () => ({ params: { slug: curated.slug } }),
    check: async ({ status, json }) => {
      expect(status).toBe(200);
      expect(json).toMatchObject({ slug: curated.slug, following: true });
      expect(await db.topicFollow.count({ where: { userId: readerA, topicId: curated.id } })).toBe(1);
    },
    bad: () => ({ params: { slug: "" } }),
    otherReader: async () => {
      expectProblem(await call("PUT", "/topics/{slug}/follow", { params: { slug: bOwnTopic.slug }, token: tokens.write }), 404);
      expect(await db.topicFollow.count({ where: { userId: readerA, topicId: bOwnTopic.id } })).toBe(0);
    },
  },
  {
    method: "DELETE",
    scope: "write",
    path: "/topics/{slug}/follow",
    valid: () => ({ params: { slug: curated.slug } }),
    check: async ({ status, json }) => {
      expect(status).toBe(204);
      expect(json).toBeNull();
      expect(await db.topicFollow.count({ where: { userId: readerA, topicId: curated.id } })).toBe(0);
      // Followed again, for the routes after this one.
      await db.topicFollow.create({ data: { userId: readerA, topicId: curated.id } });
    },
    bad: () => ({ params: { slug: "" } }),
    otherReader: async () => {
      await db.topicFollow.upsert({ where: { userId_topicId: { userId: readerB, topicId: bOwnTopic.id } }, create: { userId: readerB, topicId: bOwnTopic.id }, update: {} });
      expectProblem(await call("DELETE", "/topics/{slug}/follow", { params: { slug: bOwnTopic.slug }, token: tokens.write }), 404);
      expect(await db.topicFollow.count({ where: { userId: readerB, topicId: bOwnTopic.id } })).toBe(1);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/search",
    valid: () => ({ query: { q: "zeppelin freight", podcastId: showA } }),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      const items = json!.items as { insight: { id: string; topics: { slug: string }[] }; foundBy: string }[];
      expect(items[0]!.insight.id).toBe(insight.lead);
      expect(["words", "both"]).toContain(items[0]!.foundBy);
      expect(items[0]!.insight.topics.map((topic) => topic.slug)).toEqual([curated.slug]);
    },
    bad: () => ({ query: { q: "x".repeat(201) } }),
    otherReader: async () => {
      // B's own topic as a filter finds nothing for A, though an insight is filed under it.
      const response = await call("GET", "/search", { query: { q: "zeppelin freight", topic: bOwnTopic.slug }, token: tokens.read });
      expect(response.status).toBe(200);
      expect(response.json!.items).toEqual([]);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/saved",
    valid: () => ({}),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      expect(insightIds(json!.items as { insight: { id: string } }[])).toEqual([insight.savedByA]);
      expect(json!.nextCursor).toBeNull();
    },
    bad: () => ({ query: { topic: "Not A Slug" } }),
  },
  {
    method: "PUT",
    scope: "write",
    path: "/saved/{insightId}",
    valid: () => ({ params: { insightId: insight.lead } }),
    check: async ({ status }) => {
      expect(status).toBe(204);
      expect(await db.savedInsight.count({ where: { userId: readerA, insightId: insight.lead } })).toBe(1);
    },
    bad: () => ({ params: { insightId: "x".repeat(65) } }),
    otherReader: async () => {
      expectProblem(await call("PUT", "/saved/{insightId}", { params: { insightId: `missing-${rows.run}` }, token: tokens.write }), 404);
    },
  },
  {
    method: "DELETE",
    scope: "write",
    path: "/saved/{insightId}",
    valid: () => ({ params: { insightId: insight.lead } }),
    check: async ({ status }) => {
      expect(status).toBe(204);
      expect(await db.savedInsight.count({ where: { userId: readerA, insightId: insight.lead } })).toBe(0);
    },
    bad: () => ({ params: { insightId: "" } }),
    otherReader: async () => {
      // B's save of the same insight is B's: A's unsave leaves it.
      expect((await call("DELETE", "/saved/{insightId}", { params: { insightId: insight.savedByB }, token: tokens.write })).status).toBe(204);
      expect(await db.savedInsight.count({ where: { userId: readerB, insightId: insight.savedByB } })).toBe(1);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/briefs",
    valid: () => ({ query: { limit: "1" } }),
    check: async ({ status, json }) => {
      expect(status).toBe(200);
      expect(json!.items).toEqual([{ date: briefOfA.date, status: "sent", itemCount: 1, headline: `Zeppelin freight returns ${rows.run}` }]);
      const next = await call("GET", "/briefs", { query: { limit: "1", cursor: json!.nextCursor as string }, token: tokens.read });
      expect((next.json!.items as { date: string }[]).map((brief) => brief.date)).toEqual(["2026-11-29"]);
      expect(next.json!.nextCursor).toBeNull();
    },
    bad: () => ({ query: { limit: "many" } }),
  },
  {
    method: "GET",
    scope: "read",
    path: "/briefs/{brief}",
    valid: () => ({ params: { brief: briefOfA.date } }),
    check: async ({ status, json }) => {
      expect(status).toBe(200);
      expect(json).toMatchObject({ id: briefOfA.id, date: briefOfA.date, status: "sent", items: [{ position: 0, insight: { id: insight.lead } }] });
      // Nothing beyond what the document describes (the service's row holds the reader's id).
      expect(json).not.toHaveProperty("userId");
      const byId = await call("GET", "/briefs/{brief}", { params: { brief: briefOfA.id }, token: tokens.read });
      expect(byId.json).toEqual(json);
    },
    bad: () => ({ params: { brief: "x".repeat(65) } }),
    otherReader: async () => {
      expectProblem(await call("GET", "/briefs/{brief}", { params: { brief: briefOfB.id }, token: tokens.read }), 404);
      expectProblem(await call("GET", "/briefs/{brief}", { params: { brief: briefOfB.date }, token: tokens.read }), 404);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/clusters/{clusterId}",
    valid: () => ({ params: { clusterId } }),
    check: ({ status, json }) => {
      expect(status).toBe(200);
      expect(json).toMatchObject({ id: clusterId, label: `Airships are back ${rows.run}`, size: 2 });
    },
    bad: () => ({ params: { clusterId: "x".repeat(65) } }),
    otherReader: async () => {
      expectProblem(await call("GET", "/clusters/{clusterId}", { params: { clusterId: `missing-${rows.run}` }, token: tokens.read }), 404);
    },
  },
  {
    method: "GET",
    scope: "read",
    path: "/clusters/{clusterId}/insights",
    valid: () => ({ params: { clusterId }, query: { limit: "1" } }),
    check: async ({ status, json }) => {
      expect(status).toBe(200);
      const first = json!.items as { id: string; topics: { slug: string }[] }[];
      expect(first.map((item) => item.id)).toEqual([insight.lead]);
      // B's own topic is on the lead, but never in what A reads.
      expect(first[0]!.topics.map((topic) => topic.slug)).toEqual([curated.slug]);
      const next = await call("GET", "/clusters/{clusterId}/insights", { params: { clusterId }, query: { limit: "1", cursor: json!.nextCursor as string }, token: tokens.read });
      expect((next.json!.items as { id: string }[]).map((item) => item.id)).toEqual([insight.sameCluster]);
      expect(next.json!.nextCursor).toBeNull();
    },
    bad: () => ({ params: { clusterId }, query: { limit: "51" } }),
    otherReader: async () => {
      expectProblem(await call("GET", "/clusters/{clusterId}/insights", { params: { clusterId: `missing-${rows.run}` }, token: tokens.read }), 404);
    },
  },
  {
    method: "POST",
    scope: "write",
    path: "/feedback",
    valid: () => ({ body: { insightId: insight.lead, target: "topic", topicId: curated.id, direction: "less" } }),
    check: async ({ status }) => {
      expect(status).toBe(204);
      expect(await db.feedEvent.count({ where: { userId: readerA, topicId: curated.id, kind: "less_like_this" } })).toBe(1);
    },
    bad: () => ({ body: { insightId: insight.lead, direction: "sideways" } }),
    otherReader: async () => {
      const problem = expectProblem(await call("POST", "/feedback", { body: { insightId: insight.lead, target: "topic", topicId: bOwnTopic.id, direction: "more" }, token: tokens.write }), 404);
      expect(JSON.stringify(problem)).not.toContain(bOwnTopic.name);
      expect(await db.feedEvent.count({ where: { userId: readerA, topicId: bOwnTopic.id } })).toBe(0);
    },
  },
];

describe("every API route", () => {
  it("is covered here, each with the scope it should need", () => {
    const key = (method: string, path: string, scope: string) => `${method.toUpperCase()} ${path} ${scope}`;
    expect(cases.map((c) => key(c.method, c.path, c.scope)).sort()).toEqual(API_ROUTES.map(({ definition }) => key(definition.method, definition.path, definition.scope)).sort());
  });

  for (const routeCase of cases) {
    const scope = routeCase.scope;
    const name = `${routeCase.method} ${routeCase.path}`;

    it(`${name} answers a ${scope} token with the reader's data`, async () => {
      await routeCase.check(await call(routeCase.method, routeCase.path, { ...routeCase.valid(), token: scope === "read" ? tokens.read : tokens.write }));
    });

    it(`${name} refuses no token, a malformed one and a revoked one alike, as problem+json`, async () => {
      for (const token of [null, "pb_short", "not-even-ours", tokens.revoked]) {
        const response = await call(routeCase.method, routeCase.path, { ...routeCase.valid(), token });
        const problem = expectProblem(response, 401);
        expect(problem.detail).toBe("Send a valid personal access token: Authorization: Bearer pb_… (make one in Settings).");
        expect(response.headers.get("www-authenticate")).toBe('Bearer realm="podbrief"');
      }
    });

    if (scope === "write") {
      it(`${name} refuses a read token with a 403, changing nothing`, async () => {
        const before = await Promise.all([db.savedInsight.count({ where: { userId: readerA } }), db.topicFollow.count({ where: { userId: readerA } }), db.feedEvent.count({ where: { userId: readerA } })]);
        const problem = expectProblem(await call(routeCase.method, routeCase.path, { ...routeCase.valid(), token: tokens.read }), 403);
        expect(problem.detail).toBe("This token may read only; this needs a write token.");
        const after = await Promise.all([db.savedInsight.count({ where: { userId: readerA } }), db.topicFollow.count({ where: { userId: readerA } }), db.feedEvent.count({ where: { userId: readerA } })]);
        expect(after).toEqual(before);
      });
    } else {
      it(`${name} also answers a write token (writing includes reading)`, async () => {
        expect((await call(routeCase.method, routeCase.path, { ...routeCase.valid(), token: tokens.write })).status).toBe(200);
      });
    }

    if (routeCase.bad) {
      const bad = routeCase.bad;
      it(`${name} answers input that does not parse with a 400 naming the field`, async () => {
        const problem = expectProblem(await call(routeCase.method, routeCase.path, { ...bad(), token: tokens.write }), 400);
        expect(problem.errors?.length).toBeGreaterThan(0);
        expect(problem.errors![0]).toMatchObject({ in: expect.stringMatching(/^(path|query|body)$/), message: expect.any(String) });
      });
    }

    if (routeCase.otherReader) {
      it(`${name} answers another reader's ids with a 404, never their data`, routeCase.otherReader);
    }
  }

  it("takes a JSON body only as JSON", async () => {
    const notJson = await call("POST", "/feedback", { rawBody: "insightId=1", contentType: "application/x-www-form-urlencoded", token: tokens.write });
    expect(expectProblem(notJson, 400).errors![0]!.message).toBe("Send the body as JSON, with Content-Type: application/json.");
    const broken = await call("POST", "/feedback", { rawBody: "{ not json", token: tokens.write });
    expect(expectProblem(broken, 400).errors![0]!.message).toBe("The body is not valid JSON.");
  });

  it("refuses a parameter given twice instead of picking one", async () => {
    const problem = expectProblem(await call("GET", "/search", { search: "q=airships&q=zeppelins", token: tokens.read }), 400);
    expect(problem.errors![0]).toMatchObject({ in: "query", path: "q" });
  });

  it("pages the saved list by cursor, neither skipping nor repeating", async () => {
    const reader = await rows.makeReader();
    const { token } = await createAccessToken(reader, { name: "pager", scope: "read" });
    const ids = [insight.lead, insight.sameCluster, insight.savedByA, insight.savedByB];
    for (const [index, id] of ids.entries()) await db.savedInsight.create({ data: { userId: reader, insightId: id, createdAt: new Date(Date.UTC(2026, 10, 1, 0, index)) } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call("GET", "/saved", { query: { limit: "3", ...(cursor ? { cursor } : {}) }, token });
      seen.push(...insightIds(page.json!.items as { insight: { id: string } }[]));
      cursor = (page.json!.nextCursor as string | null) ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe("personal access tokens", () => {
  it("are stored as a SHA-256 hash only, and listed without it", async () => {
    const reader = await rows.makeReader();
    const { token, summary } = await createAccessToken(reader, { name: "  CLI   on my laptop ", scope: "read" });
    expect(token).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    const row = await db.personalAccessToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
    const listed = await listAccessTokens(reader);
    expect(listed).toEqual([{ id: summary.id, name: "CLI on my laptop", scope: "read", createdAt: row.createdAt, lastUsedAt: null, revokedAt: null }]);
  });

  it("verify for the MCP server as for the API: the reader, the scope, and when it was last used", async () => {
    const reader = await rows.makeReader();
    const { token, summary } = await createAccessToken(reader, { name: "mcp", scope: "write" });
    expect(await verifyAccessToken(token, "read")).toEqual({ userId: reader, tokenId: summary.id, scope: "write" });
    expect((await db.personalAccessToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt).toBeInstanceOf(Date);
    const { token: readOnly } = await createAccessToken(reader, { name: "mcp read", scope: "read" });
    await expect(verifyAccessToken(readOnly, "write")).rejects.toMatchObject({ code: "forbidden" });
    await expect(verifyAccessToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, "read")).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("cannot be revoked by another reader", async () => {
    const [owner, other] = await Promise.all([rows.makeReader(), rows.makeReader()]);
    const { token, summary } = await createAccessToken(owner, { name: "mine", scope: "read" });
    await expect(revokeAccessToken(other, summary.id)).rejects.toBeInstanceOf(SafeError);
    expect((await verifyAccessToken(token, "read")).userId).toBe(owner);
    await revokeAccessToken(owner, summary.id);
    await expect(verifyAccessToken(token, "read")).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("are capped per reader, counting live tokens only", async () => {
    const reader = await rows.makeReader();
    const made = [];
    for (let i = 0; i < 20; i++) made.push(await createAccessToken(reader, { name: `t${i}`, scope: "read" }));
    await expect(createAccessToken(reader, { name: "one more", scope: "read" })).rejects.toMatchObject({ code: "conflict" });
    await revokeAccessToken(reader, made[0]!.summary.id);
    await expect(createAccessToken(reader, { name: "one more", scope: "read" })).resolves.toMatchObject({ summary: { name: "one more" } });
  });
});
