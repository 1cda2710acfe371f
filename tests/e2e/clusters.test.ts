/**
 * Clusters in the browser, made the way one arises in the world: a show's second feed (here its
 * YouTube channel) airs an episode the demo already has, with the same conversation's transcript in
 * another format (Talk Python's own .txt of episode 554, where the demo reads its .vtt). A reader who
 * follows the episode's topic adds that feed by its address; once the app's worker has read it, the
 * feed shows the point once, folded over the other show's take, and expands it in place. From the
 * card, "2 shows said this" opens the story's full coverage, where the reader plays the second feed's
 * take from its quoted moment (its audio served here, as a WAV the browser can seek in).
 */
import fs from "node:fs/promises";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

const ORIGINAL_SHOW = "Talk Python To Me";
const SECOND_FEED = "Talk Python To Me on YouTube";

let app: RunningApp;
let browser: Browser;
let feeds: FeedServer;
let dataDir: string;
let page: Page;

/** Episode 554 runs just over an hour: the silent audio the second feed lists is that long, 8 kHz, 8-bit mono. */
const AUDIO_SECONDS = 62 * 60;
const AUDIO_RATE = 8000;

/** A 44-byte WAV header for AUDIO_SECONDS of 8-bit mono PCM at AUDIO_RATE. */
function wavHeader(): Buffer {
  const data = AUDIO_SECONDS * AUDIO_RATE;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(AUDIO_RATE, 24);
  header.writeUInt32LE(AUDIO_RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // bytes per frame
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36);
  header.writeUInt32LE(data, 40);
  return header;
}

/**
 * Serves the audio with byte ranges, as podcast hosts do: the browser seeks to the quoted moment by
 * asking for the bytes from there, rather than downloading the whole hour first.
 */
function serveAudio(request: http.IncomingMessage, response: http.ServerResponse): void {
  const header = wavHeader();
  const total = header.length + AUDIO_SECONDS * AUDIO_RATE;
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
  const start = range?.[1] ? Number(range[1]) : 0;
  const end = Math.min(total - 1, range?.[2] ? Number(range[2]) : total - 1);
  const body = Buffer.alloc(end - start + 1, 0x80); // 0x80 is silence in 8-bit PCM
  if (start < header.length) header.copy(body, 0, start, Math.min(header.length, end + 1));
  response.writeHead(range ? 206 : 200, {
    "Content-Type": "audio/wav",
    "Accept-Ranges": "bytes",
    "Content-Length": body.length,
    ...(range ? { "Content-Range": `bytes ${start}-${end}/${total}` } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/**
 * The second feed: episode 554 as demo/feeds/talk-python-to-me.xml lists it (same title and notes),
 * aired an hour ago, its transcript the .txt. Identical words make identical insights, which the
 * clustering rule (lib/insights/relate/choose.ts) counts as one point at similarity 0.95 and above,
 * whatever words they share.
 */
function secondFeed(): string {
  const aired = new Date(Date.now() - 3_600_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>${SECOND_FEED}</title>
    <link>https://www.youtube.com/@talkpython</link>
    <description>Talk Python To Me's live-stream recordings, as they aired on YouTube.</description>
    <language>en</language>
    <itunes:author>Michael Kennedy</itunes:author>
    <item>
      <title>#554: Trustworthy AI in Healthcare &amp; Longevity</title>
      <guid isPermaLink="false">youtube-talk-python-554</guid>
      <pubDate>${aired}</pubDate>
      <link>https://www.youtube.com/@talkpython</link>
      <description>Sumit Gundawar, a London-based engineer who builds a clinical platform for a longevity clinic, argues that in high-stakes AI the model is the easy part and earning trust is the real engineering. He and Michael cover grounding answers in retrieved documents, refusal logic, human-in-the-loop review, and a live demo of an assistant that declines to answer when it cannot back up a claim.</description>
      <enclosure url="${feeds.url("/audio/554.wav")}" type="audio/wav" length="${44 + AUDIO_SECONDS * AUDIO_RATE}"/>
      <podcast:transcript url="${feeds.url("/transcripts/554-trustworthy-ai-in-healthcare.txt")}" type="text/plain" language="en"/>
    </item>
  </channel>
</rss>`;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  feeds = await startFeedServer();
  feeds.serve("/youtube.xml", { body: secondFeed() });
  feeds.handle("/audio/554.wav", serveAudio);
  feeds.serve("/transcripts/554-trustworthy-ai-in-healthcare.txt", {
    body: corpusFile("transcripts/talkpython_554-trustworthy-ai-in-healthcare.txt"),
    contentType: "text/plain; charset=utf-8",
  });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, FETCH_ALLOWED_HOSTS: feeds.host }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await waitForDemoInsights(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("clusters", () => {
  it("lets a reader who follows AI safety add a show's second feed by its address", async () => {
    await signInThroughOutbox(page, app.url, `rebroadcast-${Date.now()}@example.com`);
    await page.waitForURL(`${app.url}/onboarding`);
    await page.getByRole("checkbox", { name: /^AI safety & regulation/ }).check();
    await page.getByRole("button", { name: "Start reading" }).click();
    await page.waitForURL(`${app.url}/feed`);

    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/youtube.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: SECOND_FEED }).waitFor({ timeout: 120_000 });
    await expect(page.getByTestId("episode-row").count()).resolves.toBe(1);
  });

  it("expands a cluster in place to the other show's take on the same point", { timeout: 420_000 }, async () => {
    // The worker fetches the transcript, extracts and relates in the background: the feed shows the
    // cluster once that is done.
    const cluster = page.locator("article[data-insight-id]").filter({ has: page.locator("details[data-cluster]") }).filter({ hasText: SECOND_FEED }).first();
    const deadline = Date.now() + 360_000;
    do {
      await page.goto(`${app.url}/feed`);
      await page.locator("article[data-insight-id]").first().waitFor();
      if (await cluster.count()) break;
      await page.waitForTimeout(2000);
    } while (Date.now() < deadline);
    expect(await cluster.count(), `no cluster with ${SECOND_FEED} in the feed:\n${app.output().slice(-3000)}`).toBe(1);

    const details = cluster.locator("details[data-cluster]");
    expect((await details.locator("summary").textContent())!.trim()).toBe("1 more from other shows");
    expect(await cluster.getByText("2 shows discussed this").count()).toBe(1);
    const other = details.getByRole("listitem");
    const otherLink = other.getByRole("link");
    // Folded at first; the summary opens it in place.
    expect(await otherLink.isVisible()).toBe(false);
    await details.locator("summary").click();
    expect(await otherLink.isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/feed");

    // The same words on the other show: the same headline, under the other show's name.
    const headline = (await cluster.getByRole("heading").textContent())!.trim();
    const leadShow = (await cluster.locator('a[href^="/podcasts/"]').first().textContent())!.trim();
    const otherShow = (await other.locator("span").textContent())!.replace(/^\s*·\s*/, "").trim();
    expect((await otherLink.textContent())!.trim()).toBe(headline);
    expect([leadShow, otherShow].sort()).toEqual([ORIGINAL_SHOW, SECOND_FEED]);

    // And it links to that show's insight.
    const href = (await otherLink.getAttribute("href"))!;
    expect(href).toMatch(/^\/insights\//);
    await otherLink.click();
    await page.waitForURL(`${app.url}${href}`);
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(headline);
    expect(await page.getByRole("link", { name: otherShow, exact: true }).count()).toBeGreaterThan(0);
  });

  it("opens the story's full coverage from the card and plays the other show's take from its moment", async () => {
    await page.goto(`${app.url}/feed`);
    const card = page.locator("article[data-insight-id]").filter({ has: page.locator("details[data-cluster]") }).filter({ hasText: SECOND_FEED }).first();
    const headline = (await card.getByRole("heading").first().textContent())!.trim();
    const coverage = card.getByRole("link", { name: "2 shows said this", exact: true });
    const href = (await coverage.getAttribute("href"))!;
    expect(href).toMatch(/^\/clusters\/[\w-]+$/);
    await coverage.click();
    await page.waitForURL(`${app.url}${href}`);

    // The story, titled by its lead take's headline, with who said it first: the show's own feed aired it before its YouTube channel.
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(headline);
    expect(await page.getByTestId("first-said").innerText()).toMatch(new RegExp(`^First said on ${ORIGINAL_SHOW}, `));
    const takes = page.getByRole("list", { name: "Takes" }).locator("article[data-take]");
    expect(await takes.count()).toBe(2);
    expect((await takes.nth(0).getByRole("link", { name: ORIGINAL_SHOW, exact: true }).count()) > 0).toBe(true);
    expect((await takes.nth(1).getByRole("link", { name: SECOND_FEED, exact: true }).count()) > 0).toBe(true);
    // The same words on both shows: a restatement, which no method flags.
    expect(await page.locator("[data-stance]").count()).toBe(0);
    // Its feeds, for feed readers to discover.
    const clusterId = href.split("/").at(-1)!;
    expect(await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toMatch(new RegExp(`/feeds/clusters/${clusterId}/rss\\.xml$`));
    expect(await page.locator('head link[rel="alternate"][type="application/feed+json"]').getAttribute("href")).toMatch(new RegExp(`/feeds/clusters/${clusterId}/feed\\.json$`));

    // Play the YouTube feed's take: its audio starts at the quoted moment and plays on from there.
    const take = takes.filter({ hasText: SECOND_FEED });
    const start = Number(await take.getByTestId("listen").getAttribute("data-start"));
    expect(start).toBeGreaterThan(0);
    await take.getByRole("button", { name: /^Play from / }).click();
    const audio = await take.locator("audio").elementHandle();
    await page.waitForFunction((element) => {
      const player = element as HTMLAudioElement;
      return player.error === null && !player.paused && player.currentTime > (Number(player.closest("[data-start]")?.getAttribute("data-start")) || 0);
    }, audio, { timeout: 120_000 });
    const played = await audio!.evaluate((element) => ({ time: (element as HTMLAudioElement).currentTime, src: (element as HTMLAudioElement).currentSrc }));
    expect(played.time).toBeGreaterThan(start);
    expect(played.src).toBe(feeds.url(`/audio/554.wav#t=${start}`));
    expect(feeds.requests("/audio/554.wav").some((headers) => headers.range !== undefined)).toBe(true);
  });
});
