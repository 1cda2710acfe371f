/**
 * Saved insights in the browser, over the demo content: the empty state, the list, search, the
 * topic filter, unsaving, and the Markdown export. Saves are written to the app's own database
 * (the feed that would offer the Save button is another page's work), once the worker has
 * extracted the demo shows' insights.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";

type DemoInsight = { id: string; headline: string; body: string; quote: string; start_seconds: number; end_seconds: number; topic_slug: string; topic_name: string };

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;
let database: pg.Client;
let saved: DemoInsight[] = [];
const email = `saver-${Date.now()}@example.com`;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  const port = /serving on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
  if (!port) throw new Error(`the app did not say where its database is:\n${app.output()}`);
  database = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await database.connect();
  page = await browser.newPage();
  await signInThroughOutbox(page, app.url, email);
  // New readers may be shown onboarding first; this reader skips it, as onboarding is another test's.
  await page.waitForURL(/\/(feed|onboarding)/);
  await database.query("UPDATE users SET onboarded_at = now() WHERE email = $1", [email]);
});

afterAll(async () => {
  await database?.end();
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Three demo insights from different episodes, each with its best topic, once the worker has extracted them. */
async function demoInsights(): Promise<DemoInsight[]> {
  for (let attempt = 0; attempt < 180; attempt++) {
    const { rows } = await database.query<DemoInsight>(`
      SELECT DISTINCT ON (i.episode_id) i.id, i.headline, i.body, i.quote, i.start_seconds, i.end_seconds, t.slug AS topic_slug, t.name AS topic_name
      FROM insights i
      JOIN LATERAL (SELECT topic_id FROM insight_topics WHERE insight_id = i.id ORDER BY score DESC LIMIT 1) best ON true
      JOIN topics t ON t.id = best.topic_id
      ORDER BY i.episode_id, i.quality_score DESC, i.id
      LIMIT 3`);
    if (rows.length === 3) return rows;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the worker extracted no insights from the demo shows in three minutes");
}

const cards = () => page.locator("article[data-insight-id]");
const shownIds = () => cards().evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-insight-id")));

describe("saved insights", () => {
  it("explains how to save while nothing is saved", async () => {
    await page.goto(`${app.url}/saved`);
    await page.getByRole("heading", { name: "Nothing saved yet" }).waitFor();
    await expect(page.getByText(/Press Save on any insight/).isVisible()).resolves.toBe(true);
  });

  it("lists the reader's saves newest first, and finds them by search and by topic", async () => {
    saved = await demoInsights();
    const { rows } = await database.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
    for (const [i, insight] of saved.entries()) {
      await database.query("INSERT INTO saved_insights (user_id, insight_id, created_at) VALUES ($1, $2, $3)", [rows[0]!.id, insight.id, new Date(Date.UTC(2026, 10, 1 + i))]);
    }
    await page.goto(`${app.url}/saved`);
    await expect(shownIds()).resolves.toEqual(saved.map((insight) => insight.id).reverse());
    await expect(page.getByRole("button", { name: "Saved", pressed: true }).count()).resolves.toBe(3);

    // A word of the oldest save that the other two do not contain.
    const [oldest, ...others] = saved;
    const word = oldest!.headline
      .split(/[^A-Za-z]+/)
      .filter((candidate) => candidate.length >= 4)
      .find((candidate) => others.every((other) => !`${other.headline} ${other.body} ${other.quote}`.toLowerCase().includes(candidate.toLowerCase())));
    expect(word, oldest!.headline).toBeTruthy();
    await page.getByLabel("Search saved insights").fill(word!.toUpperCase());
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/[?&]q=/);
    await expect(shownIds()).resolves.toEqual([oldest!.id]);
    await page.getByRole("link", { name: "Show all" }).click();
    await page.waitForURL(`${app.url}/saved`);

    const filter = page.getByRole("navigation", { name: "Filter by topic" });
    await filter.getByRole("link", { name: new RegExp(`^${escapeRegExp(oldest!.topic_name)} \\(`) }).click();
    await page.waitForURL(new RegExp(`topic=${oldest!.topic_slug}`));
    const ids = await shownIds();
    expect(ids).toContain(oldest!.id);
    for (const other of others) expect(ids.includes(other.id)).toBe(other.topic_slug === oldest!.topic_slug);
  });

  it("exports every saved insight as Markdown, with a link to the moment it was said (untimed: to the insight)", async () => {
    await page.goto(`${app.url}/saved`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Markdown" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^podbrief-saved-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = await fs.readFile((await file.path())!, "utf8");
    for (const insight of saved) {
      expect(markdown).toContain(`## ${insight.headline.replace(/\s+/g, " ").trim()}`);
      const timed = insight.end_seconds > 0;
      expect(markdown).toContain(timed ? `/insights/${insight.id}?t=${Math.floor(insight.start_seconds)})` : `/insights/${insight.id})`);
    }
  });

  it("removes an insight from Saved once the reader unsaves it (the card stays, unmarked, until the page is read again)", async () => {
    await page.goto(`${app.url}/saved`);
    const newest = saved.at(-1)!;
    const card = page.locator(`article[data-insight-id="${newest.id}"]`);
    const done = page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
    await card.getByRole("button", { name: "Saved" }).click();
    await card.getByRole("button", { name: "Save", exact: true, pressed: false }).waitFor();
    await done;
    await page.reload();
    await expect(shownIds()).resolves.toEqual(saved.slice(0, 2).map((insight) => insight.id).reverse());
  });

  it("refuses the export to anyone signed out, in JSON", async () => {
    const response = await fetch(`${app.url}/api/saved/export?format=csv`);
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toMatchObject({ error: { code: "unauthorized" } });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
