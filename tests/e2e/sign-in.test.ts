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

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
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
    // The server says so in one info line, not a red error with a stack.
    const deadline = Date.now() + 30_000;
    while (!/Verification/.test(app.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const mentions = app.output().split("\n").filter((line) => line.includes("Verification"));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toContain("[auth] Verification: a sign-in link was used again or after it expired");
    expect(app.output()).not.toContain("[auth][error]");
  });

  it("after signing in goes only to pages on this site, whatever the callbackUrl says", async () => {
    const page = await browser.newPage();
    await signInThroughOutbox(page, app.url, `redirect-${Date.now()}@example.com`);
    await page.waitForURL(`${app.url}/onboarding`);
    // A signed-in reader opening the sign-in page is sent on to its callbackUrl at once.
    for (const callbackUrl of ["/\\evil.invalid/x", "/\t/evil.invalid/x", "//evil.invalid/x", "/.//evil.invalid/x", "https://evil.invalid/x", "javascript:alert(document.domain)"]) {
      await page.goto(`${app.url}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`).catch(() => undefined);
      expect(new URL(page.url()).origin, `callbackUrl ${JSON.stringify(callbackUrl)}`).toBe(app.url);
    }
    await page.goto(`${app.url}/sign-in?callbackUrl=${encodeURIComponent("/saved?q=x")}`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/saved?q=x");
    await page.close();
  });

  it("ends a copied session when the reader signs out, and every session from Settings", async () => {
    const address = `copied-${Date.now()}@example.com`;
    const reader = await browser.newContext();
    const copy = await browser.newContext();
    const page = await reader.newPage();
    const stolen = await copy.newPage();
    /** Whether the copied cookie still opens the reader's settings. */
    const copyWorks = async () => {
      await stolen.goto(`${app.url}/settings`);
      return new URL(stolen.url()).pathname === "/settings";
    };

    await signInThroughOutbox(page, app.url, address);
    await page.waitForURL(`${app.url}/onboarding`);
    await copy.addCookies(await reader.cookies());
    expect(await copyWorks()).toBe(true);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(`${app.url}/`);
    expect(await copyWorks()).toBe(false);

    await signInThroughOutbox(page, app.url, address);
    await page.waitForURL(`${app.url}/onboarding`);
    await copy.clearCookies();
    await copy.addCookies(await reader.cookies());
    expect(await copyWorks()).toBe(true);
    await page.goto(`${app.url}/settings`);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(`${app.url}/sign-in`);
    expect(await copyWorks()).toBe(false);
    await reader.close();
    await copy.close();
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
