/**
 * What an operator sets up and meets, in Chromium against the app as `npm start` runs it, with
 * SIGNUPS=closed and one admin: a new address is refused in words, the admin's invitation link lets
 * one in, a non-admin finds no admin page, and the admin page lists a failing feed and retries a failed job.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpired } from "@/lib/jobs/definitions";
import { createJobQueue, ensureQueues } from "@/lib/jobs/job-queue";
import { freePort, type RunningApp, startApp } from "@/tests/helpers/app-process";
import { launchBrowser, signInThroughOutbox } from "@/tests/helpers/browser";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

let app: RunningApp;
let browser: Browser;
let feeds: FeedServer;
let dataDir: string;
let databaseUrl: string;
let admin: Page;
const adminEmail = `ops-${Date.now()}@example.com`;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-ops-"));
  feeds = await startFeedServer();
  const databasePort = await freePort();
  databaseUrl = `postgresql://postgres@127.0.0.1:${databasePort}/postgres`;
  [app, browser] = await Promise.all([
    startApp({ DATA_DIR: dataDir, SIGNUPS: "closed", ADMIN_EMAILS: adminEmail, DEMO_CONTENT: "off", EMBEDDED_DB_PORT: String(databasePort), FETCH_ALLOWED_HOSTS: feeds.host }),
    launchBrowser(),
  ]);
  // The admin may make an account although sign-ups are closed: ADMIN_EMAILS names them.
  admin = await (await browser.newContext()).newPage();
  await signInThroughOutbox(admin, app.url, adminEmail);
  await admin.waitForURL(`${app.url}/onboarding`);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("sign-ups closed", () => {
  it("refuses a new address with a clear message and sends no link", async () => {
    const page = await (await browser.newContext()).newPage();
    const stranger = `stranger-${Date.now()}@example.com`;
    await page.goto(`${app.url}/sign-in`);
    await expect(page.getByText("New accounts are by invitation only.").isVisible()).resolves.toBe(true);
    await page.getByLabel("Email address").fill(stranger);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ }).textContent()).resolves.toBe(
      "Sign-ups are closed: this Podbrief is by invitation only. Ask whoever runs it for an invitation link.",
    );
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.goto(`${app.url}/dev/outbox`);
    await expect(page.getByTestId("outbox-message").filter({ hasText: stranger }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("admits the address an admin's invitation link brings in, once, and shows it no admin page", async () => {
    await admin.goto(`${app.url}/admin`);
    await admin.getByLabel("Who it is for (a note for you; optional)").fill("Grace");
    await admin.getByRole("button", { name: "Make an invitation link" }).click();
    const link = await admin.getByTestId("invitation-link").inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/invite/[A-Za-z0-9_-]{43}$`));

    const invited = `grace-${Date.now()}@example.com`;
    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "You are invited to Podbrief" }).waitFor();
    await page.getByLabel("Email address").fill(invited);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await page.getByRole("link", { name: "local outbox" }).click();
    await page.getByTestId("outbox-message").filter({ hasText: invited }).first().getByRole("link").first().click();
    await page.waitForURL(`${app.url}/onboarding`);

    // The admin page does not exist for a reader who is not an admin.
    const response = await page.goto(`${app.url}/admin`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();

    // The link has been used: a second person is told so.
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await expect(other.getByRole("alert").filter({ hasText: /\S/ }).textContent()).resolves.toBe("This invitation has already been used. Ask whoever sent it for a new one.");
    await admin.reload();
    await expect(admin.getByRole("table", { name: "Invitation links" }).getByRole("row").filter({ hasText: "Grace" }).textContent()).resolves.toContain(`used by ${invited}`);
    await Promise.all([page.context().close(), other.context().close()]);
  });
});

describe("the admin page", () => {
  it("lists a feed that cannot be read, with why", async () => {
    await admin.goto(`${app.url}/podcasts`);
    await admin.getByLabel("Add a podcast by its feed address").fill(feeds.url("/gone.xml"));
    await admin.getByRole("button", { name: "Add podcast", exact: true }).click();
    await admin.getByTestId("feed-error").waitFor({ timeout: 120_000 });

    await admin.goto(`${app.url}/admin`);
    const row = admin.getByTestId("failing-feed").filter({ hasText: feeds.url("/gone.xml") });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toMatch(/404.*\(first read\)/);
  });

  it("retries a failed job, which the worker then runs", async () => {
    // A real job in the app's queue, taken and failed as a worker takes and fails one, with its error.
    const boss: PgBoss = createJobQueue(databaseUrl, { poolSize: 1, sendOnly: true });
    await boss.start();
    try {
      await ensureQueues(boss, [purgeExpired]);
      let id: string | undefined;
      // The app's worker may take the job first (and run it): then send another.
      while (!id) {
        // No tries left after this one, so failing it leaves it failed rather than waiting to retry.
        await boss.send(purgeExpired.id, {}, { retryLimit: 0 });
        id = (await boss.fetch(purgeExpired.id))[0]?.id;
      }
      await boss.fail(purgeExpired.id, id, { message: "the database went away mid-purge" });

      await admin.goto(`${app.url}/admin`);
      const failed = admin.getByTestId("failed-job").filter({ hasText: id });
      await expect(failed.textContent()).resolves.toContain("the database went away mid-purge");
      await failed.getByRole("button", { name: `Retry purge-expired job ${id}` }).click();
      await failed.waitFor({ state: "detached" });

      // The worker takes it up again and it completes.
      for (;;) {
        const job = await boss.getJobById(purgeExpired.id, id);
        if (job?.state === "completed") break;
        expect(job?.state).not.toBe("failed");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
