/**
 * The feed's cards under the reader's hands, in Chromium over the demo content: saving keeps a card
 * where it is and marks it saved; hiding folds it to one line with an undo that brings it back;
 * j, s and h move the focus (and its 2 px ring) on to the next card; ? lists the keys. Screenshots of
 * the feed at 1280 and 375 px, light and dark, go to test-results/screenshots.
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser, signUpThroughOnboarding } from "@/tests/helpers/browser";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;

const cards = () => page.locator("article[data-insight-id]");
/** Every insight of the list in its order, shown as a card or folded as hidden. */
const listed = () => page.locator("ol[aria-label='Insights'] > li > [data-insight-id]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-insight-id")));
const focusedId = () => page.evaluate(() => document.activeElement?.closest("[data-insight-id]")?.getAttribute("data-insight-id") ?? null);

/** Resolves when the page's next server action (a POST carrying the Next-Action header) has been answered. */
function serverActionDone() {
  return page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
}

/**
 * The app router runs server actions one after another, applying each one's answer (a re-rendered
 * page, when the action revalidated) before sending the next; so once a later action is answered,
 * whatever an earlier one did to the list is on screen. "More like this" on the last card is that
 * later action.
 */
async function settle() {
  const done = serverActionDone();
  await cards().last().getByRole("button", { name: "More like this" }).click();
  await done;
  await cards().last().locator('[data-action="more"][aria-pressed="true"]').waitFor();
}

async function expectFocusRing(card: Locator) {
  const ring = await card.evaluate((node) => {
    const style = getComputedStyle(node);
    return { focused: document.activeElement === node, style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(ring).toEqual({ focused: true, style: "solid", width: "2px" });
}

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  await fsp.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await waitForDemoInsights(app);
  await signUpThroughOnboarding(page, app.url, "cards");
  await cards().first().waitFor();
  expect(await cards().count()).toBeGreaterThan(5);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("cards in the feed", () => {
  it("keeps a saved card in place, marked saved", async () => {
    const before = await listed();
    const id = before[1]!;
    const card = page.locator(`article[data-insight-id="${id}"]`);
    const done = serverActionDone();
    await card.getByRole("button", { name: "Save", exact: true }).click();
    await card.getByRole("button", { name: "Saved", pressed: true }).waitFor();
    await done;
    await settle();

    expect(await listed()).toEqual(before);
    expect(await card.isVisible()).toBe(true);
    expect(await card.getByRole("button", { name: "Saved", pressed: true }).isVisible()).toBe(true);
    // Saved for good, not only on screen.
    await page.goto(`${app.url}/saved`);
    await page.locator(`article[data-insight-id="${id}"]`).waitFor();
    await page.goto(`${app.url}/feed`);
    await cards().first().waitFor();
  });

  it("folds a hidden card to one line in place, and Undo brings it back", async () => {
    const before = await listed();
    const id = before[2]!;
    const card = page.locator(`article[data-insight-id="${id}"]`);
    const cardHeight = (await card.boundingBox())!.height;
    await card.getByRole("button", { name: "More actions" }).click();
    let done = serverActionDone();
    await page.getByRole("menuitem", { name: "Hide" }).click();

    const folded = page.locator(`[data-insight-id="${id}"][data-hidden]`);
    await folded.waitFor();
    const undo = folded.getByRole("button", { name: "Undo" });
    expect(await undo.evaluate((node) => node === document.activeElement)).toBe(true);
    await done;
    await settle();
    expect(await listed()).toEqual(before);
    expect(await card.count()).toBe(0);
    // One line: "Hidden · Undo", side by side, and far lower than the card was.
    expect((await folded.innerText()).replace(/\s+/g, " ")).toMatch(/^Hidden · Undo\b/);
    const [label, button] = [(await folded.getByText("Hidden", { exact: true }).boundingBox())!, (await undo.boundingBox())!];
    expect(Math.abs(label.y + label.height / 2 - (button.y + button.height / 2))).toBeLessThan(label.height / 2);
    expect((await folded.boundingBox())!.height).toBeLessThan(cardHeight / 3);

    done = serverActionDone();
    await undo.click();
    await card.waitFor();
    await done;
    expect(await listed()).toEqual(before);
    expect(await card.evaluate((node) => node === document.activeElement)).toBe(true);

    // Undone for good: the card is in the feed after a reload; hidden again, it is not.
    await page.reload();
    await cards().first().waitFor();
    expect(await page.locator(`article[data-insight-id="${id}"]`).count()).toBe(1);
    await page.locator(`article[data-insight-id="${id}"]`).getByRole("button", { name: "More actions" }).click();
    done = serverActionDone();
    await page.getByRole("menuitem", { name: "Hide" }).click();
    await folded.waitFor();
    await done;
    await page.reload();
    await cards().first().waitFor();
    expect(await page.locator(`[data-insight-id="${id}"]`).count()).toBe(0);
  });

  it("moves the focus, ring and all, to the next card after j, s and h", async () => {
    await page.reload();
    await cards().first().waitFor();
    const ids = await listed();
    await page.locator("body").click({ position: { x: 1, y: 1 } });

    await page.keyboard.press("j");
    await expectFocusRing(cards().nth(0));
    await page.keyboard.press("j");
    expect(await focusedId()).toBe(ids[1]);
    await expectFocusRing(cards().nth(1));

    let done = serverActionDone();
    await page.keyboard.press("s");
    await page.locator(`article[data-insight-id="${ids[1]}"] [data-action="save"][aria-pressed="true"]`).waitFor();
    expect(await focusedId()).toBe(ids[2]);
    await expectFocusRing(page.locator(`article[data-insight-id="${ids[2]}"]`));
    await done;

    done = serverActionDone();
    await page.keyboard.press("h");
    await page.locator(`[data-insight-id="${ids[2]}"][data-hidden]`).waitFor();
    expect(await focusedId()).toBe(ids[3]);
    await expectFocusRing(page.locator(`article[data-insight-id="${ids[3]}"]`));
    await done;

    // k goes back past the folded card to the one before it.
    await page.keyboard.press("k");
    expect(await focusedId()).toBe(ids[1]);
    await expectFocusRing(page.locator(`article[data-insight-id="${ids[1]}"]`));
    await settle();
    expect(await listed()).toEqual(ids);
  });

  it("lists the keys on ?, and Escape closes the list and returns the focus", async () => {
    const focused = await focusedId();
    expect(focused).not.toBeNull();
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.press("?");
    await dialog.waitFor();
    const keys = await dialog.locator("kbd").allTextContents();
    expect(keys).toEqual(expect.arrayContaining(["j", "k", "s", "h", "o", "?"]));
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focusedId()).toBe(focused);
  });

  it("opens the card menu from the keyboard, and Escape returns to its button", async () => {
    const card = cards().first();
    const menuButton = card.getByRole("button", { name: "More actions" });
    await menuButton.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "More actions" });
    await menu.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Less like this");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Hide");
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    expect(await menuButton.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
  });

  it("fits 360 and 375 px screens, menu open or not, and looks right light and dark", async () => {
    await page.goto(`${app.url}/feed`);
    await cards().first().waitFor();
    // How many characters a line of a card's body holds at 1280 px (the aim is about 65-75).
    const measure = await cards()
      .first()
      .locator("p")
      .first()
      .evaluate((node) => {
        const text = node.firstChild!;
        const range = document.createRange();
        let count = 0;
        let top: number | null = null;
        for (let i = 0; i < text.textContent!.length; i++) {
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (top === null) top = rect.top;
          if (rect.top > top + 2) break;
          count++;
        }
        return { count, whole: text.textContent!.length };
      });
    console.log(`feed card body: ${measure.count} characters on its first line (body ${measure.whole} characters)`);

    for (const width of [360, 375]) {
      await page.setViewportSize({ width, height: 800 });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await cards().first().getByRole("button", { name: "More actions" }).click();
      await page.getByRole("menu").waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.keyboard.press("Escape");
    }
    // The shots show both marks: the first card saved, the second folded as hidden.
    await page.goto(`${app.url}/feed`);
    await cards().first().waitFor();
    let done = serverActionDone();
    await cards().first().getByRole("button", { name: "Save", exact: true }).click();
    await done;
    await cards().nth(1).getByRole("button", { name: "More actions" }).click();
    done = serverActionDone();
    await page.getByRole("menuitem", { name: "Hide" }).click();
    await done;
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 1100 });
        await page.screenshot({ path: path.join(screenshots, `feed-cards-${scheme}-${width}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
