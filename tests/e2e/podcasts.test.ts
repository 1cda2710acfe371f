/**
 * Podcasts in the browser: add a show by its feed URL from a local feed server and see its episodes
 * once the worker has read it, see a broken feed's error in words, see a huge feed capped, import an
 * OPML file (and be refused one too large, in words) and export one.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

let app: RunningApp;
let browser: Browser;
let feeds: FeedServer;
let dataDir: string;
let page: Page;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  feeds = await startFeedServer();
  feeds.serve("/nightvale.xml", { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
  feeds.serve("/pc20.xml", { body: corpusFile("feeds/partytime_pc20rss.xml") });
  feeds.serve("/broken.xml", { body: corpusFile("feeds/feedjira_itunes_feedburner.xml").subarray(0, 3000) });
  feeds.serve("/five-thousand.xml", { body: generatedFeed(5_000) });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, FETCH_ALLOWED_HOSTS: feeds.host }), launchBrowser()]);
  page = await browser.newPage();
  await signInThroughOutbox(page, app.url, `listener-${Date.now()}@example.com`);
  await page.waitForURL(`${app.url}/onboarding`);
});

/** A feed listing `count` items, an hour apart. */
function generatedFeed(count: number): string {
  const newest = Date.UTC(2026, 10, 1);
  const items = Array.from(
    { length: count },
    (_, i) => `<item><title>Episode ${i}</title><guid>item-${i}</guid><pubDate>${new Date(newest - i * 3_600_000).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Five Thousand Episodes</title>${items.join("")}</channel></rss>`;
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("podcasts", () => {
  it("has the demo shows, read from the files that ship with the project, with their transcripts", async () => {
    // The worker loads the demo in the background at start.
    for (let attempt = 0; attempt < 60; attempt++) {
      await page.goto(`${app.url}/podcasts`);
      if ((await page.getByTestId("other-podcast-row").count()) >= 4) break;
      await page.waitForTimeout(1000);
    }
    const demo = page.getByTestId("other-podcast-row");
    await expect(demo.count()).resolves.toBe(4);
    await page.getByRole("link", { name: "Practical AI" }).click();
    await page.getByRole("heading", { level: 1, name: "Practical AI" }).waitFor();
    await expect(page.getByTestId("episode-row").count()).resolves.toBe(4);
    await expect(page.getByTestId("episode-row").filter({ hasText: /No transcript|on its way/ }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Follow" }).click();
    await page.getByRole("button", { name: "Unfollow" }).waitFor();
  });

  it("adds a show by its feed address and lists its episodes once the worker has read it", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/nightvale.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    // The show's page follows the worker's first read and shows the show once it is read.
    await page.getByRole("heading", { level: 1, name: "Welcome to Night Vale" }).waitFor({ timeout: 120_000 });
    await expect(page.getByTestId("episode-row").count()).resolves.toBe(3);
    await page.goto(`${app.url}/podcasts`);
    await expect(page.getByTestId("podcast-row").filter({ hasText: "Welcome to Night Vale" }).count()).resolves.toBe(1);
  });

  it("says in words why a broken feed cannot be added", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/broken.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    const error = page.getByTestId("feed-error");
    await error.waitFor({ timeout: 120_000 });
    await expect(error.textContent()).resolves.toMatch(/Could not add this show.*(not valid XML|ends too early|line \d+)/i);
    await expect(page.getByTestId("episode-row").count()).resolves.toBe(0);
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/missing.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    await page.getByTestId("feed-error").filter({ hasText: /404/ }).waitFor({ timeout: 120_000 });
  });

  it("keeps the newest 2,000 episodes of a feed that lists 5,000, and says so", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/five-thousand.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    const notice = page.getByTestId("episode-cap");
    await notice.waitFor({ timeout: 120_000 });
    await expect(notice.textContent()).resolves.toBe("This feed lists 5,000 episodes; Podbrief keeps the newest 2,000.");
    await expect(page.getByRole("heading", { level: 2, name: "Episodes (2000)" }).count()).resolves.toBe(1);
  });

  it("refuses an OPML file over 2 MB in words, from the form and from a direct upload", async () => {
    const large = path.join(dataDir, "large.opml");
    const outline = `<outline type="rss" text="Padding" xmlUrl="https://example.com/feed.xml"/>\n`;
    await fs.writeFile(large, `<?xml version="1.0"?><opml version="2.0"><body>\n${outline.repeat(Math.ceil((3.5 * 1024 * 1024) / outline.length))}</body></opml>`);
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Import from another app (OPML)").setInputFiles(large);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "That file is larger than 2 MB" }).waitFor();

    // The same file sent by something other than the form (which checks the size first) gets a 413 in words.
    const answer = await page.request.post(`${app.url}/api/podcasts/opml`, {
      multipart: { opml: { name: "large.opml", mimeType: "text/x-opml", buffer: await fs.readFile(large) } },
    });
    expect(answer.status()).toBe(413);
    expect(await answer.json()).toEqual({ error: { code: "too_large", message: expect.stringMatching(/^That file is larger than 2 MB/) } });
  });

  it("imports an OPML file, and exports the reader's shows as OPML", async () => {
    const opml = path.join(dataDir, "subscriptions.opml");
    await fs.writeFile(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>From another app</title></head><body>
<outline type="rss" text="Podcasting 2.0" xmlUrl="${feeds.url("/pc20.xml")}"/></body></opml>`,
    );
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Import from another app (OPML)").setInputFiles(opml);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Following 1 new podcast").waitFor();

    // The worker reads the imported feed in the background; the list shows it once read.
    for (let attempt = 0; attempt < 60; attempt++) {
      await page.goto(`${app.url}/podcasts`);
      if (await page.getByTestId("podcast-row").filter({ hasText: "56 episodes" }).count()) break;
      await page.waitForTimeout(1000);
    }
    await expect(page.getByTestId("podcast-row").filter({ hasText: "56 episodes" }).count()).resolves.toBe(1);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export as OPML" }).click();
    const file = await (await download).path();
    const exported = await fs.readFile(file, "utf8");
    expect(exported).toContain(`xmlUrl="${feeds.url("/nightvale.xml")}"`);
    expect(exported).toContain(`xmlUrl="${feeds.url("/pc20.xml")}"`);
  });
});
