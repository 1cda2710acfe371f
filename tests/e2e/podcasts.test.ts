/**
 * Podcasts in the browser: add a show by its feed URL from a local feed server and see its episodes,
 * see a broken feed's error in words, import an OPML file and export one.
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
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, FETCH_ALLOWED_HOSTS: feeds.host }), launchBrowser()]);
  page = await browser.newPage();
  await signInThroughOutbox(page, app.url, `listener-${Date.now()}@example.com`);
  await page.waitForURL(`${app.url}/onboarding`);
});

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

  it("adds a show by its feed address and lists its episodes", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/nightvale.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Welcome to Night Vale" }).waitFor();
    await expect(page.getByTestId("episode-row").count()).resolves.toBe(3);
    await page.goto(`${app.url}/podcasts`);
    await expect(page.getByTestId("podcast-row").filter({ hasText: "Welcome to Night Vale" }).count()).resolves.toBe(1);
  });

  it("says in words why a broken feed cannot be added", async () => {
    await page.goto(`${app.url}/podcasts`);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/broken.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    const error = page.locator("#feed-url-error");
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/not valid XML|ends too early|line \d+/i);
    await page.getByLabel("Add a podcast by its feed address").fill(feeds.url("/missing.xml"));
    await page.getByRole("button", { name: "Add podcast", exact: true }).click();
    await page.getByText(/404/).waitFor();
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
