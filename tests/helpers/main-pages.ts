/**
 * A reader with something on every page (topics chosen, an insight saved, a brief sent), and the
 * app's main pages as the layout and accessibility tests visit them: signed in, and signed out
 * where a page has a signed-out form.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RunningApp } from "@/tests/helpers/app-process";
import { signUpThroughOnboarding } from "@/tests/helpers/browser";

export type MainPages = { signedIn: string[]; signedOut: string[] };
export type Reader = { context: BrowserContext; page: Page; email: string };

export async function signUpReader(browser: Browser, app: RunningApp, name: string): Promise<Reader> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const email = await signUpThroughOnboarding(page, app.url, name);
  return { context, page, email };
}

/** Saves the feed's first insight and has the worker send a brief, so Saved and Brief show content, not only their empty states. */
export async function fillReaderPages({ page }: Reader, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/feed`);
  const save = page.locator('article[data-insight-id] [data-action="save"]').first();
  await save.click();
  await page.locator('article[data-insight-id] [data-action="save"][aria-pressed="true"]').first().waitFor();
  await sendBriefAndWait(page, app);
}

/** Presses the development "Send a brief now" and waits until /brief says the worker sent it. */
export async function sendBriefAndWait(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/brief`);
  await page.getByRole("button", { name: "Send a brief now" }).click();
  await page.waitForURL(/\/brief\?sending=1/);
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto(`${app.url}/brief`);
    if ((await page.getByTestId("brief-status").filter({ hasText: /^Sent/ }).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`no brief within 90 s:\n${app.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Every main page, found by following the reader's own links to a show, an episode and an insight. */
export async function listMainPages({ page }: Reader, app: RunningApp): Promise<MainPages> {
  await page.goto(`${app.url}/feed`);
  const insightPath = await page.locator("article[data-insight-id] h2 a").first().getAttribute("href");
  await page.goto(`${app.url}/podcasts`);
  const podcastPath = await page.locator('a[href^="/podcasts/"]').first().getAttribute("href");
  await page.goto(`${app.url}${podcastPath}`);
  const episodePath = await page.locator('a[href*="/episodes/"]').first().getAttribute("href");
  if (!insightPath || !podcastPath || !episodePath) throw new Error(`a main page was not found: ${insightPath} ${podcastPath} ${episodePath}`);
  return {
    signedIn: [
      "/",
      "/feed",
      "/onboarding",
      "/topics",
      "/topics/artificial-intelligence",
      "/saved",
      "/search?q=model",
      "/brief",
      "/podcasts",
      podcastPath,
      episodePath,
      insightPath,
      "/settings",
      "/no-such-page",
    ],
    signedOut: ["/", "/sign-in", insightPath, "/no-such-page"],
  };
}
