/**
 * Saved insights against a real database: each reader sees only their own saves whatever they send,
 * search and topic filter, keyset pages that neither skip nor repeat, unsaving, and the exports.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/tests/helpers/csv";

const { db } = await import("@/lib/db");
const { listSaved, savedTopics, exportSaved, countSaved, decodeCursor } = await import("@/lib/saved/saved-insights");
const { renderSavedCsv, renderSavedMarkdown, renderSavedJson, exportFilename } = await import("@/lib/saved/export-saved");
const { csvField } = await import("@/lib/exports/csv");
const { saveInsight, unsaveInsight } = await import("@/lib/feed/feed-events");

const run = randomUUID().slice(0, 8);
const appUrl = "https://podbrief.example";

let readerA: string;
let readerB: string;
let topicAi: { id: string; slug: string };
let topicBitcoin: { id: string; slug: string };
let privateTopic: { id: string; slug: string };
const ids: Record<string, string> = {};

async function createInsight(
  episodeId: string,
  fields: { key: string; headline: string; body: string; quote: string; startSeconds: number; endSeconds?: number; speaker?: string },
  topics: string[],
) {
  const publishedAt = new Date(Date.UTC(2026, 10, 1));
  const insight = await db.insight.create({
    data: {
      episodeId,
      headline: fields.headline,
      body: fields.body,
      quote: fields.quote,
      startSeconds: fields.startSeconds,
      endSeconds: fields.endSeconds ?? fields.startSeconds + 20,
      speaker: fields.speaker ?? null,
      qualityScore: 0.8,
      model: "test",
      promptVersion: "test-1",
      publishedAt,
      topics: { create: topics.map((topicId, i) => ({ topicId, score: 0.9 - i / 10, publishedAt })) },
    },
  });
  ids[fields.key] = insight.id;
  return insight.id;
}

async function saveAt(userId: string, insightId: string, createdAt: Date) {
  await db.savedInsight.create({ data: { userId, insightId, createdAt } });
}

beforeAll(async () => {
  readerA = (await db.user.create({ data: { email: `a-${run}@example.com` } })).id;
  readerB = (await db.user.create({ data: { email: `b-${run}@example.com` } })).id;
  const makeTopic = (slug: string, name: string, createdById?: string) =>
    db.topic.create({ data: { slug: `${slug}-${run}`, name, description: name, ...(createdById ? { kind: "custom", createdById } : {}) } });
  topicAi = await makeTopic("ai", `AI ${run}`);
  topicBitcoin = await makeTopic("bitcoin", `Bitcoin ${run}`);
  // A topic reader B wrote for themselves: reader A must never see its name.
  privateTopic = await makeTopic("b-private", `B's secret topic ${run}`, readerB);

  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/feed.xml`, title: "Practical AI" } });
  const episode = await db.episode.create({ data: { podcastId: podcast.id, guid: `${run}-1`, title: "Agents, costs and trust", publishedAt: new Date(Date.UTC(2026, 10, 1)) } });

  await createInsight(
    episode.id,
    { key: "agents", headline: "Agents fail at long tasks", body: "Reliability drops with every step an agent takes.", quote: "Every extra step is another chance to fail.", startSeconds: 754.6, speaker: "Daniel" },
    [topicAi.id, privateTopic.id],
  );
  await createInsight(
    episode.id,
    { key: "mining", headline: "Mining moves to stranded energy", body: "Miners chase cheap power, not cheap hardware.", quote: "We go where the power is wasted.", startSeconds: 62 },
    [topicBitcoin.id],
  );
  await createInsight(
    episode.id,
    {
      key: "tricky",
      headline: "=HYPERLINK(\"http://evil.example\",\"click\")",
      body: 'Costs, "quotes" and\nline breaks survive export, 50% of the time.',
      quote: "-2+3 is what the formula said\nand then it went on.",
      startSeconds: 3725,
    },
    [topicAi.id],
  );
  await createInsight(episode.id, { key: "unsaved", headline: "Nobody saved this one", body: "Agents everywhere.", quote: "Agents.", startSeconds: 5 }, [topicAi.id]);
  await createInsight(episode.id, { key: "onlyB", headline: "Only reader B saved this agent story", body: "Agents, B's.", quote: "B.", startSeconds: 9 }, [topicAi.id]);

  // Saved at distinct moments, plus two at the same millisecond to test the tie-break.
  await saveAt(readerA, ids.agents!, new Date(Date.UTC(2026, 10, 10)));
  await saveAt(readerA, ids.mining!, new Date(Date.UTC(2026, 10, 12)));
  await saveAt(readerA, ids.tricky!, new Date(Date.UTC(2026, 10, 12)));
  await saveAt(readerB, ids.onlyB!, new Date(Date.UTC(2026, 10, 11)));
  await saveAt(readerB, ids.agents!, new Date(Date.UTC(2026, 10, 11)));
});

const headlines = (page: { items: { insight: { headline: string } }[] }) => page.items.map((item) => item.insight.headline);

describe("the saved list", () => {
  it("shows a reader their own saves, newest saved first", async () => {
    const page = await listSaved(readerA);
    expect(page.items.map((item) => item.insight.id)).toEqual(
      [ids.mining!, ids.tricky!].sort().reverse().concat(ids.agents!),
    );
    expect(page.nextCursor).toBeNull();
    expect(page.items.at(-1)).toMatchObject({ savedAt: new Date(Date.UTC(2026, 10, 10)), insight: { podcast: { title: "Practical AI" }, episode: { title: "Agents, costs and trust" } } });
    expect(await countSaved(readerA)).toBe(3);
  });

  it("never shows one reader another's saves, whatever they search, filter or send as a cursor", async () => {
    const b = await listSaved(readerB);
    expect(b.items.map((item) => item.insight.id).sort()).toEqual([ids.agents!, ids.onlyB!].sort());
    for (const q of [undefined, "agent", "mining", "formula"]) {
      const page = await listSaved(readerB, { q });
      for (const item of page.items) expect([ids.agents, ids.onlyB]).toContain(item.insight.id);
    }
    const aPage = await listSaved(readerA, { take: 1 });
    const withACursor = await listSaved(readerB, { cursor: aPage.nextCursor! });
    for (const item of withACursor.items) expect([ids.agents, ids.onlyB]).toContain(item.insight.id);
    expect(headlines(await listSaved(readerA, { q: "reader B" }))).toEqual([]);
    const aExport = await exportSaved(readerA);
    expect(aExport.map((row) => row.id)).not.toContain(ids.onlyB);
    expect((await exportSaved(readerB)).map((row) => row.id).sort()).toEqual([ids.agents!, ids.onlyB!].sort());
  });

  it("finds saves by any case of words in the headline, body or quote", async () => {
    expect(headlines(await listSaved(readerA, { q: "AGENTS" }))).toEqual(["Agents fail at long tasks"]);
    expect(headlines(await listSaved(readerA, { q: "cheap power" }))).toEqual(["Mining moves to stranded energy"]);
    expect(headlines(await listSaved(readerA, { q: "wasted" }))).toEqual(["Mining moves to stranded energy"]);
    expect(headlines(await listSaved(readerA, { q: "step wasted" }))).toEqual([]);
    expect(headlines(await listSaved(readerA, { q: "nobody" }))).toEqual([]);
    // LIKE's wildcards are searched for as themselves.
    expect(headlines(await listSaved(readerA, { q: "%" }))).toEqual([`=HYPERLINK("http://evil.example","click")`]);
    expect(headlines(await listSaved(readerA, { q: "_" }))).toEqual([]);
    expect(headlines(await listSaved(readerA, { q: "\\" }))).toEqual([]);
  });

  it("filters by topic, and offers only the topics of the reader's own saves that they may see", async () => {
    expect(headlines(await listSaved(readerA, { topic: topicBitcoin.slug }))).toEqual(["Mining moves to stranded energy"]);
    expect((await listSaved(readerA, { topic: topicAi.slug })).items.map((item) => item.insight.id)).toEqual([ids.tricky, ids.agents]);
    expect(headlines(await listSaved(readerA, { topic: topicAi.slug, q: "long" }))).toEqual(["Agents fail at long tasks"]);
    expect(headlines(await listSaved(readerA, { topic: privateTopic.slug }))).toEqual([]);

    const topicsA = (await savedTopics(readerA)).filter((topic) => topic.slug.endsWith(run));
    expect(topicsA).toEqual([
      { slug: topicAi.slug, name: `AI ${run}`, count: 2 },
      { slug: topicBitcoin.slug, name: `Bitcoin ${run}`, count: 1 },
    ]);
    const topicsB = (await savedTopics(readerB)).filter((topic) => topic.slug.endsWith(run));
    expect(topicsB.map((topic) => topic.slug).sort()).toEqual([topicAi.slug, privateTopic.slug].sort());
  });

  it("pages by cursor without skipping or repeating, even for saves of the same millisecond", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await listSaved(readerA, { take: 1, cursor });
      seen.push(...page.items.map((item) => item.insight.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual((await listSaved(readerA)).items.map((item) => item.insight.id));
    expect(seen).toHaveLength(3);
    // A cursor that is not one of ours starts from the newest rather than failing.
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect((await listSaved(readerA, { cursor: "not-a-cursor" })).items).toHaveLength(3);
  });

  it("drops an insight once unsaved, for that reader only", async () => {
    const extra = await createInsight(
      (await db.insight.findUniqueOrThrow({ where: { id: ids.agents! } })).episodeId,
      { key: "extra", headline: "Saved then unsaved", body: "Here and gone.", quote: "Gone.", startSeconds: 1 },
      [],
    );
    await saveInsight(readerA, extra);
    await saveInsight(readerB, extra);
    expect(headlines(await listSaved(readerA))[0]).toBe("Saved then unsaved");

    // Reader B unsaving the same insight, or one only A saved, changes nothing for A.
    await unsaveInsight(readerB, extra);
    await unsaveInsight(readerB, ids.mining!);
    expect(headlines(await listSaved(readerA))).toContain("Saved then unsaved");
    expect(headlines(await listSaved(readerA))).toContain("Mining moves to stranded energy");

    await unsaveInsight(readerA, extra);
    expect(headlines(await listSaved(readerA))).not.toContain("Saved then unsaved");
    expect(await countSaved(readerA)).toBe(3);
  });
});

describe("exporting saved insights", () => {
  it("writes Markdown with headline, body, the quote as said and when, a link at the moment and topics", async () => {
    const rows = await exportSaved(readerA);
    const markdown = renderSavedMarkdown(rows, { appUrl, exportedAt: new Date(Date.UTC(2026, 10, 29)) });
    expect(markdown).toMatch(/^# Saved insights from Podbrief\n\nExported 2026-11-29 · 3 insights\n/);
    expect(markdown).toContain(
      [
        "## Agents fail at long tasks",
        "Reliability drops with every step an agent takes.",
        "> Every extra step is another chance to fail.\n>\n> — as said by Daniel, at 12:34",
        `Practical AI — Agents, costs and trust  \n[Open in Podbrief](${appUrl}/insights/${ids.agents}?t=754)`,
        `Topics: AI ${run}`,
      ].join("\n\n"),
    );
    // Every line of a multi-line quote stays inside the blockquote; an hour-long timestamp reads h:mm:ss.
    expect(markdown).toContain("> -2+3 is what the formula said\n> and then it went on.");
    expect(markdown).toContain("> — as said, at 1:02:05");
    // Reader B's private topic is not in reader A's export.
    expect(markdown).not.toContain("secret");
  });

  it("writes CSV that any RFC 4180 reader splits back into the same cells, with formulas defused", async () => {
    const rows = await exportSaved(readerA);
    const csv = renderSavedCsv(rows, { appUrl });
    const records = parseCsv(csv);
    expect(records[0]).toEqual(["headline", "body", "quote", "speaker", "podcast", "episode", "timestamp", "start_seconds", "published_at", "saved_at", "topics", "url"]);
    expect(records).toHaveLength(4);
    for (const record of records) expect(record).toHaveLength(12);
    const tricky = records.find((record) => record[11] === `${appUrl}/insights/${ids.tricky}?t=3725`)!;
    expect(tricky[0]).toBe("'=HYPERLINK(\"http://evil.example\",\"click\")");
    expect(tricky[1]).toBe('Costs, "quotes" and\nline breaks survive export, 50% of the time.');
    expect(tricky[2]).toBe("'-2+3 is what the formula said\nand then it went on.");
    expect(tricky.slice(4, 8)).toEqual(["Practical AI", "Agents, costs and trust", "1:02:05", "3725"]);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csv.endsWith("\r\n")).toBe(true);

    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("")).toBe("");
  });

  it("writes JSON with every saved insight and its link, and names files by the day", async () => {
    const json = renderSavedJson(await exportSaved(readerA), { appUrl });
    expect(json.insights.map((insight) => insight.id)).toEqual((await listSaved(readerA)).items.map((item) => item.insight.id));
    expect(json.insights.find((insight) => insight.id === ids.agents)).toMatchObject({
      headline: "Agents fail at long tasks",
      quote: "Every extra step is another chance to fail.",
      speaker: "Daniel",
      podcast: { title: "Practical AI" },
      episode: { title: "Agents, costs and trust" },
      topics: [{ slug: topicAi.slug, name: `AI ${run}` }],
      url: `${appUrl}/insights/${ids.agents}?t=754`,
    });
    expect(exportFilename("csv", new Date(Date.UTC(2026, 0, 5, 23, 59)))).toBe("podbrief-saved-2026-01-05.csv");
  });
});

describe("exporting what was said", () => {
  let reader: string;
  const said: Record<string, string> = {};

  beforeAll(async () => {
    reader = (await db.user.create({ data: { email: `c-${run}@example.com` } })).id;
    const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/untimed.xml`, title: "Plain Text Show" } });
    const episode = await db.episode.create({ data: { podcastId: podcast.id, guid: `${run}-untimed`, title: "Read from a text transcript", publishedAt: new Date(Date.UTC(2026, 10, 2)) } });
    // A plain-text transcript has no times: its insights start and end at 0.
    said.untimed = await createInsight(
      episode.id,
      {
        key: "untimed",
        headline: "Grid batteries now set evening power prices",
        body: "Ana Ruiz says grid batteries, not gas plants, now set evening power prices in Texas.",
        quote: "What sets the price at seven in the evening in Texas now? It's batteries, not gas.",
        startSeconds: 0,
        endSeconds: 0,
      },
      [],
    );
    // The body is the quote with its fillers and a stutter taken out: the same words.
    said.same = await createInsight(
      episode.id,
      {
        key: "same",
        headline: "Cheap storage changes which plants get built",
        body: "Cheap storage changes which power plants get built, and it changes it fast.",
        quote: "Um, cheap storage changes which, which power plants get built, and, you know, it changes it fast.",
        startSeconds: 95,
        speaker: "Ana Ruiz",
      },
      [],
    );
    await saveAt(reader, said.untimed, new Date(Date.UTC(2026, 10, 20)));
    await saveAt(reader, said.same, new Date(Date.UTC(2026, 10, 21)));
  });

  it("shows the words once when the body is the quote tidied, and no time at all for an untimed transcript", async () => {
    const rows = await exportSaved(reader);
    const markdown = renderSavedMarkdown(rows, { appUrl, exportedAt: new Date(Date.UTC(2026, 10, 29)) });
    expect(markdown).toContain(
      [
        "## Cheap storage changes which plants get built",
        "Cheap storage changes which power plants get built, and it changes it fast.",
        "— as said by Ana Ruiz, at 1:35",
        `Plain Text Show — Read from a text transcript  \n[Open in Podbrief](${appUrl}/insights/${said.same}?t=95)`,
      ].join("\n\n"),
    );
    expect(markdown).not.toContain("which, which");
    expect(markdown).toContain(
      [
        "## Grid batteries now set evening power prices",
        "Ana Ruiz says grid batteries, not gas plants, now set evening power prices in Texas.",
        "> What sets the price at seven in the evening in Texas now? It's batteries, not gas.\n>\n> — as said",
        `Plain Text Show — Read from a text transcript  \n[Open in Podbrief](${appUrl}/insights/${said.untimed})`,
      ].join("\n\n"),
    );
    expect(markdown).not.toMatch(/\b0:00\b/);

    const untimedCells = parseCsv(renderSavedCsv(rows, { appUrl })).find((record) => record[0] === "Grid batteries now set evening power prices")!;
    expect(untimedCells.slice(6, 8)).toEqual(["", ""]);
    expect(untimedCells[11]).toBe(`${appUrl}/insights/${said.untimed}`);
    const json = renderSavedJson(rows, { appUrl });
    expect(json.insights.map((insight) => [insight.id, insight.saidAt])).toEqual([
      [said.same, 95],
      [said.untimed, null],
    ]);
  });
});
