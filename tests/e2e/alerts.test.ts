/**
 * Alerts in the browser: a reader saves a phrase on the Alerts page, then adds a show whose new
 * episode's transcript (Talk Python's YouTube recording of episode 550, a real transcript from
 * tests/corpus, not in the demo) says it. Once the app's worker has read the feed and the transcript,
 * the Alerts page shows the mention with the sentence around it and a link that plays from that
 * second, and the next brief carries it in its own "Alerts" section, on /brief and in the email.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser } from "@/tests/helpers/browser";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";
import { sendBriefAndWait, signUpReader } from "@/tests/helpers/main-pages";

const PHRASE = "defend the trademark";
// Said by Paolo Melchiorre at 8:08.76, one cue of its own.
const SENTENCE = "We try to defend the trademark of Django and sustain all the working group that we are now for the security department for other things.";

let app: RunningApp;
let browser: Browser;
let feeds: FeedServer;
let dataDir: string;
let page: Page;

function feed(): string {
  const aired = new Date(Date.now() - 3_600_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Talk Python Live</title>
    <link>https://www.youtube.com/@talkpython</link>
    <description>Talk Python To Me's live-stream recordings.</description>
    <language>en</language>
    <item>
      <title>#550: AI contributions and maintainer load</title>
      <guid isPermaLink="false">youtube-talk-python-550</guid>
      <pubDate>${aired}</pubDate>
      <enclosure url="${feeds.url("/audio/550.mp3")}" type="audio/mpeg" length="1000"/>
      <podcast:transcript url="${feeds.url("/transcripts/550.vtt")}" type="text/vtt" language="en"/>
    </item>
  </channel>
</rss>`;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-alerts-"));
  feeds = await startFeedServer();
  feeds.serve("/transcripts/550.vtt", { body: corpusFile("transcripts/talkpython_yt_550-ai-contributions-and-maintainer-load.vtt"), contentType: "text/vtt; charset=utf-8" });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, FETCH_ALLOWED_HOSTS: feeds.host }), launchBrowser()]);
  feeds.serve("/live.xml", { body: feed() });
  await waitForDemoInsights(app);
  ({ page } = await signUpReader(browser, app, "alerts-reader"));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("alerts", () => {
  it("saves a phrase from the Alerts page, refusing one made of common words", async () => {
    await page.goto(`${app.url}/feed`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.waitForURL(`${app.url}/alerts`);
    await page.getByLabel("A phrase or name to listen for").fill("the and of");
    await page.getByRole("button", { name: "Add alert" }).click();
    await page.getByRole("alert").filter({ hasText: "only words every episode says" }).waitFor();

    await page.getByLabel("A phrase or name to listen for").fill(PHRASE);
    await page.getByRole("button", { name: "Add alert" }).click();
    await page.getByRole("status").filter({ hasText: `Listening for “${PHRASE}”` }).waitFor();
    await page.getByTestId("alert-row").filter({ hasText: `“${PHRASE}” · in your brief · 0 matches` }).waitFor();
  });

  it("shows the mention on the Alerts page once a new episode that says it is read, with the sentence and a play-from-here link", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/live.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Talk Python Live" }).waitFor({ timeout: 120_000 });

    const match = page.getByTestId("alert-match").filter({ hasText: SENTENCE });
    const deadline = Date.now() + 120_000;
    for (;;) {
      await page.goto(`${app.url}/alerts`);
      if ((await match.count()) > 0) break;
      if (Date.now() > deadline) throw new Error(`no alert match within two minutes:\n${app.output().slice(-3000)}`);
      await page.waitForTimeout(1000);
    }
    expect(await match.count()).toBe(1);
    expect(await match.getAttribute("data-kind")).toBe("phrase");
    expect(await match.textContent()).toContain("Talk Python Live · #550: AI contributions and maintainer load · at 8:08");
    const play = match.getByRole("link", { name: "Play from 8:08" });
    expect(await play.getAttribute("href")).toBe(`${feeds.url("/audio/550.mp3")}#t=488`);
    await page.getByTestId("alert-row").filter({ hasText: `“${PHRASE}” · in your brief · 1 match` }).waitFor();
  });

  it("carries the mention into the next brief, in its own Alerts section, on the web and in the email", async () => {
    await sendBriefAndWait(page, app);
    const section = page.getByRole("list", { name: "Alert matches in this brief" });
    await section.getByTestId("alert-match").filter({ hasText: SENTENCE }).waitFor();
    expect(await page.getByTestId("brief-status").textContent()).toMatch(/· 1 alert match$/);

    await page.goto(`${app.url}/dev/outbox`);
    const mail = page.locator('[data-testid="outbox-message"][data-kind="brief"]').first();
    const text = (await mail.locator("pre").textContent())!;
    expect(text).toContain(`Alerts\n\n“${PHRASE}”\n  ${SENTENCE}\n  Talk Python Live · #550: AI contributions and maintainer load, at 8:08\n  Play from here: ${feeds.url("/audio/550.mp3")}#t=488`);
  });
});
