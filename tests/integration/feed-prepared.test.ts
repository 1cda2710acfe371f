/**
 * The embedded server shares one session among its connections (lib/db/session-queue.ts), and with
 * it one set of prepared statements: the feed's statement is prepared once and every connection of
 * the pool runs it by name, where before each request parsed and planned it afresh.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { followTopics } = await import("@/lib/topics/reader-topics");

const { run, makeShow, makeInsight, makeReader, makeTopic } = rowFactory();

let reader: string;

beforeAll(async () => {
  const topic = (await makeTopic(`prepared-${run}`)).id;
  const show = await makeShow(`prepared ${run}`);
  for (let n = 0; n < 5; n++) await makeInsight(show, { topics: [topic], ageDays: n });
  reader = await makeReader();
  await followTopics(reader, [topic]);
});

type PreparedRow = { name: string; statement: string; calls: number };

describe.runIf(inject("databaseKind") === "embedded")("the feed on the embedded server", () => {
  it("runs as one named statement that every connection shares", async () => {
    // More at once than the pool has connections (3 in tests): each connection prepares the name.
    const pages = await Promise.all(Array.from({ length: 8 }, () => rankFeedForUser(reader)));
    for (const page of pages) expect(page.items.map((item) => item.insight.id)).toEqual(pages[0]!.items.map((item) => item.insight.id));
    expect(pages[0]!.items).toHaveLength(5);

    const before = await feedStatements();
    expect(before).toHaveLength(1);
    expect(before[0]!.name).toMatch(/^podbrief_/);
    await rankFeedForUser(reader);
    const after = await feedStatements();
    // The same statement ran again (other test files may run it too): no new one was parsed for the request.
    expect(after.map((row) => row.name)).toEqual(before.map((row) => row.name));
    expect(after[0]!.calls).toBeGreaterThan(before[0]!.calls);
  });
});

/** The session's prepared statements that rank the feed page (not a topic's), with how often each ran (planned afresh or not). */
async function feedStatements(): Promise<PreparedRow[]> {
  const rows = await db.$queryRaw<PreparedRow[]>`
    SELECT name, statement, (generic_plans + custom_plans)::int AS calls FROM pg_prepared_statements
    WHERE statement LIKE '%(SELECT topic_id FROM my_follows) AS followed(topic_id)%' AND name LIKE 'podbrief\\_%'`;
  return rows;
}
