/**
 * The insight page, sharing and the landing page in the browser, over insights written to the app's
 * own database (no demo content, so the landing's choice is exactly the one under test):
 * - the landing shows an example card, marked as such, while there are no insights, then the three
 *   best recent ones (one per story and per show), each linking to its page;
 * - an insight page groups its related insights as paragraphs: the other shows' takes on the same
 *   point, then the rest;
 * - its Open Graph image is a 1200×630 PNG, named by the page's metadata;
 * - "Share" copies the link where the Web Share API is missing, and hands it to the API where present;
 * - neither page scrolls sideways at 360 or 375 px, light or dark.
 * Screenshots of both at 1280 and 375 px, light and dark, go to test-results/screenshots.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser } from "@/tests/helpers/browser";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const run = Date.now().toString(36);
const id = (name: string) => `${name}-${run}`;
/** The stored artwork's hash: 24 hex digits, as the worker names them. */
const hash = Buffer.from(run).toString("hex").padEnd(24, "0").slice(0, 24);

const DAY = 86_400_000;
const ARTWORK_COLOUR = { r: 230, g: 120, b: 20 };

/**
 * Four shows. The lead (grid) and its other take (lines) make one point, a cluster; chips and the old
 * show's insight are related to it. "Lines" also has an insight of its own, unclustered.
 */
const SHOWS = { grid: "Grid Talk", lines: "Power Lines Weekly", chips: "Chip Week", old: "The Long Archive" } as const;
type Show = keyof typeof SHOWS;

type Fixture = { show: Show; headline: string; body: string; quote: string; quality: number; ageDays: number; cluster?: boolean };
const INSIGHTS = {
  lead: {
    show: "grid",
    headline: "Cheap batteries now set evening power prices in Texas",
    body: "Ana Ruiz says grid batteries, not gas plants, now set the evening price of power in Texas. They charge at noon on cheap solar and sell at seven. Gas plants that used to earn their year in those hours are closing early.",
    quote: "What sets the price at seven in the evening in Texas now? It's batteries, not gas.",
    quality: 0.9,
    ageDays: 0.1,
    cluster: true,
  },
  samePoint: {
    show: "lines",
    headline: "Batteries have taken the evening peak from gas in Texas",
    body: "The evening peak in Texas is now a battery market, Tom Ellis argues. Storage bids undercut gas peakers most nights since spring. Peaker owners are asking for capacity payments to stay open.",
    quote: "Most nights since spring the batteries just undercut every peaker in the stack.",
    quality: 0.8,
    ageDays: 0.2,
    cluster: true,
  },
  chips: {
    show: "chips",
    headline: "Data centres are buying batteries to ride out price spikes",
    body: "Chip makers and data centre operators now buy batteries to avoid paying peak prices. A large site can save millions a year this way. The same batteries keep servers up when the grid fails. Some even sell power back at the peak.",
    quote: "We put in storage to dodge the peak price, and the backup power came for free.",
    quality: 0.85,
    ageDays: 0.3,
  },
  linesOwn: {
    show: "lines",
    headline: "Transmission lines take a decade to permit in the United States",
    body: "Permitting a long transmission line takes about ten years, Tom Ellis says. Most of that is waiting for reviews to finish one after another.",
    quote: "Ten years, and most of it is waiting for one review to finish so the next can start.",
    quality: 0.7,
    ageDays: 0.4,
  },
  old: {
    show: "old",
    headline: "Utilities once planned storage only for hydro dams",
    body: "A decade ago utilities planned storage only as pumped hydro at dams. Nobody modelled batteries at grid scale.",
    quote: "Storage meant a dam and two lakes, full stop.",
    quality: 0.5,
    ageDays: 400,
  },
} satisfies Record<string, Fixture>;
type Name = keyof typeof INSIGHTS;

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let database: pg.Client;
let page: Page;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-insight-page-"));
  await fs.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir, DEMO_CONTENT: "off" }), launchBrowser()]);
  const port = /serving on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
  if (!port) throw new Error(`the app did not say where its database is:\n${app.output()}`);
  database = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await database.connect();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await database?.end();
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The shows, one episode each, the insights, their cluster and the related insights stored for the lead, as the worker would store them. */
async function insertInsights() {
  for (const [show, title] of Object.entries(SHOWS)) {
    // Shows the worker leaves alone (next poll far away).
    await database.query(
      `INSERT INTO podcasts (id, feed_url, title, updated_at, next_poll_at) VALUES ($1, $2, $3, now(), now() + interval '30 days')`,
      [id(show), `https://example.com/${run}/${show}.xml`, title],
    );
  }
  // "Chip Week" has stored artwork, a plain orange square, as the worker would store it; the others have none.
  await database.query(`INSERT INTO artworks (id, source_url, status, hash, updated_at) VALUES ($1, $2, 'ready', $3, now())`, [id("artwork"), `https://example.com/${run}/chips.jpg`, hash]);
  for (const width of [96, 240, 600]) {
    for (const format of ["jpg", "webp"] as const) {
      const image = sharp({ create: { width, height: width, channels: 3, background: ARTWORK_COLOUR } });
      const bytes = await (format === "jpg" ? image.jpeg() : image.webp()).toBuffer();
      await database.query(`INSERT INTO artwork_images (artwork_id, width, format, bytes) VALUES ($1, $2, $3, $4)`, [id("artwork"), width, format, bytes]);
    }
  }
  await database.query(`UPDATE podcasts SET artwork_id = $1 WHERE id = $2`, [id("artwork"), id("chips")]);
  await database.query(`INSERT INTO clusters (id, label, representative_insight_id, size, updated_at) VALUES ($1, 'Batteries set Texas evening prices', $2, 2, now())`, [id("cluster"), id("lead")]);
  for (const [name, insight] of Object.entries(INSIGHTS) as [Name, Fixture][]) {
    const published = new Date(Date.now() - insight.ageDays * DAY);
    await database.query(
      `INSERT INTO episodes (id, podcast_id, guid, title, link, published_at, duration_seconds, transcript_status, insight_status, updated_at)
       VALUES ($1, $2, $1, $3, 'https://example.com/episode', $4, 3600, 'fetched', 'done', now())`,
      [id(`episode-${name}`), id(insight.show), `Episode on ${name}`, published],
    );
    await database.query(
      `INSERT INTO insights (id, episode_id, headline, body, quote, start_seconds, end_seconds, speaker, quality_score, model, prompt_version, published_at, cluster_id, related_at)
       VALUES ($1, $2, $3, $4, $5, 754.4, 771, NULL, $6, 'test', 'test', $7, $8, now())`,
      [id(name), id(`episode-${name}`), insight.headline, insight.body, insight.quote, insight.quality, published, insight.cluster ? id("cluster") : null],
    );
  }
  const relations: [Name, Name, number][] = [
    ["lead", "samePoint", 0.97],
    ["lead", "chips", 0.81],
    ["lead", "old", 0.74],
    ["samePoint", "lead", 0.97],
  ];
  for (const [from, to, score] of relations) {
    await database.query(`INSERT INTO insight_relations (insight_id, related_insight_id, score) VALUES ($1, $2, $3)`, [id(from), id(to), score]);
  }
}

/** The PNG's width and height, from its header chunk (IHDR), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`not a PNG: starts with ${bytes.subarray(0, 16).toString("hex")}`);
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") throw new Error("a PNG whose first chunk is not IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Fails when the page is wider than the viewport at 360 or 375 px, in either colour scheme; takes the screenshots. */
async function checkLayout(url: string, name: string) {
  const overflows: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const view = await context.newPage();
    for (const width of [1280, 375, 360]) {
      await view.setViewportSize({ width, height: 900 });
      await view.goto(url);
      await view.getByRole("heading", { level: 1 }).waitFor();
      const { scrollWidth, innerWidth } = await view.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) overflows.push(`${name} at ${width} px, ${colorScheme}: ${scrollWidth} px wide`);
      if (width !== 360) await view.screenshot({ path: path.join(screenshots, `${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
    await context.close();
  }
  expect(overflows).toEqual([]);
}

describe("the landing page", () => {
  it("shows an example card, marked as one, while there are no insights", async () => {
    await page.goto(app.url);
    const showcase = page.getByRole("region", { name: "What you get" });
    await showcase.waitFor();
    expect(await showcase.getByText("Example", { exact: true }).isVisible()).toBe(true);
    expect(await showcase.locator('a[href^="/insights/"]').count()).toBe(0);
  });

  it("shows the three best recent insights, one per point and per show, each linking to its page and its related insights", async () => {
    await insertInsights();
    await page.goto(app.url);
    const showcase = page.getByRole("region", { name: "What you get" });
    const cards = showcase.getByRole("article");
    await cards.first().waitFor();
    expect(await showcase.getByText("Example", { exact: true }).count()).toBe(0);
    // The lead outranks its other take (one per point); the old insight is stale and weak; "lines" then brings its own.
    const headlines = await cards.getByRole("heading").allInnerTexts();
    expect(headlines).toEqual([INSIGHTS.lead.headline, INSIGHTS.chips.headline, INSIGHTS.linesOwn.headline]);
    for (const [index, name] of (["lead", "chips", "linesOwn"] as const).entries()) {
      const card = cards.nth(index);
      expect(await card.getByRole("heading").getByRole("link").getAttribute("href")).toBe(`/insights/${id(name)}`);
      expect(await card.innerText()).toContain(SHOWS[INSIGHTS[name].show]);
    }
    // The lead has related insights stored: one click away.
    const related = cards.first().getByRole("link", { name: /^3 related insights/ });
    expect(await related.getAttribute("href")).toBe(`/insights/${id("lead")}#related`);
    await checkLayout(app.url, "landing");
  });
});

describe("the insight page", () => {
  it("groups related insights as paragraphs: the same point on other shows, then the rest", async () => {
    await page.goto(`${app.url}/insights/${id("lead")}`);
    await page.getByRole("heading", { level: 1, name: INSIGHTS.lead.headline }).waitFor();
    const related = page.getByRole("region", { name: "Related Insights" });

    const samePoint = related.getByRole("region", { name: "Same point, other shows" }).getByRole("article");
    expect(await samePoint.count()).toBe(1);
    expect(await samePoint.getByRole("heading").innerText()).toBe(INSIGHTS.samePoint.headline);
    const samePointText = await samePoint.innerText();
    // The first sentence or two of its body, as a paragraph, and its show.
    expect(samePointText).toContain("The evening peak in Texas is now a battery market, Tom Ellis argues.");
    expect(samePointText).toContain(SHOWS.lines);

    const rest = related.getByRole("region", { name: "Related", exact: true }).getByRole("article");
    expect(await rest.getByRole("heading").allInnerTexts()).toEqual([INSIGHTS.chips.headline, INSIGHTS.old.headline]);
    const chips = await rest.first().innerText();
    expect(chips).toContain("Chip makers and data centre operators now buy batteries to avoid paying peak prices. A large site can save millions a year this way.");
    expect(chips).not.toContain("Some even sell power back at the peak.");
    expect(await rest.first().getByRole("heading").getByRole("link").getAttribute("href")).toBe(`/insights/${id("chips")}`);
    await checkLayout(`${app.url}/insights/${id("lead")}`, "insight-page");
  });

  it("names a 1200×630 PNG Open Graph image in its metadata, with the headline as its card", async () => {
    await page.goto(`${app.url}/insights/${id("lead")}`);
    const meta = (selector: string) => page.locator(selector).getAttribute("content");
    expect(await meta('meta[property="og:title"]')).toContain(INSIGHTS.lead.headline);
    expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    const imageUrl = new URL((await meta('meta[property="og:image"]'))!);
    // Next names the image route with a suffix of its own (opengraph-image-1dqna7).
    expect(imageUrl.pathname).toMatch(new RegExp(`^/insights/${id("lead")}/opengraph-image(-\\w+)?$`));
    expect(await meta('meta[property="og:image:width"]')).toBe("1200");
    expect(await meta('meta[property="og:image:height"]')).toBe("630");

    const response = await fetch(new URL(imageUrl.pathname + imageUrl.search, app.url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });

    await fs.writeFile(path.join(screenshots, "insight-og-image.png"), Buffer.from(await (await fetch(new URL(imageUrl.pathname, app.url))).arrayBuffer()));

    // A show with stored artwork has it on the card: the middle of its tile (96 px at 72, 80) is the artwork's colour.
    await page.goto(`${app.url}/insights/${id("chips")}`);
    const chipsImage = new URL((await meta('meta[property="og:image"]'))!);
    const png = Buffer.from(await (await fetch(new URL(chipsImage.pathname, app.url))).arrayBuffer());
    await fs.writeFile(path.join(screenshots, "insight-og-image-artwork.png"), png);
    const { data, info } = await sharp(png).extract({ left: 120, top: 128, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = [data[0]!, data[1]!, data[2]!];
    expect(info.width).toBe(1);
    for (const [channel, expected] of [[r, ARTWORK_COLOUR.r], [g, ARTWORK_COLOUR.g], [b, ARTWORK_COLOUR.b]]) expect(Math.abs(channel! - expected!)).toBeLessThan(12);
    // The page shows it from our origin, never the feed's host.
    const shown = page.locator("article").first().locator("picture img");
    expect(await shown.getAttribute("src")).toMatch(new RegExp(`^/art/${hash}/\\d+\\.jpg$`));

    // Not every id is an insight.
    const missing = imageUrl.pathname.replace(id("lead"), `no-such-insight-${run}`);
    expect((await fetch(new URL(missing, app.url))).status).toBe(404);
  });
});

describe("sharing an insight", () => {
  let context: BrowserContext;
  afterAll(() => context?.close());

  it("copies the link where the browser has no Web Share API, and says so", async () => {
    context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    await context.addInitScript(() => {
      // Desktop Chromium on some systems has it; this case is the browser without it.
      delete (Navigator.prototype as { share?: unknown }).share;
    });
    const view = await context.newPage();
    await view.goto(`${app.url}/insights/${id("lead")}`);
    expect(await view.evaluate(() => "share" in navigator)).toBe(false);
    await view.getByRole("button", { name: "Share" }).click();
    await view.getByRole("status").filter({ hasText: "Link copied" }).waitFor();
    expect(await view.evaluate(() => navigator.clipboard.readText())).toBe(`${app.url}/insights/${id("lead")}`);
  });

  it("hands the link to the Web Share API where there is one", async () => {
    const shareContext = await browser.newContext();
    await shareContext.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "share", {
        configurable: true,
        value: async (data: ShareData) => {
          (window as unknown as { shared: ShareData }).shared = data;
        },
      });
    });
    const view = await shareContext.newPage();
    await view.goto(`${app.url}/insights/${id("lead")}`);
    await view.getByRole("button", { name: "Share" }).click();
    await view.waitForFunction(() => "shared" in window);
    const shared = await view.evaluate(() => (window as unknown as { shared: ShareData }).shared);
    expect(shared.url).toBe(`${app.url}/insights/${id("lead")}`);
    expect(shared.title).toBe(INSIGHTS.lead.headline);
    await shareContext.close();
  });
});
