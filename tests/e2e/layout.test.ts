/**
 * The layout on every screen: no main page scrolls sideways at 360, 375, 768 or 1280 px, signed in
 * or out, light or dark; below 640 px the sections sit in a bottom tab bar ("More" holds the rest),
 * from 640 px in one header row, nothing clipped either way; form controls keep their size and
 * follow the colour scheme. And the installable app: manifest, icons, favicon, no 404 in any page's
 * console, and a service worker that answers with the offline page when the network is down while
 * keeping nothing that belongs to one reader. Screenshots of the pages whose frame this work changed
 * go to test-results/screenshots (layout-*), at 375 and 1280 px, light and dark.
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser } from "@/tests/helpers/browser";
import { fillReaderPages, listMainPages, type MainPages, type Reader, signUpReader } from "@/tests/helpers/main-pages";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const widths = [360, 375, 768, 1280];
const schemes = ["light", "dark"] as const;
/** Pages shot at 375 and 1280 px in both schemes (signed in unless they say otherwise). */
const shotPages: Record<string, string> = { feed: "/feed", search: "/search?q=model", onboarding: "/onboarding", settings: "/settings", brief: "/brief" };

// Starting the app, waiting for the worker's demo insights and then for a brief: over 4 minutes at load 8.
const SETUP_TIMEOUT_MS = 600_000;

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let reader: Reader;
let guest: BrowserContext;
let pages: MainPages;

/** The deepest elements sticking out past the right edge, described for the failure message; null when nothing scrolls sideways. */
async function sidewaysOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const sticking = [...document.body.querySelectorAll<HTMLElement>("*")].filter((element) => element.getBoundingClientRect().right > width + 0.5);
    const deepest = sticking.filter((element) => !sticking.some((other) => other !== element && element.contains(other)));
    const describe = (element: HTMLElement) =>
      `<${element.tagName.toLowerCase()} class="${element.getAttribute("class")?.slice(0, 80) ?? ""}"> "${(element.textContent ?? "").trim().slice(0, 40)}"`;
    return `scrollWidth ${scrollWidth} > ${width}: ${deepest.slice(0, 3).map(describe).join("; ")}`;
  });
}

async function shoot(page: Page, name: string) {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(screenshots, `layout-${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-layout-"));
  await fsp.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  await waitForDemoInsights(app);
  reader = await signUpReader(browser, app, "layout");
  await fillReaderPages(reader, app);
  pages = await listMainPages(reader, app);
  guest = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("layout", () => {
  it("scrolls no main page sideways at 360, 375, 768 or 1280 px, signed in or out, light or dark", async () => {
    const problems: string[] = [];
    const visits = [
      ...pages.signedIn.map((pagePath) => ({ who: "reader", context: reader.context, pagePath })),
      ...pages.signedOut.map((pagePath) => ({ who: "guest", context: guest, pagePath })),
    ];
    for (const { who, context, pagePath } of visits) {
      const page = await context.newPage();
      await page.goto(`${app.url}${pagePath}`);
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of widths) {
          await page.setViewportSize({ width, height: 800 });
          const overflow = await sidewaysOverflow(page);
          if (overflow) problems.push(`${pagePath} (${who}, ${width} px, ${scheme}): ${overflow}`);
        }
      }
      await page.close();
    }
    expect(problems).toEqual([]);

    const page = await reader.context.newPage();
    for (const [name, pagePath] of Object.entries(shotPages)) {
      await page.goto(`${app.url}${pagePath}`);
      await shoot(page, name);
    }
    await page.goto(`${app.url}${pages.signedIn.find((entry) => entry.startsWith("/insights/"))}`);
    await shoot(page, "insight");
    await page.close();
    const guestPage = await guest.newPage();
    await guestPage.goto(`${app.url}${pages.signedOut.find((entry) => entry.startsWith("/insights/"))}`);
    await shoot(guestPage, "insight-guest");
    await guestPage.close();
  });

  it("puts the sections in a bottom tab bar below 640 px, with the rest under More, and keeps the page clear of it", async () => {
    const page = await reader.context.newPage();
    await page.setViewportSize({ width: 375, height: 700 });
    await page.goto(`${app.url}/feed`);
    const header = page.getByRole("banner");
    expect(await header.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    const tabBar = page.getByRole("navigation", { name: "Main" });
    expect(await tabBar.count()).toBe(1);
    const tabs = tabBar.getByRole("listitem");
    expect(await tabs.allTextContents()).toEqual(["Feed", "Topics", "Saved", "Brief", "More"]);
    for (const box of await tabs.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(375);
      expect(box.bottom).toBeLessThanOrEqual(700);
    }
    expect(await tabBar.getByRole("link", { name: "Feed" }).getAttribute("aria-current")).toBe("page");

    // The end of the page scrolls clear of the bar.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const mainBottom = await page.locator("main").evaluate((main) => main.getBoundingClientRect().bottom);
    const barTop = await tabBar.evaluate((bar) => bar.getBoundingClientRect().top);
    expect(mainBottom).toBeLessThanOrEqual(barTop);

    // More opens a menu with the other sections and sign-out; following a link closes it.
    const more = tabBar.getByRole("button", { name: "More" });
    await more.click();
    const menu = page.locator("#more-menu");
    await menu.getByRole("link", { name: "Podcasts" }).waitFor();
    expect(await menu.getByRole("link", { name: "Settings" }).isVisible()).toBe(true);
    expect(await menu.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    await menu.getByRole("link", { name: "Podcasts" }).click();
    await page.waitForURL(`${app.url}/podcasts`);
    await menu.waitFor({ state: "hidden" });
    expect(await more.evaluate((button) => button.className)).toContain("text-brand-700");

    // Search stays one tap away, in the top bar.
    await header.getByRole("link", { name: "Search" }).click();
    await page.waitForURL(`${app.url}/search`);
    await page.close();
  });

  it("keeps every section in the header row from 640 px up, none clipped, and no tab bar", async () => {
    const page = await reader.context.newPage();
    await page.goto(`${app.url}/feed`);
    for (const width of [640, 768, 1024, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await nav.count()).toBe(1);
      const links = nav.getByRole("link");
      expect(await links.allTextContents()).toEqual(["Feed", "Topics", "Saved", "Search", "Alerts", "Podcasts", "Brief", "Settings"]);
      const fits = await nav.evaluate((element) => {
        const list = element.querySelector("ul")!;
        return {
          clipped: list.scrollWidth > list.clientWidth || element.scrollWidth > element.clientWidth,
          rightmost: Math.max(...[...element.querySelectorAll("a")].map((link) => link.getBoundingClientRect().right)),
          signOut: document.querySelector("header form button")!.getBoundingClientRect().right,
        };
      });
      expect(fits.clipped, `${width} px`).toBe(false);
      expect(fits.rightmost, `${width} px`).toBeLessThanOrEqual(width);
      expect(fits.signOut, `${width} px`).toBeLessThanOrEqual(width);
      expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    }
    await page.close();
  });

  it("keeps the onboarding checkboxes square when their labels wrap", async () => {
    const page = await reader.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${app.url}/onboarding`);
    const sizes = await page.getByRole("checkbox").evaluateAll((boxes) => boxes.map((box) => `${box.getBoundingClientRect().width}x${box.getBoundingClientRect().height}`));
    expect(sizes.length).toBeGreaterThan(3);
    expect(new Set(sizes)).toEqual(new Set(["16x16"]));
    await page.close();
  });

  it("draws native controls in the page's colour scheme", async () => {
    const page = await reader.context.newPage();
    await page.goto(`${app.url}/onboarding`);
    expect(await page.locator('meta[name="color-scheme"]').getAttribute("content")).toBe("light dark");
    const checkbox = page.getByRole("checkbox").first();
    await checkbox.uncheck();
    /** The brightness (0–255) of the middle of an unchecked checkbox, as drawn. */
    const brightness = async () => {
      const shot = (await checkbox.screenshot()).toString("base64");
      return page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const [r, g, b] = context.getImageData(Math.floor(image.width / 2), Math.floor(image.height / 2), 1, 1).data;
        return (r! + g! + b!) / 3;
      }, shot);
    };
    await page.emulateMedia({ colorScheme: "light" });
    expect(await brightness()).toBeGreaterThan(200);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await brightness()).toBeLessThan(90);
    await page.close();
  });

  it("serves a valid manifest whose icons load, a favicon, and icons for iOS", async () => {
    const page = await guest.newPage();
    await page.goto(app.url);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(manifestHref).toBeTruthy();
    const manifestResponse = await page.request.get(new URL(manifestHref!, app.url).href);
    expect(manifestResponse.status()).toBe(200);
    const manifest = (await manifestResponse.json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: "Podbrief", short_name: "Podbrief", start_url: "/feed", display: "standalone" });
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, app.url).href);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()["content-type"]).toBe(icon.type);
      const { width, height } = pngSize(await response.body());
      expect(`${width}x${height}`).toBe(icon.sizes);
    }

    const favicon = await page.request.get(`${app.url}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect((await favicon.body()).readUInt16LE(2)).toBe(1); // an ICO, not a page
    const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((elements) => elements.map((element) => `${element.getAttribute("rel")} ${element.getAttribute("href")}`));
    expect(links.some((link) => link.startsWith("icon ") && link.includes(".svg"))).toBe(true);
    expect(links.some((link) => link.startsWith("apple-touch-icon "))).toBe(true);
    for (const link of links) {
      const response = await page.request.get(new URL(link.split(" ")[1]!, app.url).href);
      expect(response.status(), link).toBe(200);
    }
    const apple = await page.request.get(new URL(links.find((link) => link.startsWith("apple-touch-icon "))!.split(" ")[1]!, app.url).href);
    expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });
    const themeColors = await page.locator('meta[name="theme-color"]').evaluateAll((elements) => elements.map((element) => element.getAttribute("media")));
    expect(themeColors.sort()).toEqual(["(prefers-color-scheme: dark)", "(prefers-color-scheme: light)"]);
    await page.close();
  });

  it("logs no 404 on any main page", async () => {
    const problems: string[] = [];
    const visits = [
      ...pages.signedIn.map((pagePath) => ({ context: reader.context, pagePath })),
      ...pages.signedOut.map((pagePath) => ({ context: guest, pagePath })),
    ].filter(({ pagePath }) => pagePath !== "/no-such-page");
    for (const { context, pagePath } of visits) {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error" && message.text().includes("404")) problems.push(`${pagePath}: ${message.text()}`);
      });
      page.on("response", (response) => {
        if (response.status() === 404) problems.push(`${pagePath}: 404 for ${response.url()}`);
      });
      // Until the network is quiet: the favicon, the request that used to 404 on every page, is fetched after load.
      await page.goto(`${app.url}${pagePath}`, { waitUntil: "networkidle" });
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it("registers a service worker that answers with the offline page when the network is down, and keeps nothing of one reader's", async () => {
    const page = await reader.context.newPage();
    await page.goto(`${app.url}/feed`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${app.url}/`);
    // clients.claim() makes the worker control this page once it activates.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto(`${app.url}/saved`);
    await page.locator("article[data-insight-id]").first().waitFor();

    await reader.context.setOffline(true);
    try {
      await page.goto(`${app.url}/topics`);
      await page.getByRole("heading", { name: "You are offline" }).waitFor();
      expect(await page.getByText("Podbrief cannot reach the internet").isVisible()).toBe(true);
    } finally {
      await reader.context.setOffline(false);
    }

    // What the worker keeps is shared by every reader of the browser: shell files and build assets, no page or API answer.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain("/offline.html");
    const shared = /^\/(_next\/static\/|icons\/|offline\.html$|favicon\.ico$|manifest\.webmanifest$)/;
    expect(cached.filter((url) => !shared.test(url))).toEqual([]);
    expect(cached.some((url) => url.startsWith("/_next/static/"))).toBe(true);
    await page.close();
  });
});
