/**
 * Saved insights exported where readers keep notes, through the export route as a signed-in reader
 * downloads them: the Obsidian zip unpacked and its front matter read by a YAML parser, the Readwise
 * CSV read back by a strict RFC 4180 reader; never another reader's saves; a format we don't write is a 400.
 */
import { randomUUID } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import { load } from "js-yaml";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseCsv } from "@/tests/helpers/csv";

const request = vi.hoisted(() => ({ headers: new Headers() }));
// The request scope Next.js gives a route handler; the session in it is a real cookie, read as in production.
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const { db } = await import("@/lib/db");
const { getAuthSecret } = await import("@/lib/auth-secret");
const { getEnv } = await import("@/lib/env");
const { SESSION_VERSION_CLAIM } = await import("@/lib/session");
const { GET } = await import("@/app/api/saved/export/route");

const run = randomUUID().slice(0, 8);
const COOKIE = "authjs.session-token";
const HOSTILE = `Nvidia/AMD: "H20" ban\\chips <now>? | *yes*\nsecond line\u2028 # not a comment: ${"very long headline ".repeat(20)}`;
const FORBIDDEN_IN_NAMES = /[/\\:*?"<>|#^[\]\u0000-\u001f\u2028]/;

let readerA: string;
let readerB: string;
const ids: Record<string, string> = {};
let appUrl: string;

async function signInAs(userId: string | null) {
  request.headers = new Headers({ "x-forwarded-proto": "http" });
  if (!userId) return;
  const token = await encode({ token: { sub: userId, email: null, name: null, [SESSION_VERSION_CLAIM]: 0 }, secret: getAuthSecret(), salt: COOKIE });
  request.headers.set("cookie", `${COOKIE}=${token}`);
}

async function download(format: string, userId: string | null = readerA) {
  await signInAs(userId);
  return GET(new NextRequest(`http://localhost/api/saved/export?format=${encodeURIComponent(format)}`));
}

/** The zip's notes by file name, each split into its parsed front matter and its Markdown body. */
async function obsidianNotes(userId = readerA) {
  const response = await download("obsidian", userId);
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return Object.fromEntries(
    Object.entries(files).map(([name, bytes]) => {
      const text = strFromU8(bytes);
      const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${name} has no front matter`);
      return [name, { properties: load(match[1]!) as Record<string, unknown>, body: match[2]!, text }];
    }),
  );
}

async function readwiseRecords(userId = readerA) {
  const response = await download("readwise", userId);
  expect(response.status).toBe(200);
  return parseCsv(await response.text());
}

beforeAll(async () => {
  appUrl = getEnv().appUrl;
  readerA = (await db.user.create({ data: { email: `notes-a-${run}@example.com` } })).id;
  readerB = (await db.user.create({ data: { email: `notes-b-${run}@example.com` } })).id;
  const topic = (slug: string, name: string) => db.topic.create({ data: { slug: `${slug}-${run}`, name, description: name } });
  const exportControls = await topic("export-controls", "Export controls");
  const chips = await topic("chips", "Chips");
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/notes.xml`, title: "Chip War Weekly" } });
  const episode = await db.episode.create({ data: { podcastId: podcast.id, guid: `${run}-notes`, title: "Who gets the H20?", publishedAt: new Date(Date.UTC(2026, 10, 1)) } });
  const publishedAt = new Date(Date.UTC(2026, 10, 1));
  const insight = async (key: string, fields: { headline: string; body: string; quote: string; startSeconds: number; endSeconds: number; speaker?: string }, topics: string[] = []) => {
    const row = await db.insight.create({
      data: {
        episodeId: episode.id,
        ...fields,
        speaker: fields.speaker ?? null,
        qualityScore: 0.8,
        model: "test",
        promptVersion: "test-1",
        publishedAt,
        topics: { create: topics.map((topicId, i) => ({ topicId, score: 0.9 - i / 10, publishedAt })) },
      },
    });
    ids[key] = row.id;
  };
  await insight(
    "timed",
    {
      headline: "Export rules now follow the chip, not the buyer",
      body: "Ana Ruiz says export controls now track where each chip ends up, not who buys it first.",
      quote: "We used to ask who's buying. Now, um, we ask where the chip ends up, and that's a whole different regime.",
      startSeconds: 754.6,
      endSeconds: 790,
      speaker: "Ana Ruiz",
    },
    [exportControls.id, chips.id],
  );
  await insight("hostile", { headline: HOSTILE, body: 'Costs, "quotes" and\nline breaks: all kept.', quote: "Said plainly, with a \"quote\".", startSeconds: 62, endSeconds: 80 }, [chips.id]);
  // The same headline once its unsafe characters are gone, and in another case: the names must not collide.
  await insight("twin", { headline: HOSTILE.replace(/[/\\:*?"<>|]/g, " ").toUpperCase(), body: "A twin.", quote: "Twin.", startSeconds: 5, endSeconds: 9 });
  await insight("untimed", { headline: "Grid batteries set evening prices", body: "Batteries, not gas, now set Texas evening prices.", quote: "It's batteries now, not gas.", startSeconds: 0, endSeconds: 0 });
  await insight("onlyB", { headline: `Only reader B kept this ${run}`, body: "B's.", quote: "B.", startSeconds: 9, endSeconds: 12 });

  const save = (userId: string, key: string, createdAt: Date) => db.savedInsight.create({ data: { userId, insightId: ids[key]!, createdAt } });
  await save(readerA, "timed", new Date(Date.UTC(2026, 10, 10, 14, 3, 0)));
  await save(readerA, "hostile", new Date(Date.UTC(2026, 10, 11)));
  await save(readerA, "twin", new Date(Date.UTC(2026, 10, 12)));
  await save(readerA, "untimed", new Date(Date.UTC(2026, 10, 13)));
  await save(readerB, "onlyB", new Date(Date.UTC(2026, 10, 11)));
});

describe("the Obsidian export", () => {
  it("downloads as a zip attachment of one note per saved insight, in one folder, with names safe on every OS", async () => {
    const response = await download("obsidian");
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="podbrief-saved-\d{4}-\d{2}-\d{2}-obsidian\.zip"$/);

    const notes = await obsidianNotes();
    const names = Object.keys(notes);
    expect(names).toHaveLength(4);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
    for (const name of names) {
      expect(name.startsWith("Podbrief/")).toBe(true);
      const file = name.slice("Podbrief/".length);
      expect(file).toMatch(/^[^.\s].*[^.\s]\.md$/);
      expect(file).not.toMatch(FORBIDDEN_IN_NAMES);
      expect(new TextEncoder().encode(file).length).toBeLessThanOrEqual(160);
    }
    expect(names).toContain("Podbrief/Export rules now follow the chip, not the buyer.md");
    expect(names).toContain("Podbrief/Grid batteries set evening prices.md");
    const byId = (key: string) => Object.entries(notes).find(([, note]) => note.properties.podbrief_id === ids[key])!;
    const [hostileName] = byId("hostile");
    const [twinName] = byId("twin");
    expect(hostileName.startsWith("Podbrief/Nvidia AMD H20 ban chips now yes second line not a comment very long headline very long")).toBe(true);
    // The twin reads the same once cleaned, bar case; saved later, it gets the next number, so earlier notes keep their names.
    expect(twinName.toLowerCase()).toBe(hostileName.toLowerCase().replace(/\.md$/, " 2.md"));
  });

  it("writes front matter a YAML parser reads back into the insight's properties", async () => {
    const notes = await obsidianNotes();
    const timed = notes["Podbrief/Export rules now follow the chip, not the buyer.md"]!;
    expect(timed.properties).toEqual({
      title: "Export rules now follow the chip, not the buyer",
      show: "Chip War Weekly",
      episode: "Who gets the H20?",
      speaker: "Ana Ruiz",
      published: new Date(Date.UTC(2026, 10, 1)),
      timestamp: "12:34",
      url: `${appUrl}/insights/${ids.timed}`,
      play: `${appUrl}/insights/${ids.timed}?t=754`,
      tags: [`export-controls-${run}`, `chips-${run}`],
      saved: new Date(Date.UTC(2026, 10, 10)),
      podbrief_id: ids.timed,
    });

    const hostile = Object.values(notes).find((note) => note.properties.podbrief_id === ids.hostile)!;
    // Quotes, backslashes, colons, "#", line breaks and U+2028 survive as the one-line title.
    expect(hostile.properties.title).toBe(HOSTILE.replace(/\s+/g, " ").trim());
    expect(hostile.properties).not.toHaveProperty("speaker");
    expect(hostile.properties.tags).toEqual([`chips-${run}`]);

    const untimed = notes["Podbrief/Grid batteries set evening prices.md"]!;
    expect(untimed.properties).not.toHaveProperty("timestamp");
    expect(untimed.properties).not.toHaveProperty("play");
    expect(untimed.properties.tags).toEqual([]);
  });

  it("writes the headline, the body, the quote as said and when, and links to the page and the moment", async () => {
    const notes = await obsidianNotes();
    expect(notes["Podbrief/Export rules now follow the chip, not the buyer.md"]!.body).toBe(
      [
        "# Export rules now follow the chip, not the buyer",
        "Ana Ruiz says export controls now track where each chip ends up, not who buys it first.",
        "> We used to ask who's buying. Now, um, we ask where the chip ends up, and that's a whole different regime.\n>\n> — as said by Ana Ruiz, at 12:34",
        `[Open in Podbrief](${appUrl}/insights/${ids.timed}) · [Play from 12:34](${appUrl}/insights/${ids.timed}?t=754)`,
      ].join("\n\n") + "\n",
    );
    const untimed = notes["Podbrief/Grid batteries set evening prices.md"]!.body;
    expect(untimed).toContain("> It's batteries now, not gas.\n>\n> — as said\n");
    expect(untimed).not.toMatch(/\b0:00\b|Play from/);
    const hostile = Object.values(notes).find((note) => note.properties.podbrief_id === ids.hostile)!;
    expect(hostile.body.split("\n")[0]).toBe(`# ${HOSTILE.replace(/\s+/g, " ").trim()}`);
    expect(hostile.body).toContain('Costs, "quotes" and\nline breaks: all kept.');
  });
});

describe("the Readwise export", () => {
  it("is a CSV with exactly Readwise's columns, one highlight per saved insight", async () => {
    const response = await download("readwise");
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="podbrief-saved-\d{4}-\d{2}-\d{2}-readwise\.csv"$/);
    const records = parseCsv(await response.text());
    expect(records[0]).toEqual(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]);
    expect(records).toHaveLength(5);
    for (const record of records) expect(record).toHaveLength(7);
  });

  it("highlights the body, files it under the episode and show, and notes tags, headline and the words as said", async () => {
    const records = await readwiseRecords();
    const timed = records.find((record) => record[3] === `${appUrl}/insights/${ids.timed}?t=754`)!;
    expect(timed).toEqual([
      "Ana Ruiz says export controls now track where each chip ends up, not who buys it first.",
      "Who gets the H20?",
      "Chip War Weekly",
      `${appUrl}/insights/${ids.timed}?t=754`,
      [
        `.export_controls_${run} .chips_${run}`,
        "Export rules now follow the chip, not the buyer",
        "“We used to ask who's buying. Now, um, we ask where the chip ends up, and that's a whole different regime.” — as said by Ana Ruiz, at 12:34",
      ].join("\n"),
      "754",
      "2026-11-10 14:03:00",
    ]);
    const untimed = records.find((record) => record[3] === `${appUrl}/insights/${ids.untimed}`)!;
    expect(untimed[5]).toBe("");
    expect(untimed[4]).toBe("Grid batteries set evening prices\n“It's batteries now, not gas.” — as said");
    const hostile = records.find((record) => record[3] === `${appUrl}/insights/${ids.hostile}?t=62`)!;
    expect(hostile[0]).toBe('Costs, "quotes" and\nline breaks: all kept.');
    expect(hostile[4]!.split("\n")[1]).toBe(HOSTILE.replace(/\s+/g, " ").trim());
  });
});

describe("whose saves, and which formats", () => {
  it("never puts another reader's saved insights in either export", async () => {
    const aNotes = await obsidianNotes(readerA);
    expect(Object.values(aNotes).map((note) => note.properties.podbrief_id)).not.toContain(ids.onlyB);
    expect(Object.values(aNotes).map((note) => note.text).join("\n")).not.toContain("Only reader B");
    expect((await readwiseRecords(readerA)).flat().join("\n")).not.toContain("Only reader B");

    const bNotes = await obsidianNotes(readerB);
    expect(Object.values(bNotes).map((note) => note.properties.podbrief_id)).toEqual([ids.onlyB]);
    const bRecords = await readwiseRecords(readerB);
    expect(bRecords.slice(1).map((record) => record[3])).toEqual([`${appUrl}/insights/${ids.onlyB}?t=9`]);
  });

  it("answers 400 for a format it does not write, and 401 to nobody signed in", async () => {
    for (const format of ["pdf", "OBSIDIAN", "", "readwise "]) {
      const response = await download(format);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("obsidian") } });
    }
    const anonymous = await download("obsidian", null);
    expect(anonymous.status).toBe(401);
  });
});
