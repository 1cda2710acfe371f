/**
 * Alert matches exported where readers keep notes, through the export route as a signed-in reader
 * downloads them, written by the same writers as saved insights: the Obsidian zip unpacked and its
 * front matter read by a YAML parser, the Readwise CSV read back by a strict RFC 4180 reader. A phrase
 * found in a real transcript (Talk Python 554) links to its episode and plays from its audio at that
 * second; a meaning match is its insight. Never another reader's matches; a format not offered is a 400.
 */
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { load } from "js-yaml";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { corpusFile } from "@/tests/helpers/corpus";
import { parseCsv } from "@/tests/helpers/csv";
import { TEN_MILLION, TRUSTWORTHY_AI_FILE } from "@/tests/helpers/trustworthy-ai-episode";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const { db } = await import("@/lib/db");
const { getAuthSecret } = await import("@/lib/auth-secret");
const { getEnv } = await import("@/lib/env");
const { SESSION_VERSION_CLAIM } = await import("@/lib/session");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { insightEmbeddingText } = await import("@/lib/insights/pipeline");
const { parseTranscript } = await import("@/lib/ingest/transcript/parse-transcript");
const { createAlert } = await import("@/lib/alerts/alerts");
const { matchEpisodeAlerts } = await import("@/lib/alerts/match-alerts");
const { GET } = await import("@/app/api/alerts/export/route");

const run = randomUUID().slice(0, 8);
const COOKIE = "authjs.session-token";
let reader: string;
let other: string;
let podcastId: string;
let episodeId: string;
let insightId: string;
let appUrl: string;

async function download(format: string, userId: string | null = reader) {
  request.headers = new Headers({ "x-forwarded-proto": "http" });
  if (userId) {
    const token = await encode({ token: { sub: userId, email: null, name: null, [SESSION_VERSION_CLAIM]: 0 }, secret: getAuthSecret(), salt: COOKIE });
    request.headers.set("cookie", `${COOKIE}=${token}`);
  }
  return GET(new NextRequest(`http://localhost/api/alerts/export?format=${encodeURIComponent(format)}`));
}

beforeAll(async () => {
  appUrl = getEnv().appUrl;
  reader = (await db.user.create({ data: { email: `alert-notes-${run}@example.com` } })).id;
  other = (await db.user.create({ data: { email: `alert-notes-other-${run}@example.com` } })).id;
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/alerts.xml`, title: "Talk Python To Me" } });
  podcastId = podcast.id;
  const episode = await db.episode.create({
    data: { podcastId, guid: `${run}-554`, title: "#554: Trustworthy AI in Healthcare", publishedAt: new Date(Date.UTC(2026, 10, 20)), audioUrl: "https://example.com/554.mp3" },
  });
  episodeId = episode.id;
  const parsed = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` });
  await db.transcript.create({ data: { episodeId, sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments as Prisma.InputJsonValue } });
  const text = { headline: "A hallucinating model is a patient safety risk", body: "In healthcare an AI assistant that makes up an answer can hurt a patient." };
  const [embedding] = await offlineEmbedder.embed([insightEmbeddingText(text)]);
  insightId = (
    await db.insight.create({
      data: {
        episodeId, ...text, quote: "In that world, a hallucination isn't a bug. It's a patient safety event.", speaker: "Michael Kennedy", startSeconds: 21.5, endSeconds: 26,
        qualityScore: 0.8, model: "test", promptVersion: "test", embedding: Array.from(embedding!), embeddingModel: offlineEmbedder.id, publishedAt: new Date(Date.UTC(2026, 10, 20)),
      },
    })
  ).id;
  await createAlert(reader, { phrase: "10 million pounds" }, { embedder: offlineEmbedder });
  await createAlert(reader, { phrase: "medical AI making things up" }, { embedder: offlineEmbedder });
  await createAlert(other, { phrase: "patient safety event" }, { embedder: offlineEmbedder });
  await matchEpisodeAlerts(episodeId, { embeddingModel: offlineEmbedder.id });
}, 120_000);

describe("alert matches exported", () => {
  it("to Obsidian: a note per match, the phrase linked to its episode and its audio at that second", async () => {
    const response = await download("obsidian");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="podbrief-alerts-\d{4}-\d{2}-\d{2}-obsidian\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const notes = Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => {
        const [, front, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(strFromU8(bytes))!;
        return [name, { properties: load(front!) as Record<string, unknown>, body: body! }];
      }),
    );
    expect(Object.keys(notes).sort()).toEqual(["Podbrief/A hallucinating model is a patient safety risk.md", "Podbrief/“10 million pounds” on 554 Trustworthy AI in Healthcare.md"]);
    const phrase = notes["Podbrief/“10 million pounds” on 554 Trustworthy AI in Healthcare.md"]!;
    expect(phrase.properties).toMatchObject({
      title: "“10 million pounds” on #554: Trustworthy AI in Healthcare",
      show: "Talk Python To Me",
      episode: "#554: Trustworthy AI in Healthcare",
      timestamp: "24:40",
      url: `${appUrl}/podcasts/${podcastId}/episodes/${episodeId}`,
      play: "https://example.com/554.mp3#t=1480",
    });
    expect(phrase.body).toContain(`${TEN_MILLION}\n\n— as said, at 24:40`);
    expect(phrase.body).toContain("## My note\n\nAlert: “10 million pounds”");
    const meaning = notes["Podbrief/A hallucinating model is a patient safety risk.md"]!;
    expect(meaning.properties).toMatchObject({ url: `${appUrl}/insights/${insightId}`, play: `${appUrl}/insights/${insightId}?t=21`, speaker: "Michael Kennedy" });
    expect(meaning.body).toContain("Alert: “medical AI making things up” (close in meaning)");
  });

  it("to Readwise: its highlights CSV, one row per match, none of another reader's", async () => {
    const response = await download("readwise");
    expect(response.status).toBe(200);
    const records = parseCsv(await response.text());
    expect(records[0]).toEqual(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]);
    expect(records).toHaveLength(3);
    const phrase = records.find((record) => record[0] === TEN_MILLION)!;
    expect(phrase.slice(1, 6)).toEqual(["#554: Trustworthy AI in Healthcare", "Talk Python To Me", "https://example.com/554.mp3#t=1480", expect.stringContaining("Alert: “10 million pounds”"), "1480"]);
    // The other reader's alert matched this transcript too: not in this reader's file.
    expect(await db.alertMatch.count({ where: { userId: other } })).toBeGreaterThan(0);
    expect(records.some((record) => record.join(" ").includes("Alert: “patient safety event”"))).toBe(false);
  });

  it("refuses a format it does not write, and a caller without a session", async () => {
    expect((await download("pdf")).status).toBe(400);
    expect((await download("readwise", null)).status).toBe(401);
  });
});
