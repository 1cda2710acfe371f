/**
 * /metrics as an operator's Prometheus sees it: the app started as `npm start` runs it (a web server
 * and a worker, each its own process), on a database of this file's own so its worker takes no other
 * test's jobs. A poll, an extraction by a model (a local chat-completions server) and a brief run
 * through the worker, and the web server's scrape shows their counters moved, merged from the worker.
 * It listens on every interface and is asked through this machine's own non-loopback address too:
 * refused there without the token, whatever forwarding headers claim.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { type ChatCompletionsServer, jsonReply, startChatCompletionsServer } from "@/tests/helpers/chat-completions-server";
import { freePort, type RunningApp, startApp } from "@/tests/helpers/app-process";
import { corpusFile } from "@/tests/helpers/corpus";
import { createDatabase } from "@/tests/helpers/databases";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";
import { waitUntil } from "@/tests/helpers/processes";
import { TRUSTWORTHY_AI_FILE, USUALLY_RIGHT } from "@/tests/helpers/trustworthy-ai-episode";

const root = path.resolve(import.meta.dirname, "../..");
const database = await createDatabase(inject("databaseKind"));
await applyMigrations(database.url);
// This file's rows and jobs go to its own database, as the app's do.
process.env.DATABASE_URL = database.url;

const { db } = await import("@/lib/db");
const { enqueue, closeQueue } = await import("@/lib/jobs/enqueue");
const { extractInsightsJob, pollPodcastJob, sendBriefNowJob } = await import("@/lib/jobs/definitions");
const { parseTranscript } = await import("@/lib/ingest/transcript/parse-transcript");
const { rowFactory } = await import("@/tests/helpers/rows");

const outside = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

const TOKEN = "metrics-token-for-the-test-0123456789";
const PRICES = { input: 3, output: 15 };
let app: RunningApp;
let feeds: FeedServer;
let model: ChatCompletionsServer;
let dataDir: string;

beforeAll(async () => {
  // Both database projects may run this file at once: one builds the app, the other waits for it.
  const build = spawnSync("flock", ["/tmp/podbrief-metrics-build.lock", process.execPath, "--import", "tsx", "scripts/ensure-build.ts"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("the app did not build");
  feeds = await startFeedServer();
  model = await startChatCompletionsServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-metrics-"));
  app = await startApp({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    DEMO_CONTENT: "off",
    HOST: "0.0.0.0",
    METRICS_ENABLED: "on",
    METRICS_TOKEN: TOKEN,
    METRICS_WORKER_PORT: String(await freePort()),
    FETCH_ALLOWED_HOSTS: feeds.host,
    AI_PROVIDER: "openai-compatible",
    AI_BASE_URL: model.baseURL,
    AI_MODEL: "test-model",
    AI_PRICE_INPUT_PER_MTOK: String(PRICES.input),
    AI_PRICE_OUTPUT_PER_MTOK: String(PRICES.output),
    WORKER_CONCURRENCY: "1",
    BRIEF_THREADS: "1",
  });
}, 900_000);

afterAll(async () => {
  await app?.stop();
  await closeQueue();
  await feeds?.close();
  await model?.close();
  await db.$disconnect();
  await database.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The exposition text's samples (prom-client writes one `name{label="value",…} number` a line). */
function samples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1]!, label[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none yet). */
function value(all: Sample[], name: string, labels: Record<string, string> = {}): number {
  return all
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))
    .reduce((sum, sample) => sum + sample.value, 0);
}

async function scrape(host = "127.0.0.1", headers: Record<string, string> = {}) {
  const response = await fetch(`http://${host}:${app.port}/metrics`, { headers });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

describe("metrics from the web server and the worker", { timeout: 600_000 }, () => {
  it("moves the counters of a poll, an extraction by a model and a brief, merged from the worker into the web server's scrape", async () => {
    // The worker starts beside the web server, and serves its counters once it has started.
    let before: Sample[] = [];
    await waitUntil("the worker's counters are in the scrape", async () => {
      before = samples((await scrape()).text);
      return value(before, "podbrief_worker_metrics_up") === 1;
    }, 180_000);
    expect(value(before, "process_cpu_user_seconds_total", { process: "worker" })).toBeGreaterThan(0);

    // A poll that reads a real feed, and one whose feed is gone.
    feeds.serve("/itunes.xml", { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
    // Keyed as the scheduler keys them, so its own run, should it come first, is the same job.
    const dueAt = new Date();
    const polled = await db.podcast.create({ data: { feedUrl: feeds.url("/itunes.xml"), title: "iTunes feed", nextPollAt: dueAt } });
    const gone = await db.podcast.create({ data: { feedUrl: feeds.url("/gone.xml"), title: "Gone feed", nextPollAt: dueAt } });
    await enqueue(pollPodcastJob, { podcastId: polled.id, dueAt: dueAt.toISOString() });
    await enqueue(pollPodcastJob, { podcastId: gone.id, dueAt: dueAt.toISOString() });

    // An extraction of a real transcript by the model, which reports its tokens.
    model.script(
      jsonReply({ insights: [{ headline: "A usually right AI answer is not good enough in medicine", body: "In healthcare the rare confident error reaches a real patient.", quote: USUALLY_RIGHT, speaker: "Sumit Gundawar", topics: ["AI safety"], quality: 0.85 }] }),
      jsonReply({ insights: [] }),
    );
    const parsed = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` });
    const show = await db.podcast.create({ data: { feedUrl: "https://example.com/talk-python", title: "Talk Python To Me", nextPollAt: new Date(Date.now() + 365 * 86_400_000) } });
    const episode = await db.episode.create({
      data: {
        podcastId: show.id,
        guid: TRUSTWORTHY_AI_FILE,
        title: "Trustworthy AI in healthcare",
        publishedAt: new Date(),
        transcriptStatus: "fetched",
        transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
      },
    });
    await enqueue(extractInsightsJob, { episodeId: episode.id });

    // A brief for a reader who follows a topic with a fresh insight.
    const rows = rowFactory();
    const topic = await rows.makeTopic("metrics");
    const insight = await rows.makeInsight(await rows.makeShow("metrics-show"), { topics: [topic.id], ageDays: 0.1 });
    const readerId = await rows.makeReader();
    await db.topicFollow.create({ data: { userId: readerId, topicId: topic.id } });
    await enqueue(sendBriefNowJob, { userId: readerId, requestedAt: new Date().toISOString() });
    // Only the two feeds above are due: the scheduler must not poll these shows' made-up addresses.
    await db.podcast.updateMany({ where: { id: { notIn: [polled.id, gone.id] } }, data: { nextPollAt: new Date(Date.now() + 365 * 86_400_000) } });

    let state = "";
    const done = waitUntil("both polls, the extraction and the brief are done", async () => {
      const [polledRow, goneRow, episodeRow, brief] = await Promise.all([
        db.podcast.findUniqueOrThrow({ where: { id: polled.id } }),
        db.podcast.findUniqueOrThrow({ where: { id: gone.id } }),
        db.episode.findUniqueOrThrow({ where: { id: episode.id } }),
        db.dailyBrief.findFirst({ where: { userId: readerId } }),
      ]);
      state = JSON.stringify({ polled: polledRow.lastSuccessAt, gone: goneRow.consecutiveFailures, insights: [episodeRow.insightStatus, episodeRow.insightError], brief: brief?.status });
      return polledRow.lastSuccessAt !== null && goneRow.consecutiveFailures > 0 && episodeRow.insightStatus === "done" && brief?.status === "sent";
    }, 300_000);
    await done.catch((error: Error) => {
      throw new Error(`${error.message}: ${state}\n${app.output().slice(-4000)}`);
    });
    // A page with an id in its path, for the latency histogram, read to its end. The server observes
    // it when the response closes on its side, which may come a moment after the client has it all.
    const page = await fetch(`http://127.0.0.1:${app.port}/insights/${insight.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Insight");
    const pageTimed = { route: "/insights/[id]", status_class: "2xx", method: "GET", process: "web" };
    let scraped = { status: 0, contentType: null as string | null, text: "" };
    await waitUntil("the insight page's request is observed", async () => {
      scraped = await scrape();
      return value(samples(scraped.text), "podbrief_http_request_duration_seconds_count", pageTimed) > 0;
    });
    const { status, contentType, text } = scraped;
    expect(status).toBe(200);
    expect(contentType).toContain("text/plain");
    const after = samples(text);
    const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);

    expect(moved("podbrief_feed_polls_total", { outcome: "updated", process: "worker" })).toBe(1);
    expect(moved("podbrief_feed_polls_total", { outcome: "failed" })).toBe(1);
    expect(value(after, "podbrief_feeds", { state: "failing" })).toBe(1);
    expect(value(after, "podbrief_feeds", { state: "ok" })).toBeGreaterThanOrEqual(1);
    expect(moved("podbrief_jobs_total", { queue: "poll-podcast", outcome: "completed" })).toBe(2);
    expect(moved("podbrief_job_duration_seconds_count", { queue: "extract-insights" })).toBeGreaterThanOrEqual(1);

    const extracted = await db.episode.findUniqueOrThrow({ where: { id: episode.id } });
    expect(moved("podbrief_extractions_total", { outcome: "extracted" })).toBe(1);
    expect(moved("podbrief_insights_made_total")).toBe(await db.insight.count({ where: { episodeId: episode.id } }));
    // The counters agree with what the episode records, and its price.
    const modelLabel = { model: extracted.insightModel! };
    expect(extracted.insightInputTokens).toBeGreaterThan(0);
    expect(moved("podbrief_model_tokens_total", { ...modelLabel, direction: "input" })).toBe(extracted.insightInputTokens);
    expect(moved("podbrief_model_tokens_total", { ...modelLabel, direction: "output" })).toBe(extracted.insightOutputTokens);
    const cost = (extracted.insightInputTokens! * PRICES.input + extracted.insightOutputTokens! * PRICES.output) / 1_000_000;
    expect(moved("podbrief_model_cost_usd_total", modelLabel)).toBeCloseTo(cost, 9);

    expect(moved("podbrief_briefs_composed_total", { outcome: "with_items" })).toBe(1);
    expect(moved("podbrief_mail_sent_total", { kind: "brief", transport: "outbox" })).toBe(1);
    expect(value(after, "podbrief_mail_failed_total")).toBe(0);

    // Latency by the route's pattern, never the raw path; and nothing personal anywhere.
    expect(value(after, "podbrief_http_request_duration_seconds_count", pageTimed)).toBe(1);
    expect(after.filter((sample) => sample.name === "podbrief_http_request_duration_seconds_count").every((sample) => !sample.labels.route!.includes("ins_"))).toBe(true);
    const reader = await db.user.findUniqueOrThrow({ where: { id: readerId } });
    for (const personal of [insight.id, episode.id, polled.id, readerId, reader.email!, feeds.host]) expect(text).not.toContain(personal);
  });

  it("answers the readiness check on the running app", async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/api/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, checks: { database: { ok: true }, queue: { ok: true } } });
  });

  it("is served on loopback without a token, but not through a proxy on this computer, nor with a wrong token", async () => {
    expect((await scrape()).status).toBe(200);
    // A reverse proxy on this computer: the socket is loopback, the client is not.
    expect((await scrape("127.0.0.1", { "x-forwarded-for": "198.51.100.7" })).status).toBe(401);
    expect((await scrape("127.0.0.1", { authorization: "Bearer not-the-token-at-all" })).status).toBe(401);
    expect((await scrape("127.0.0.1", { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it.skipIf(!outside)("is refused from another address without the token, whatever its headers claim, and served with it", async () => {
    const forged = { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", "x-podbrief-peer": "127.0.0.1", "x-podbrief-client-ip": "127.0.0.1" };
    const refused = await scrape(outside, forged);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain("podbrief_");
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "unauthorized" } });
    const allowed = await scrape(outside, { authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain("podbrief_jobs_total");
  });
});
