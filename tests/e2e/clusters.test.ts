/**
 * Clusters in the browser, made the way one arises in the world: a show's second feed (here its
 * YouTube channel) airs an episode the demo already has, with the same conversation's transcript in
 * another format (Talk Python's own .txt of episode 554, where the demo reads its .vtt). A reader who
 * follows the episode's topic adds that feed by its address; once the app's worker has read it, the
 * feed shows the point once, folded over the other show's take, and expands it in place.
 */
import fs from "node:fs/promises";
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
      <podcast:transcript url="${feeds.url("/transcripts/554-trustworthy-ai-in-healthcare.txt")}" type="text/plain" language="en"/>
    </item>
  </channel>
</rss>`;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  feeds = await startFeedServer();
  feeds.serve("/youtube.xml", { body: secondFeed() });
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
});
