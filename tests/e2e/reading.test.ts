/**
 * Reading in the browser over the demo content, extracted by the app's own worker: onboarding, a
 * feed that reflects the chosen topics, hiding, keyboard saving, "less like this", the insight page
 * with its related insights and listening start time, following a topic from its page, a topic in
 * the reader's own words, search by words and by meaning, and an accessibility check (axe-core) of every main page. (The
 * demo's shows make no point twice: clusters are tested in clusters.test.ts.) Screenshots of
 * onboarding, feed and insight page at 1280 and 375 px go to test-results/screenshots.
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { seriousViolations } from "@/tests/helpers/axe";
import { launchBrowser, signUpThroughOnboarding } from "@/tests/helpers/browser";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;
/** An insight page, for the checks that need one. */
let insightUrl: string;

async function shoot(name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Resolves when the page's next server action (a POST carrying the Next-Action header) has been answered. */
function serverActionDone() {
  return page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
}

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  await fsp.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await waitForDemoInsights(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("reading", () => {
  it("asks a new reader for topics and builds the feed from them", async () => {
    await signUpThroughOnboarding(page, app.url, "reader", async (onboarding) => {
      await shoot("onboarding");
      await onboarding.getByLabel("When should your daily brief arrive?").selectOption("8");
    });

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
    let done = serverActionDone();
    await cards.nth(1).getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Hide" }).click();
    await page.locator(`[data-insight-id="${hiddenId}"][data-hidden]`).waitFor();
    // The card folds at once; the server action behind it is awaited before the page is reloaded.
    await done;

    const firstId = await cards.first().getAttribute("data-insight-id");
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await page.keyboard.press("j");
    done = serverActionDone();
    await page.keyboard.press("s");
    await page.locator(`article[data-insight-id="${firstId}"] [data-action="save"][aria-pressed="true"]`).waitFor();
    await done;

    await page.reload();
    await page.locator("article[data-insight-id]").first().waitFor();
    expect(await page.locator(`article[data-insight-id="${hiddenId}"]`).count()).toBe(0);
    expect(await page.locator(`article[data-insight-id="${firstId}"] [data-action="save"]`).getAttribute("aria-pressed")).toBe("true");

    // And it is waiting in Saved.
    await page.goto(`${app.url}/saved`);
    await page.locator(`article[data-insight-id="${firstId}"]`).waitFor();
    await page.goto(`${app.url}/feed`);
    await page.locator("article[data-insight-id]").first().waitFor();
  });

  it("opens an insight page with its quote, audio at the quoted moment and related insights", async () => {
    const first = page.locator("article[data-insight-id]").first();
    const headline = (await first.getByRole("heading").textContent())!.trim();
    await first.getByRole("heading").getByRole("link").click();
    await page.waitForURL(/\/insights\//);
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(headline);
    expect(await page.title()).toContain(headline);
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toContain(headline);

    // Listening starts at the quoted moment (the demo feeds link their episodes' pages, not audio files);
    // a quote from an untimed transcript says "as said" and names no moment.
    const listen = page.getByTestId("listen");
    const said = page.getByTestId("as-said");
    const startAttribute = await listen.getAttribute("data-start");
    if (startAttribute === null) {
      expect((await said.textContent())!).toMatch(/as said(?: by [^,]+)?$/);
      expect(await listen.textContent()).not.toContain(" from ");
    } else {
      const start = Number(startAttribute);
      const minutes = `${Math.floor(start / 3600) ? `${Math.floor(start / 3600)}:${String(Math.floor((start % 3600) / 60)).padStart(2, "0")}` : Math.floor(start / 60)}:${String(start % 60).padStart(2, "0")}`;
      expect(await said.textContent()).toContain(`, at ${minutes}`);
      expect(await listen.textContent()).toContain(`from ${minutes}`);
      const audio = page.locator("audio");
      if (await audio.count()) expect(await audio.getAttribute("src")).toMatch(new RegExp(`#t=${start}$`));
    }

    const related = page.getByTestId("related-insights").getByRole("link");
    expect(await related.count()).toBeGreaterThan(0);
    const relatedHeadline = (await related.first().textContent())!.trim();
    const relatedHref = (await related.first().getAttribute("href"))!;
    await shoot("insight");
    await related.first().click();
    await page.waitForURL(`${app.url}${relatedHref}`);
    expect((await page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(relatedHeadline);
    insightUrl = page.url();
  });

  it("moves an insight down after 'less like this'", async () => {
    await page.goto(`${app.url}/feed`);
    const cards = page.locator("article[data-insight-id]");
    await cards.first().waitFor();
    const order = async () => cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-insight-id")));
    const before = await order();
    const target = before[0]!;
    const done = serverActionDone();
    await cards.first().getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Less like this" }).click();
    await page.locator(`article[data-insight-id="${target}"] [role="status"]`, { hasText: "less like this" }).waitFor();
    await done;
    await cards.first().getByRole("button", { name: "More actions" }).click();
    expect(await page.getByRole("menuitemcheckbox", { name: "Less like this" }).getAttribute("aria-checked")).toBe("true");
    await page.reload();
    await cards.first().waitFor();
    const after = await order();
    expect(after[0]).not.toBe(target);
    const position = after.indexOf(target);
    expect(position === -1 || position > 0).toBe(true);
  });

  it("follows a topic from its page, and the feed follows it too", async () => {
    await page.goto(`${app.url}/topics`);
    await page.getByRole("link", { name: "Data science", exact: true }).click();
    await page.waitForURL(/\/topics\/data-science/);
    await page.getByRole("button", { name: "Follow Data science" }).click();
    await page.getByRole("button", { name: "Unfollow Data science" }).waitFor();
    await page.goto(`${app.url}/feed`);
    await page.locator("article[data-insight-id]").first().waitFor();
    const reasons = await page.locator("article[data-insight-id] p", { hasText: "You follow" }).allTextContents();
    expect(reasons.some((reason) => reason.includes("Data science"))).toBe(true);
  });

  it("makes a topic of the reader's own words and shows what it caught at once", async () => {
    await page.goto(`${app.url}/topics`);
    await page.getByLabel("Describe a topic in your own words").fill("bitcoin mining pools");
    await page.getByRole("button", { name: "Create topic" }).click();
    await page.waitForURL(/\/topics\/bitcoin-mining-pools\?caught=\d+/);
    const caught = Number(new URL(page.url()).searchParams.get("caught"));
    expect(caught).toBeGreaterThan(0);
    await page.getByText(/Your topic caught \d+ recent insight/).waitFor();
    const cards = page.locator("article[data-insight-id]");
    expect(await cards.count()).toBeGreaterThan(0);
    expect((await cards.first().textContent())!.toLowerCase()).toMatch(/bitcoin|mining|pool/);
  });

  it("finds insights by full-text search, with the matches marked", async () => {
    // The search term is a word of an insight the worker made, so the test holds whatever the
    // extractor picks from the demo: the longest word of the first card's headline.
    await page.goto(`${app.url}/feed`);
    const headline = (await page.locator("article[data-insight-id] h2").first().textContent())!;
    const term = headline.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0]!.toLowerCase();
    expect(term.length).toBeGreaterThan(3);
    await page.goto(`${app.url}/search`);
    await page.getByLabel("Search insights").fill(term);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/search\?q=/);
    const results = page.locator("article[data-insight-id]");
    await results.first().waitFor();
    expect(await results.filter({ hasText: headline.trim() }).count()).toBeGreaterThan(0);
    const marks = await page.locator("mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    // Each match once, marked in place: in the card's own headline (and body, quote or episode), with no block repeating them.
    expect(await page.getByTestId("search-match").count()).toBe(0);
    const card = results.filter({ hasText: headline.trim() }).first();
    expect(await card.locator("h2 mark").count()).toBeGreaterThan(0);
    // Full-text search matches word stems ("training" finds "train"): every mark shares the term's stem.
    const stem = term.slice(0, 4);
    expect(marks.every((mark) => mark.toLowerCase().includes(stem))).toBe(true);
  });

  it("finds an insight by meaning when the search shares no word with it", async () => {
    // A labelled query of npm run eval:search: the demo's Stanford AI Index episode says people are
    // "very bearish about AI", in none of these words.
    await page.goto(`${app.url}/search`);
    await page.getByLabel("Search insights").fill("folks are pessimistic about artificial intelligence");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/search\?q=/);
    const first = page.locator("article[data-insight-id]").first();
    await first.waitFor();
    expect(await first.locator("h2").textContent()).toMatch(/bearish about AI/i);
    expect(await first.getByText("Close in meaning to your search").count()).toBe(1);
    expect(await first.locator("mark").count()).toBe(0);
  });

  it("passes an accessibility check (axe-core) on every main page, signed in and out", async () => {
    const insightPath = new URL(insightUrl).pathname;
    await page.goto(`${app.url}/podcasts`);
    const podcastPath = await page.locator('a[href^="/podcasts/"]').first().getAttribute("href");
    await page.goto(`${app.url}${podcastPath}`);
    const episodePath = await page.locator('a[href*="/episodes/"]').first().getAttribute("href");
    const pages = ["/feed", "/onboarding", "/topics", "/topics/artificial-intelligence", "/saved", "/search?q=model", "/podcasts", podcastPath, episodePath, insightPath, "/brief", "/settings"];
    const problems: string[] = [];
    for (const path of pages) problems.push(...(await seriousViolations(page, `${app.url}${path}`)));
    const guest = await browser.newPage();
    for (const path of ["/", "/sign-in", insightPath]) problems.push(...(await seriousViolations(guest, `${app.url}${path}`)));
    await guest.close();
    expect(problems).toEqual([]);
  });

  it("shows an insight page to someone who is not signed in", async () => {
    const guest = await browser.newPage();
    await guest.goto(insightUrl);
    expect(new URL(guest.url()).pathname).toBe(new URL(insightUrl).pathname);
    await guest.getByRole("heading", { name: "Related Insights" }).waitFor();
    expect(await guest.getByRole("link", { name: "Get your brief" }).count()).toBe(1);
    await guest.close();
  });
});
