/**
 * axe-core over every main page in both colour schemes, signed in and out, at 1280 px (header row)
 * and 375 px (bottom tab bar), and over the tab bar's open "More" menu: no serious or critical
 * violation. Pages are the same list the layout test measures (tests/helpers/main-pages.ts).
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { seriousViolations } from "@/tests/helpers/axe";
import { launchBrowser } from "@/tests/helpers/browser";
import { fillReaderPages, listMainPages, type MainPages, type Reader, signUpReader } from "@/tests/helpers/main-pages";

const axePath = path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");

// Starting the app, waiting for the worker's demo insights and then for a brief: over 4 minutes at load 8.
const SETUP_TIMEOUT_MS = 600_000;

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let reader: Reader;
let guest: BrowserContext;
let pages: MainPages;

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-a11y-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  await waitForDemoInsights(app);
  reader = await signUpReader(browser, app, "a11y");
  await fillReaderPages(reader, app);
  pages = await listMainPages(reader, app);
  guest = await browser.newContext();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      it(`finds no serious or critical axe violation on any main page, ${scheme}, at ${width} px, signed in and out`, async () => {
        const problems: string[] = [];
        const visits = [
          ...pages.signedIn.map((pagePath) => ({ who: "reader", context: reader.context, pagePath })),
          ...pages.signedOut.map((pagePath) => ({ who: "guest", context: guest, pagePath })),
        ];
        for (const { who, context, pagePath } of visits) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: scheme });
          for (const problem of await seriousViolations(page, `${app.url}${pagePath}`)) problems.push(`${problem} (${who})`);
          await page.close();
        }
        expect(problems).toEqual([]);
      });
    }

    it(`finds no serious or critical axe violation in the open More menu, ${scheme}`, async () => {
      const page = await reader.context.newPage();
      await page.setViewportSize({ width: 375, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${app.url}/podcasts`);
      await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "More" }).click();
      await page.locator("#more-menu").getByRole("link", { name: "Settings" }).waitFor();
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<Result> } }).axe;
        const result = await axe.run(document.querySelector("#more-menu")!, { resultTypes: ["violations"] });
        return result.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => `${violation.id} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      });
      expect(violations).toEqual([]);
      await page.close();
    });
  }
});
