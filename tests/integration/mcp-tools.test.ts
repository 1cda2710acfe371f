/**
 * The MCP server's tools against a real database, driven by the SDK's own client over its in-memory
 * transport: every tool answers from the reader's own Podbrief with grounded quotes and links, input
 * that does not fit a tool's schema is refused, and a read-only token cannot change anything. The
 * same server over HTTP and stdio, with tokens, is tests/e2e/mcp.test.ts.
 */
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { createPodbriefMcpServer } = await import("@/lib/mcp/podbrief-mcp");

const { run, makeShow, makeInsight, makeReader, makeTopic } = rowFactory();
/** A word no other test's insight has, so searches find this file's insights only. */
const MARKER = `mcpmarker${run.replace(/[^a-z0-9]/g, "")}`;

let reader: string;
let stranger: string;
let insightId: string;
let otherShowTake: string;
let oldTake: string;
let topic: { id: string; slug: string; name: string };
const clients: Client[] = [];

async function connect(userId: string, canWrite: boolean): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createPodbriefMcpServer({ userId, canWrite }).connect(serverSide);
  const client = new Client({ name: "podbrief-test", version: "1.0.0" });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");

beforeAll(async () => {
  topic = await makeTopic("mcp-export-controls");
  const cluster = await db.cluster.create({ data: { label: `mcp story ${run}`, size: 2 } });
  const show = await makeShow(`mcp show ${run}`);
  const other = await makeShow(`mcp other show ${run}`);
  const made = await makeInsight(show, { topics: [topic.id], ageDays: 2, clusterId: cluster.id, headline: `Export controls on Nvidia H20 chips slow Chinese labs ${MARKER}` });
  insightId = made.id;
  await db.insight.update({ where: { id: insightId }, data: { speaker: "Dylan Patel", quote: "The H20 ban cut their training runs in half." } });
  otherShowTake = (await makeInsight(other, { topics: [topic.id], ageDays: 1, clusterId: cluster.id, headline: `Chip export controls reshape AI labs ${MARKER}` })).id;
  // Old: outside "this week".
  oldTake = (await makeInsight(show, { topics: [topic.id], ageDays: 40, headline: `Export controls were first debated years ago ${MARKER}` })).id;

  reader = await makeReader();
  stranger = await makeReader();
  const brief = await db.dailyBrief.create({
    data: { userId: reader, briefDate: new Date("2026-12-01T00:00:00Z"), status: "sent", scheduledFor: new Date("2026-12-01T07:00:00Z"), sentAt: new Date("2026-12-01T07:00:01Z") },
  });
  await db.dailyBriefItem.create({ data: { briefId: brief.id, insightId, position: 0, reason: "From a topic you follow" } });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

describe("the MCP server's tools", () => {
  it("lists every tool with its input schema", async () => {
    const client = await connect(reader, false);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["follow_topic", "get_brief", "get_insight", "list_topics", "save_insight", "search_insights"]);
    const search = tools.find((tool) => tool.name === "search_insights")!;
    expect(search.inputSchema.required).toEqual(["query"]);
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["query", "topic", "days", "limit"]));
  });

  it("searches insights and answers with the quote, who said it, when, and a link that plays from there", async () => {
    const client = await connect(reader, false);
    const result = await call(client, "search_insights", { query: `export controls ${MARKER}`, days: 7 });
    expect(result.isError).toBeFalsy();
    const { insights } = result.structuredContent as { insights: { id: string; quote: string; speaker: string; url: string; saidAt: number; publishedAt: string }[] };
    // Other test files' insights may be close in meaning too: this file's two recent ones are among
    // the answers, the 40-day-old one is not "this week", and neither is anything else answered.
    const found = insights.map((insight) => insight.id);
    expect(found).toEqual(expect.arrayContaining([insightId, otherShowTake]));
    expect(found).not.toContain(oldTake);
    for (const insight of insights) expect(Date.now() - Date.parse(insight.publishedAt)).toBeLessThanOrEqual(7 * 86_400_000);
    const mine = insights.find((insight) => insight.id === insightId)!;
    expect(mine.quote).toBe("The H20 ban cut their training runs in half.");
    expect(mine.speaker).toBe("Dylan Patel");
    expect(new URL(mine.url).pathname).toBe(`/insights/${insightId}`);
    expect(new URL(mine.url).searchParams.get("t")).toBe(String(mine.saidAt));
    expect(text(result)).toContain('> "The H20 ban cut their training runs in half." (Dylan Patel, at ');

    const all = await call(client, "search_insights", { query: `export controls ${MARKER}` });
    expect((all.structuredContent as { insights: { id: string }[] }).insights.map((insight) => insight.id)).toEqual(expect.arrayContaining([insightId, otherShowTake, oldTake]));
  });

  it("gets an insight with the other shows' takes on the same point", async () => {
    const client = await connect(reader, false);
    const result = await call(client, "get_insight", { id: insightId });
    const { insight, samePoint } = result.structuredContent as { insight: { id: string; topics: string[] }; samePoint: { id: string }[] };
    expect(insight.id).toBe(insightId);
    expect(insight.topics).toContain(topic.name);
    expect(samePoint.map((take) => take.id)).toEqual([otherShowTake]);
    expect(text(result)).toContain("## The same point on other shows");

    const missing = await call(client, "get_insight", { id: "no-such-insight" });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toBe("No insight has the id no-such-insight.");
  });

  it("gets the reader's brief, and never another reader's", async () => {
    const mine = await call(await connect(reader, false), "get_brief", {});
    expect(mine.structuredContent).toMatchObject({ date: "2026-12-01", insights: [{ id: insightId, reason: "From a topic you follow" }] });
    const theirs = await call(await connect(stranger, false), "get_brief", { date: "2026-12-01" });
    expect(theirs.structuredContent).toEqual({ date: "2026-12-01", insights: [] });
    expect(text(theirs)).toBe("There is no brief for 2026-12-01.");
  });

  it("lists, follows and unfollows topics with a token that may write", async () => {
    const client = await connect(reader, true);
    const listed = (await call(client, "list_topics", {})).structuredContent as { topics: { slug: string; following: boolean }[] };
    expect(listed.topics.find((entry) => entry.slug === topic.slug)?.following).toBe(false);

    expect(text(await call(client, "follow_topic", { topic: topic.slug }))).toBe(`Following ${topic.name}.`);
    expect(await db.topicFollow.count({ where: { userId: reader, topicId: topic.id } })).toBe(1);
    const following = (await call(client, "list_topics", { following: true })).structuredContent as { topics: { slug: string }[] };
    expect(following.topics.map((entry) => entry.slug)).toContain(topic.slug);

    await call(client, "follow_topic", { topic: topic.slug, follow: false });
    expect(await db.topicFollow.count({ where: { userId: reader, topicId: topic.id } })).toBe(0);
    expect((await call(client, "follow_topic", { topic: "no-such-topic" })).isError).toBe(true);
  });

  it("saves and unsaves an insight with a token that may write", async () => {
    const client = await connect(reader, true);
    await call(client, "save_insight", { id: insightId });
    expect(await db.savedInsight.count({ where: { userId: reader, insightId } })).toBe(1);
    await call(client, "save_insight", { id: insightId, saved: false });
    expect(await db.savedInsight.count({ where: { userId: reader, insightId } })).toBe(0);
    const gone = await call(client, "save_insight", { id: `missing-${randomUUID()}` });
    expect(gone).toMatchObject({ isError: true, content: [{ type: "text", text: "That insight no longer exists." }] });
  });

  it("refuses to change anything with a read-only token", async () => {
    const client = await connect(reader, false);
    const save = await call(client, "save_insight", { id: insightId });
    const follow = await call(client, "follow_topic", { topic: topic.slug });
    for (const result of [save, follow]) {
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^This token may only read/);
    }
    expect(await db.savedInsight.count({ where: { userId: reader, insightId } })).toBe(0);
    expect(await db.topicFollow.count({ where: { userId: reader, topicId: topic.id } })).toBe(0);
  });

  it("refuses input that does not fit a tool's schema, naming the field", async () => {
    const client = await connect(reader, false);
    const cases = [
      ["search_insights", { query: "" }, "query"],
      ["search_insights", { query: "x".repeat(201) }, "query"],
      ["search_insights", { query: "chips", days: 0 }, "days"],
      ["get_insight", { id: "../../etc/passwd" }, "id"],
      ["get_brief", { date: "2026-02-30" }, "date"],
    ] as const;
    for (const [name, args, field] of cases) {
      const result = await call(client, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(text(result)).toContain(field);
    }
  });
});
