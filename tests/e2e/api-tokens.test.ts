/**
 * The REST API as a reader starts using it: in Settings they make a token (shown once), call the API
 * with it over HTTP from outside the browser, see it listed with when it was last used, and revoke it,
 * after which the API refuses it.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { launchBrowser, signUpThroughOnboarding } from "@/tests/helpers/browser";

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let page: Page;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-"));
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage();
  await signUpThroughOnboarding(page, app.url, "api-user");
  await waitForDemoInsights(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const api = (token: string, apiPath: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api/v1${apiPath}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

describe("API access tokens in Settings", () => {
  it("are made and shown once, work against the API in their scope, are listed with their last use, and stop when revoked", async () => {
    await page.goto(`${app.url}/settings`);
    const section = page.getByRole("region", { name: "API access tokens" });
    await section.getByText("You have no access tokens yet.").waitFor();
    await section.getByLabel("Token name").fill("Notes sync");
    await section.getByRole("button", { name: "Create token" }).click();
    const shown = section.getByTestId("new-access-token");
    await shown.waitFor();
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    await section.getByText("Copy your token “Notes sync” now: it is shown only this once.").waitFor();

    // The reader's feed, over plain HTTP: what the page shows as the first card.
    const feed = await api(token, "/feed?limit=5");
    expect(feed.status).toBe(200);
    const body = (await feed.json()) as { items: { insight: { id: string; headline: string; url: string } }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]!.insight.url).toBe(`${app.url}/insights/${body.items[0]!.insight.id}`);

    // A read token may not write.
    const save = await api(token, `/saved/${body.items[0]!.insight.id}`, { method: "PUT" });
    expect(save.status).toBe(403);
    expect(save.headers.get("content-type")).toBe("application/problem+json");

    // Shown once: after a reload only the list says it exists, now with a last use.
    await page.reload();
    const row = section.getByTestId("access-token");
    await expect.poll(() => row.count()).toBe(1);
    expect(await section.getByTestId("new-access-token").count()).toBe(0);
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells.slice(0, 2)).toEqual(["Notes sync", "Read"]);
    expect(cells[3]).not.toBe("Never");
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: "Revoke Notes sync" }).click();
    await section.getByText("Revoked: the token no longer works.").waitFor();
    await row.getByText(/^Revoked /).waitFor();
    const refused = await api(token, "/feed");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="podbrief"');
  });

  it("the API's document is public, for clients to generate from", async () => {
    const response = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/feed");
  });
});
