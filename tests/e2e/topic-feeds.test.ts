/**
 * Following a topic from a feed reader, in the browser: a reader opens a topic's page, takes its
 * RSS address from the page (the <link rel="alternate"> a feed reader discovers, and the visible
 * "Feed links"), and the feed at that address reads back through Podbrief's own podcast feed parser,
 * each item leading to its insight's page. A topic of the reader's own gets private links, shown
 * once, that stop working when revoked.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser, signUpThroughOnboarding } from "@/tests/helpers/browser";

const TOPIC = "Artificial intelligence";
const OWN_TOPIC = "open-source model economics";

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage();
  await signUpThroughOnboarding(page, app.url, "feed-reader");
  await waitForDemoInsights(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function openTopic(name: string): Promise<void> {
  await page.goto(`${app.url}/topics`);
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe("a curated topic's feed", () => {
  it("is found on the topic's page and reads back through Podbrief's own parser, each item opening its insight", async () => {
    await openTopic(TOPIC);
    const discovered = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute("href");
    const shown = await page.getByRole("region", { name: "Feed links" }).getByRole("link", { name: "RSS", exact: true }).getAttribute("href");
    expect(discovered).toBeTruthy();
    expect(shown).toBe(discovered);
    expect(new URL(discovered!).origin).toBe(app.url);

    const response = await fetch(discovered!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const feed = parseFeed(Buffer.from(await response.arrayBuffer()), { baseUrl: discovered!, contentType: response.headers.get("content-type") });
    expect(feed.title).toBe(`${TOPIC} from podcasts`);
    expect(feed.episodes.length).toBeGreaterThan(0);
    for (const episode of feed.episodes) {
      expect(episode.guid).toMatch(new RegExp(`^${app.url}/insights/[^/?]+$`));
      expect(episode.link?.startsWith(episode.guid)).toBe(true);
      expect(episode.showNotesHtml).toMatch(/as said/);
      expect(episode.publishedAt).not.toBeNull();
    }

    // A feed reader that has this version is told so, without the document.
    const again = await fetch(discovered!, { headers: { "If-None-Match": response.headers.get("etag")! } });
    expect(again.status).toBe(304);

    // The item leads to the insight's page, whose headline is the item's title.
    const [first] = feed.episodes;
    await page.goto(first!.link!);
    await page.getByRole("heading", { level: 1, name: first!.title }).waitFor();
  });
});

describe("a topic of the reader's own", () => {
  it("gets private feed links, shown once, that work until revoked", async () => {
    await page.goto(`${app.url}/topics`);
    await page.getByLabel("Describe a topic in your own words").fill(OWN_TOPIC);
    await page.getByRole("button", { name: "Create topic" }).click();
    await page.waitForURL(/\/topics\/[^/?]+\?caught=/);
    const links = page.getByRole("region", { name: "Feed links" });
    await links.getByRole("button", { name: "Make feed links" }).click();
    const rss = await links.getByRole("link", { name: "RSS", exact: true }).getAttribute("href");
    expect(rss).toMatch(new RegExp(`^${app.url}/feeds/private/[\\w-]{43}/rss\\.xml$`));
    // Private feeds are not announced in the page's head.
    expect(await page.locator('head link[rel="alternate"][type="application/rss+xml"]').count()).toBe(0);

    const response = await fetch(rss!);
    expect(response.status).toBe(200);
    expect(parseFeed(await response.text()).title).toBe(`${OWN_TOPIC} from podcasts`);

    await links.getByRole("button", { name: "Revoke feed links" }).click();
    await links.getByText("Your topic's feed links no longer work.").waitFor();
    expect((await fetch(rss!)).status).toBe(404);
  });
});
