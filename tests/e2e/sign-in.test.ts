import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";

let app: RunningApp;
let browser: Browser;
let dataDir: string;
const email = `reader-${Date.now()}@example.com`;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("signing up and in by magic link", () => {
  it("goes from the landing page, through the outbox, into the app shell, and out again", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Get your free personalized podcast brief");
    await expect(page.getByText("We scan new podcasts and send you the top 5 insights daily.").isVisible()).resolves.toBe(true);

    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Get my free brief" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();

    await page.goto(`${app.url}/dev/outbox`);
    const message = page.getByTestId("outbox-message").filter({ hasText: email });
    await expect(message.getByRole("heading").textContent()).resolves.toBe("Your Podbrief sign-in link");
    await message.getByRole("link").first().click();

    // A new reader is asked what they care about first.
    await page.waitForURL(`${app.url}/onboarding`);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const section of ["Feed", "Topics", "Saved", "Podcasts", "Brief", "Settings"]) {
      await expect(nav.getByRole("link", { name: section }).isVisible()).resolves.toBe(true);
    }
    await nav.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`${app.url}/settings`);
    await expect(page.getByTestId("settings-email").textContent()).resolves.toBe(email);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${app.url}/`);
    await page.goto(`${app.url}/saved`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/saved");
    await page.close();
  });

  it("brings a reader back to the page they asked for after signing in", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/podcasts`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await signInThroughOutbox(page, app.url, email);
    await page.waitForURL(`${app.url}/podcasts`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Podcasts");
    await page.close();
  });

  it("refuses a used sign-in link with words, not a stack trace", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/dev/outbox`);
    const used = await page.getByTestId("outbox-message").filter({ hasText: email }).last().getByRole("link").first().getAttribute("href");
    await page.goto(used!);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ }).textContent()).resolves.toContain("expired or was already used");
    await page.close();
  });

  it("keeps accounts and mail when the app is stopped and started again", async () => {
    await app.stop();
    app = await startApp({ DATA_DIR: dataDir });
    const page = await browser.newPage();
    await page.goto(`${app.url}/dev/outbox`);
    await expect(page.getByTestId("outbox-message").filter({ hasText: email }).count()).resolves.toBe(2);
    await page.close();
  });
});
