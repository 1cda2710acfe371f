/**
 * Bad input against the running app (as `npm start` runs it) answers a 4xx in words, never a bare
 * 500: a server action posted from another site, with and without JavaScript; a brief date that is
 * not on the calendar; a search page far past the end.
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";

let app: RunningApp;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-refusals-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

// Any id: Next.js compares origins before it looks the action up.
const ACTION_ID = "7f".repeat(21);

describe("a server action posted from another site", () => {
  it("is refused with a 403 page that says why, as Next.js's client sends it", async () => {
    const response = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      headers: { "next-action": ACTION_ID, origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      body: "[]",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This form was sent from another website");
  });

  it("is refused the same way as a form posted without JavaScript", async () => {
    const form = new FormData();
    form.set(`$ACTION_ID_${ACTION_ID}`, "");
    form.set("email", "victim@example.com");
    const response = await fetch(`${app.url}/`, { method: "POST", headers: { origin: "https://evil.example" }, body: form, redirect: "manual" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Podbrief only accepts its forms from its own pages");
  });

  it("is not refused from the app's own origin", async () => {
    const response = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      headers: { "next-action": ACTION_ID, origin: app.url, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      body: "[]",
      redirect: "manual",
    });
    // Next.js's own answer for an action it does not know (a 4xx), not our refusal.
    expect(response.status).not.toBe(403);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe("a signed-in reader's bad addresses", () => {
  it("answer in words: an impossible brief date is a 404, a search page past the end says so", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughOutbox(page, app.url, `refusals-${Date.now()}@example.com`);
    await page.waitForURL(`${app.url}/onboarding`);

    const brief = await page.goto(`${app.url}/brief?date=2026-13-45`);
    expect(brief!.status()).toBe(404);
    await page.getByRole("heading", { name: "That is not a date" }).waitFor();

    const search = await page.goto(`${app.url}/search?q=kettles&page=99999999999999999999`);
    expect(search!.status()).toBe(200);
    await page.getByText("Search shows the first pages of results only: try more specific words.").waitFor();
    expect(await page.getByText(/Too big|expected int/).count()).toBe(0);
    await context.close();
  });
});
