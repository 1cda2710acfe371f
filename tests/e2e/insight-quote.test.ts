/**
 * The quote beside the body, in the browser: an insight page and an episode's cards show the body,
 * then the verbatim quote "as said, at 12:34" with a link to listen from there; the words once when
 * the body is the quote tidied up; and no time at all for an untimed transcript. The insights are
 * written to the app's own database, so each case is exactly the one under test.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";

const run = Date.now().toString(36);
const ids = { podcast: `qp-${run}`, timed: `qe-timed-${run}`, untimed: `qe-untimed-${run}`, different: `qi-diff-${run}`, same: `qi-same-${run}`, plain: `qi-plain-${run}` };

const DIFFERENT = {
  body: "Ana Ruiz argues that export controls backfired, speeding up the domestic chip industry in China by years.",
  quote: "Honestly the controls were supposed to slow them down, and what they did was hand every Chinese fab a guaranteed customer.",
};
const SAME = {
  body: "Cheap storage changes which power plants get built, and it changes it fast.",
  quote: "Um, cheap storage changes which, which power plants get built, and, you know, it changes it fast.",
};
const PLAIN = {
  body: "Grid batteries, not gas plants, now set evening power prices in Texas, according to Ana Ruiz.",
  quote: "What sets the price at seven in the evening in Texas now? It's batteries, not gas.",
};

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let database: pg.Client;
let page: Page;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-quote-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  const port = /serving on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
  if (!port) throw new Error(`the app did not say where its database is:\n${app.output()}`);
  database = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await database.connect();

  // A show the worker leaves alone (next poll far away), one episode from captions and one from plain text.
  await database.query(
    `INSERT INTO podcasts (id, feed_url, title, updated_at, next_poll_at) VALUES ($1, $2, 'Grid Talk', now(), now() + interval '30 days')`,
    [ids.podcast, `https://example.com/${run}/feed.xml`],
  );
  await database.query(
    `INSERT INTO episodes (id, podcast_id, guid, title, link, published_at, duration_seconds, transcript_status, insight_status, updated_at)
     VALUES ($1, $3, $1, 'From captions', 'https://example.com/captions', now(), 3600, 'fetched', 'done', now()),
            ($2, $3, $2, 'From a text transcript', 'https://example.com/text', now(), 3600, 'fetched', 'done', now())`,
    [ids.timed, ids.untimed, ids.podcast],
  );
  const insert = (id: string, episodeId: string, headline: string, text: { body: string; quote: string }, start: number, end: number, speaker: string | null) =>
    database.query(
      `INSERT INTO insights (id, episode_id, headline, body, quote, start_seconds, end_seconds, speaker, quality_score, model, prompt_version, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0.9, 'test', 'test', now())`,
      [id, episodeId, headline, text.body, text.quote, start, end, speaker],
    );
  await insert(ids.different, ids.timed, "Export controls sped up the chip industry in China", DIFFERENT, 754.4, 771, "Ana Ruiz");
  await insert(ids.same, ids.timed, "Cheap storage changes which plants get built", SAME, 1501, 1520, null);
  await insert(ids.plain, ids.untimed, "Batteries now set evening power prices in Texas", PLAIN, 0, 0, null);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await database?.end();
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const article = () => page.locator("article").first();

describe("the quote beside the body", () => {
  it("shows an insight page's body, then the verbatim quote as said by whom and when", async () => {
    await page.goto(`${app.url}/insights/${ids.different}`);
    await page.getByRole("heading", { level: 1, name: "Export controls sped up the chip industry in China" }).waitFor();
    const text = (await article().innerText()).replace(/\s+/g, " ");
    expect(text.indexOf(DIFFERENT.body)).toBeGreaterThan(-1);
    expect(text.indexOf(`“${DIFFERENT.quote}”`)).toBeGreaterThan(text.indexOf(DIFFERENT.body));
    expect(await page.getByTestId("as-said").locator("figcaption").innerText()).toBe("as said by Ana Ruiz, at 12:34");
    expect(await page.getByTestId("listen").innerText()).toBe("Listen to the episode from 12:34");
  });

  it("shows the words once when the body is the quote tidied up", async () => {
    await page.goto(`${app.url}/insights/${ids.same}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const text = (await article().innerText()).replace(/\s+/g, " ");
    expect(text.match(/power plants get built/g)).toHaveLength(1);
    expect(text).not.toContain("which, which");
    expect(text).toContain(SAME.body);
    expect(await page.getByTestId("as-said").innerText()).toBe("as said, at 25:01");
    expect(await page.locator("blockquote").count()).toBe(0);
  });

  it("shows no time at all for an untimed transcript, even when a link names one", async () => {
    await page.goto(`${app.url}/insights/${ids.plain}?t=0`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const text = await article().innerText();
    expect(text).toContain(`“${PLAIN.quote}”`);
    expect(await page.getByTestId("as-said").locator("figcaption").innerText()).toBe("as said");
    expect(await page.getByTestId("listen").innerText()).toBe("Listen to the episode");
    expect(await page.getByTestId("listen").getAttribute("data-start")).toBeNull();
    expect(text).not.toMatch(/\d:\d\d/);
  });

  it("shows the same on an episode's cards, the time a link to listen from there", async () => {
    await signInThroughOutbox(page, app.url, `quote-reader-${run}@example.com`);
    await page.waitForURL(/\/(feed|onboarding)/);
    await database.query("UPDATE users SET onboarded_at = now() WHERE email = $1", [`quote-reader-${run}@example.com`]);

    await page.goto(`${app.url}/podcasts/${ids.podcast}/episodes/${ids.timed}`);
    const different = page.locator(`article[data-insight-id="${ids.different}"]`);
    await different.waitFor();
    expect(await different.locator("blockquote").innerText()).toBe(`“${DIFFERENT.quote}”`);
    const listen = different.getByTestId("as-said").getByRole("link", { name: "at 12:34" });
    expect(await listen.getAttribute("href")).toBe(`/insights/${ids.different}?t=754`);
    const same = page.locator(`article[data-insight-id="${ids.same}"]`);
    expect(((await same.innerText()).match(/power plants get built/g) ?? []).length).toBe(1);
    expect(await same.getByTestId("as-said").innerText()).toBe("as said, at 25:01");

    await page.goto(`${app.url}/podcasts/${ids.podcast}/episodes/${ids.untimed}`);
    const plain = page.locator(`article[data-insight-id="${ids.plain}"]`);
    await plain.waitFor();
    expect(await plain.getByTestId("as-said").locator("figcaption").innerText()).toBe("as said");
    expect(await plain.getByTestId("as-said").getByRole("link").count()).toBe(0);
    expect(await plain.innerText()).not.toMatch(/\d:\d\d/);
    // Nothing of it sits on the timeline at 0:00.
    expect(await page.getByTestId("timeline-marker").count()).toBe(0);
  });
});
