/**
 * Reading in the browser over the demo content, extracted by the app's own worker: onboarding, a
 * feed that reflects the chosen topics, hiding, keyboard saving, the insight page with its related
 * insights and audio start time, and a topic of the reader's own words. Screenshots of onboarding,
 * feed and insight page at 1280 and 375 px go to test-results/screenshots.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const demoEpisodes = Object.keys(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../demo/manifest.json"), "utf8")).transcripts).length;

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;

async function shoot(name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Until the worker has related every demo episode's insights (it logs one line per episode). */
async function demoInsightsReady(timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while ((app.output().match(/relate-insights \S+ done/g) ?? []).length < demoEpisodes) {
    if (Date.now() > deadline) throw new Error(`the demo insights were not ready in time:\n${app.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  await fsp.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await demoInsightsReady();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("reading", () => {
  it("asks a new reader for topics and builds the feed from them", async () => {
    await signInThroughOutbox(page, app.url, `reader-${Date.now()}@example.com`);
    await page.waitForURL(`${app.url}/onboarding`);
    await shoot("onboarding");
    await page.getByRole("checkbox", { name: /^Artificial intelligence/ }).check();
    await page.getByLabel("When should your daily brief arrive?").selectOption("8");
    await page.getByRole("button", { name: "Start reading" }).click();
    await page.waitForURL(`${app.url}/feed`);

    const cards = page.locator("article[data-insight-id]");
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(3);
    // Every card says why it is there: the topic chosen at onboarding.
    const reasons = await cards.locator("p", { hasText: "You follow" }).allTextContents();
    expect(reasons.length).toBe(await cards.count());
    for (const reason of reasons) expect(reason).toContain("Artificial intelligence");
    await shoot("feed");
  });

  it("hides an insight for good and saves one from the keyboard", async () => {
    const cards = page.locator("article[data-insight-id]");
    const hiddenId = await cards.nth(1).getAttribute("data-insight-id");
    await cards.nth(1).getByRole("button", { name: "Hide" }).click();
    await page.locator(`[data-insight-id="${hiddenId}"][data-hidden]`).waitFor();

    const firstId = await cards.first().getAttribute("data-insight-id");
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await page.keyboard.press("j");
    await page.keyboard.press("s");
    await page.locator(`article[data-insight-id="${firstId}"] [data-action="save"][aria-pressed="true"]`).waitFor();

    await page.reload();
    await page.locator("article[data-insight-id]").first().waitFor();
    expect(await page.locator(`article[data-insight-id="${hiddenId}"]`).count()).toBe(0);
    expect(await page.locator(`article[data-insight-id="${firstId}"] [data-action="save"]`).getAttribute("aria-pressed")).toBe("true");
  });

  it("opens an insight page with its quote, audio at the quoted moment and related insights", async () => {
    const first = page.locator("article[data-insight-id]").first();
    const headline = (await first.getByRole("heading").textContent())!.trim();
    await first.getByRole("heading").getByRole("link").click();
    await page.waitForURL(/\/insights\//);
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(headline);
    expect(await page.title()).toContain(headline);
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toContain(headline);

    // Listening starts at the quoted moment (the demo feeds link their episodes' pages, not audio files).
    const listen = page.getByTestId("listen");
    const start = Number(await listen.getAttribute("data-start"));
    const minutes = `${Math.floor(start / 3600) ? `${Math.floor(start / 3600)}:${String(Math.floor((start % 3600) / 60)).padStart(2, "0")}` : Math.floor(start / 60)}:${String(start % 60).padStart(2, "0")}`;
    expect(await page.getByRole("figure").textContent()).toContain(`at ${minutes}`);
    expect(await listen.textContent()).toContain(`from ${minutes}`);
    const audio = page.locator("audio");
    if (await audio.count()) expect(await audio.getAttribute("src")).toMatch(new RegExp(`#t=${start}$`));

    const related = page.getByTestId("related-insights").getByRole("link");
    expect(await related.count()).toBeGreaterThan(0);
    const relatedHeadline = (await related.first().textContent())!.trim();
    const relatedHref = (await related.first().getAttribute("href"))!;
    await shoot("insight");
    await related.first().click();
    await page.waitForURL(`${app.url}${relatedHref}`);
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(relatedHeadline);
  });

  it("shows an insight page to someone who is not signed in", async () => {
    const url = page.url();
    const guest = await browser.newPage();
    await guest.goto(url);
    expect(new URL(guest.url()).pathname).toBe(new URL(url).pathname);
    await guest.getByRole("heading", { name: "Related Insights" }).waitFor();
    expect(await guest.getByRole("link", { name: "Get your brief" }).count()).toBe(1);
    await guest.close();
  });
});
