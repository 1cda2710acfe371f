/**
 * The MCP server as an assistant meets it, driven by the SDK's own client: over Streamable HTTP at
 * /api/mcp on the app as `npm start` runs it, and over stdio as `npm run -s mcp` starts it beside the
 * app. Each lists the tools and calls every one on the demo content, acting for the reader whose
 * personal access token it holds; neither says anything without a valid token.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";

const TOOLS = ["follow_topic", "get_brief", "get_insight", "list_topics", "save_insight", "search_insights"];

let app: RunningApp;
let dataDir: string;
let databasePort: string;
let database: pg.Client;
let reader: string;
const tokens = { write: "", read: "", revoked: "" };
let insight: { id: string; headline: string; quote: string };
let topicSlug: string;

const newToken = () => `pb_${randomBytes(32).toString("base64url")}`;

async function storeToken(scope: "read" | "write", revoked = false): Promise<string> {
  const token = newToken();
  await database.query(
    `INSERT INTO personal_access_tokens (id, user_id, name, token_hash, scope, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), reader, `mcp ${scope}`, createHash("sha256").update(token).digest("hex"), scope, revoked ? new Date() : null],
  );
  return token;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-mcp-"));
  app = await startApp({ DATA_DIR: dataDir });
  databasePort = /serving on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1] ?? "";
  if (!databasePort) throw new Error(`the app did not say where its database is:\n${app.output()}`);
  database = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${databasePort}/postgres` });
  await database.connect();
  await waitForDemoInsights(app);

  // A reader the worker sends no brief of its own, so the one stored here is the one they have.
  reader = randomUUID();
  await database.query(`INSERT INTO users (id, email, brief_enabled, onboarded_at, updated_at) VALUES ($1, $2, false, now(), now())`, [reader, `mcp-${reader}@example.com`]);
  tokens.write = await storeToken("write");
  tokens.read = await storeToken("read");
  tokens.revoked = await storeToken("write", true);

  const { rows } = await database.query<{ id: string; headline: string; quote: string; slug: string }>(`
    SELECT i.id, i.headline, i.quote, t.slug FROM insights i
    JOIN insight_topics it ON it.insight_id = i.id JOIN topics t ON t.id = it.topic_id AND t.kind = 'curated'
    ORDER BY i.quality_score DESC, i.id LIMIT 1`);
  insight = rows[0]!;
  topicSlug = rows[0]!.slug;
  const brief = randomUUID();
  await database.query(`INSERT INTO daily_briefs (id, user_id, brief_date, status, scheduled_for, sent_at) VALUES ($1, $2, '2026-12-01', 'sent', now(), now())`, [brief, reader]);
  await database.query(`INSERT INTO daily_brief_items (brief_id, insight_id, position, reason) VALUES ($1, $2, 0, 'From a topic you follow')`, [brief, insight.id]);
});

afterAll(async () => {
  await database?.end();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const httpTransport = (token?: string) =>
  new StreamableHTTPClientTransport(new URL("/api/mcp", app.url), token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : undefined);

/** `npm run -s mcp`, pointed at the app's embedded database, its stderr kept for the test to read. */
function stdioTransport(token?: string): { transport: StdioClientTransport; stderr: () => string } {
  const transport = new StdioClientTransport({
    command: "npm",
    args: ["run", "-s", "mcp"],
    cwd: process.cwd(),
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, EMBEDDED_DB_PORT: databasePort, DATA_DIR: dataDir, ...(token ? { PODBRIEF_TOKEN: token } : {}) },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { transport, stderr: () => stderr };
}

async function connect(transport: Transport): Promise<Client> {
  const client = new Client({ name: "podbrief-e2e", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");

/** Lists the tools and calls each one as the reader, checking each answer and what it changed. */
async function useEveryTool(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);

  const search = await call(client, "search_insights", { query: insight.headline });
  const found = (search.structuredContent as { insights: { id: string; quote: string; url: string }[] }).insights;
  const hit = found.find((entry) => entry.id === insight.id);
  expect(hit?.quote).toBe(insight.quote);
  expect(new URL(hit!.url).pathname).toBe(`/insights/${insight.id}`);

  const one = await call(client, "get_insight", { id: insight.id });
  expect((one.structuredContent as { insight: { headline: string } }).insight.headline).toBe(insight.headline);
  expect(text(one)).toContain(`> "${insight.quote}"`);

  const brief = await call(client, "get_brief", {});
  expect(brief.structuredContent).toMatchObject({ date: "2026-12-01", insights: [{ id: insight.id }] });

  const topics = (await call(client, "list_topics", {})).structuredContent as { topics: { slug: string }[] };
  expect(topics.topics.map((topic) => topic.slug)).toContain(topicSlug);

  expect((await call(client, "follow_topic", { topic: topicSlug })).isError).toBeFalsy();
  const follows = await database.query(`SELECT 1 FROM topic_follows f JOIN topics t ON t.id = f.topic_id WHERE f.user_id = $1 AND t.slug = $2`, [reader, topicSlug]);
  expect(follows.rowCount).toBe(1);
  await call(client, "follow_topic", { topic: topicSlug, follow: false });

  expect((await call(client, "save_insight", { id: insight.id })).isError).toBeFalsy();
  expect((await database.query(`SELECT 1 FROM saved_insights WHERE user_id = $1 AND insight_id = $2`, [reader, insight.id])).rowCount).toBe(1);
  await call(client, "save_insight", { id: insight.id, saved: false });
  expect((await database.query(`SELECT 1 FROM saved_insights WHERE user_id = $1 AND insight_id = $2`, [reader, insight.id])).rowCount).toBe(0);
}

describe("the MCP server over HTTP", () => {
  it("lists its tools and answers each for the token's reader", async () => {
    const client = await connect(httpTransport(tokens.write));
    try {
      await useEveryTool(client);
    } finally {
      await client.close();
    }
  });

  it("lets a read token read but not change anything", async () => {
    const client = await connect(httpTransport(tokens.read));
    try {
      expect((await call(client, "get_insight", { id: insight.id })).isError).toBeFalsy();
      const save = await call(client, "save_insight", { id: insight.id });
      expect(save.isError).toBe(true);
      expect(text(save)).toMatch(/^This token may only read/);
    } finally {
      await client.close();
    }
  });

  it("refuses a client without a valid token, saying how to send one", async () => {
    for (const token of [undefined, tokens.revoked, newToken()]) {
      await expect(connect(httpTransport(token))).rejects.toThrow();
    }
    const response = await fetch(new URL("/api/mcp", app.url), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="podbrief"');
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toMatch(/personal access token/);
  });
});

describe("the MCP server over stdio (npm run -s mcp)", () => {
  it("lists its tools and answers each for the token's reader", async () => {
    const { transport } = stdioTransport(tokens.write);
    const client = await connect(transport);
    try {
      await useEveryTool(client);
    } finally {
      await client.close();
    }
  });

  it("refuses to start without a valid token, saying where to put one", async () => {
    for (const token of [undefined, tokens.revoked]) {
      const { transport, stderr } = stdioTransport(token);
      const exited = new Promise<void>((resolve) => (transport.onclose = resolve));
      await expect(connect(transport)).rejects.toThrow();
      await exited;
      expect(stderr()).toContain("PODBRIEF_TOKEN must hold a personal access token");
    }
  });
});
