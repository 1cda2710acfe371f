/**
 * The daily brief in the browser over the demo content: sign up, pick topics, send the brief now
 * (the development action), read it in the local outbox, follow its link to the insight page, say
 * "less like this" from the email, and see the next brief change, against a second reader who chose
 * the same and said nothing. Then unsubscribing from the footer link, and an accessibility check of
 * the brief's pages. Screenshots of /brief at 1280 and 375 px go to test-results/screenshots.
 * Last, a saved insight coming back at the end of the brief on its day ("From your saved"), and
 * "Don't show again" on the web and from the email.
 */
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp, waitForDemoInsights } from "@/tests/helpers/app-process";
import { seriousViolations } from "@/tests/helpers/axe";
import { launchBrowser } from "@/tests/helpers/browser";
import { type Reader, signUpReader } from "@/tests/helpers/main-pages";
import { addDays, zonedHourToInstant } from "@/lib/brief/brief-schedule";

const screenshots = path.resolve(import.meta.dirname, "../../test-results/screenshots");

let app: RunningApp;
let browser: Browser;
let dataDir: string;

let reader: Reader;
let control: Reader;
let saver: Reader;
/** The app's own database (the embedded server's port is in its log). */
let database: pg.Client;

type BriefItem = { headline: string; show: string };

/** Presses the development action and waits for the worker's brief: returns its items, in order. */
async function sendBriefNow({ page }: Reader): Promise<BriefItem[]> {
  await page.goto(`${app.url}/brief`);
  const before = await page.getByRole("region", { name: "Past briefs" }).getByRole("listitem").count().catch(() => 0);
  await page.getByRole("button", { name: "Send a brief now" }).click();
  await page.waitForURL(/\/brief\?sending=1/);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.goto(`${app.url}/brief`);
    const archive = page.getByRole("region", { name: "Past briefs" }).getByRole("listitem");
    if ((await archive.count()) > before && (await page.getByTestId("brief-status").textContent())?.startsWith("Sent")) break;
    if (Date.now() > deadline) throw new Error(`no brief within a minute:\n${app.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return page.locator("li[data-brief-position] article").evaluateAll((articles) =>
    articles.map((article) => ({
      headline: article.querySelector("h2")!.textContent!.trim(),
      show: article.querySelector('a[href^="/podcasts/"]')!.textContent!.trim(),
    })),
  );
}

/** The newest brief mail to this reader in the local outbox. */
async function newestBriefMail({ page, email }: Reader) {
  await page.goto(`${app.url}/dev/outbox`);
  const mail = page.locator('[data-testid="outbox-message"][data-kind="brief"]').filter({ hasText: email }).first();
  await mail.waitFor();
  return mail;
}

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "podbrief-e2e-brief-"));
  await fsp.mkdir(screenshots, { recursive: true });
  [app, browser] = await Promise.all([startApp({ DATA_DIR: dataDir }), launchBrowser()]);
  await waitForDemoInsights(app);
  [reader, control, saver] = await Promise.all([signUpReader(browser, app, "brief-reader"), signUpReader(browser, app, "brief-control"), signUpReader(browser, app, "brief-saver")]);
  const port = /serving on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
  if (!port) throw new Error(`the app did not say where its database is:\n${app.output()}`);
  database = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await database.connect();
});

afterAll(async () => {
  await database?.end();
  await browser?.close();
  await app?.stop();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

describe("the daily brief", () => {
  let first: BriefItem[];

  it("sends the brief now, shows it in the outbox and on /brief, and its link opens the insight at its moment", async () => {
    first = await sendBriefNow(reader);
    expect(first.length).toBeGreaterThanOrEqual(3);
    // Fewer than five only with a note saying why (the demo's few shows hit the two-per-show limit).
    if (first.length < 5) expect(await reader.page.getByTestId("brief-note").textContent()).toMatch(/^Only \d new insights/);
    // At most two from one show.
    for (const show of new Set(first.map((item) => item.show))) expect(first.filter((item) => item.show === show).length).toBeLessThanOrEqual(2);
    for (const width of [1280, 375]) {
      await reader.page.setViewportSize({ width, height: 900 });
      await reader.page.screenshot({ path: path.join(screenshots, `brief-${width}.png`), fullPage: true });
    }
    await reader.page.setViewportSize({ width: 1280, height: 900 });

    const mail = await newestBriefMail(reader);
    const text = (await mail.locator("pre").textContent())!;
    for (const item of first) expect(text).toContain(item.headline);
    expect(text).toMatch(/Unsubscribe/);
    // Each item says where its words were said, with a time only where the transcript had one.
    expect(text.match(/^ +as said\b/gm)).toHaveLength(first.length);

    await mail.locator('a[href*="/mail/click?"]').first().click();
    // At the quoted moment; an insight from an untimed transcript has none to name.
    await reader.page.waitForURL(/\/insights\/[^/?]+(\?t=\d+)?$/);
    expect((await reader.page.getByRole("heading", { level: 1 }).textContent())!.trim()).toBe(first[0]!.headline);
  });

  it("takes 'less like this' from the email, and the next brief shows it against a reader who said nothing", async () => {
    // The control reader chose the same topic, so got the same first brief.
    expect(await sendBriefNow(control)).toEqual(first);
    const controlNext = await sendBriefNow(control);
    const positions = (items: BriefItem[], show: string) => items.flatMap((item, position) => (item.show === show ? [position] : []));

    // "Less like this", from the email, about the show that leads the control's next brief.
    const show = controlNext[0]!.show;
    const index = first.findIndex((item) => item.show === show);
    expect(index, `no item of ${show} in ${JSON.stringify(first)}`).toBeGreaterThanOrEqual(0);
    const mail = await newestBriefMail(reader);
    await mail.locator('a[href*="/mail/feedback?d=less"]').nth(index).click();
    await reader.page.getByRole("heading", { name: "Less like this" }).waitFor();
    expect(await reader.page.getByText(first[index]!.headline).count()).toBeGreaterThan(0);
    await reader.page.getByRole("button", { name: `Fewer from ${show}` }).click();
    await reader.page.getByRole("status").filter({ hasText: "less like this" }).waitFor();

    const next = await sendBriefNow(reader);
    const detail = JSON.stringify({ show, controlNext, next });
    // Never a repeat; and that show comes later, or less, than for the reader who said nothing.
    for (const item of next) expect(first.map((earlier) => earlier.headline)).not.toContain(item.headline);
    const [mine, theirs] = [positions(next, show), positions(controlNext, show)];
    expect(mine.length < theirs.length || (mine.length === theirs.length && mine.some((position, i) => position > theirs[i]!)), detail).toBe(true);
  });

  it("unsubscribes from the footer link, without signing in", async () => {
    const mail = await newestBriefMail(reader);
    const unsubscribe = await mail.locator('a[href*="/mail/unsubscribe?"]').first().getAttribute("href");
    const guest = await browser.newPage();
    await guest.goto(unsubscribe!);
    await guest.getByRole("button", { name: "Unsubscribe" }).click();
    await guest.getByRole("status").filter({ hasText: "unsubscribed" }).waitFor();
    await guest.close();
    await reader.page.goto(`${app.url}/settings`);
    expect(await reader.page.getByRole("checkbox", { name: /Send me a brief/ }).isChecked()).toBe(false);
    await reader.page.goto(`${app.url}/brief`);
    await reader.page.getByText("Your brief is off").waitFor();
  });

  it("passes an accessibility check (axe-core) on the brief's pages", async () => {
    const mail = await newestBriefMail(control);
    const href = async (selector: string) => (await mail.locator(selector).first().getAttribute("href"))!;
    const links = [await href('a[href*="/mail/brief?"]'), await href('a[href*="/mail/feedback?d=more"]'), await href('a[href*="/mail/unsubscribe?"]')];
    const problems = await seriousViolations(control.page, `${app.url}/brief`);
    problems.push(...(await seriousViolations(control.page, `${app.url}/settings`)));
    const guest = await browser.newPage();
    for (const link of links) problems.push(...(await seriousViolations(guest, link)));
    await guest.close();
    expect(problems).toEqual([]);
  });
});

describe("saved insights come back", () => {
  it("brings a saved insight back at the end of the brief on its day, and 'Don't show again' stops it, on the web and from the email", async () => {
    // The app's clock is not ours to move: the saves are dated back instead, so that the day of the
    // next brief is the third after one save (its second return; the first, on day 1, recorded as
    // made) and the second after the other (its next return is tomorrow).
    const first = await sendBriefNow(saver);
    const { rows: [me] } = await database.query<{ id: string; time_zone: string }>("SELECT id, time_zone FROM users WHERE email = $1", [saver.email]);
    const { rows: sent } = await database.query<{ insight_id: string; brief_date: string }>(
      `SELECT i.insight_id, b.brief_date::text AS brief_date FROM daily_briefs b JOIN daily_brief_items i ON i.brief_id = b.id
       WHERE b.user_id = $1 ORDER BY b.brief_date DESC, i.position`,
      [me!.id],
    );
    expect(sent.length).toBe(first.length);
    // Insights of the first brief: never among the next brief's five, so only the saved section can show them.
    const [due, notYet] = [sent[0]!, sent[1]!];
    // "Send a brief now" dates the next brief the day after the newest.
    const next = addDays(sent[0]!.brief_date, 1);
    const savedAt = (daysBefore: number) => zonedHourToInstant(me!.time_zone, addDays(next, -daysBefore), 12).toISOString();
    const seed = `INSERT INTO saved_insights (user_id, insight_id, created_at, return_step, returned_on)
      VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'UTC'), 1, $4::date)`;
    await database.query(seed, [me!.id, due.insight_id, savedAt(3), addDays(next, -2)]);
    await database.query(seed, [me!.id, notYet.insight_id, savedAt(2), addDays(next, -1)]);
    const headline = async (id: string) => (await database.query<{ headline: string }>("SELECT headline FROM insights WHERE id = $1", [id])).rows[0]!.headline;
    const [dueHeadline, notYetHeadline] = [await headline(due.insight_id), await headline(notYet.insight_id)];

    const items = await sendBriefNow(saver);
    const page = saver.page;
    const section = page.getByRole("region", { name: "From your saved" });
    await section.waitFor();
    expect(await section.getByRole("heading", { name: dueHeadline }).count()).toBe(1);
    expect(await section.getByText(notYetHeadline).count()).toBe(0);
    // Its own section after the brief's items, never one of them.
    expect(items.map((item) => item.headline)).not.toContain(dueHeadline);
    const { rows: [brief] } = await database.query<{ brief_date: string; saved_return_insight_id: string }>(
      "SELECT brief_date::text AS brief_date, saved_return_insight_id FROM daily_briefs WHERE user_id = $1 ORDER BY brief_date DESC LIMIT 1",
      [me!.id],
    );
    expect(brief).toEqual({ brief_date: next, saved_return_insight_id: due.insight_id });

    // The email ends with it too, with a signed "Don't show again" link.
    const mail = await newestBriefMail(saver);
    const text = (await mail.locator("pre").textContent())!;
    expect(text).toContain(`From your saved:\n\n${dueHeadline}`);
    expect(text).not.toContain(notYetHeadline);
    const stopLink = await mail.locator('a[href*="/mail/saved-return?"]').first().getAttribute("href");
    expect(stopLink).toBeTruthy();

    // "Don't show again" on /brief: stopped for good, still saved.
    await page.goto(`${app.url}/brief`);
    await section.getByRole("button", { name: "Don't show again" }).click();
    await section.getByRole("status").filter({ hasText: "will not come back" }).waitFor();
    const stored = async () =>
      (await database.query<{ stopped: boolean }>("SELECT returns_stopped_at IS NOT NULL AS stopped FROM saved_insights WHERE user_id = $1 AND insight_id = $2", [me!.id, due.insight_id])).rows;
    expect(await stored()).toEqual([{ stopped: true }]);
    await page.goto(`${app.url}/brief`);
    await section.getByText("It will not come back in your brief again").waitFor();
    expect(await section.getByRole("button", { name: "Don't show again" }).count()).toBe(0);

    // The email's link works without signing in, and confirms before it acts.
    const guest = await browser.newPage();
    await guest.goto(stopLink!);
    await guest.getByRole("heading", { name: "Don't show again" }).waitFor();
    expect(await guest.getByText(dueHeadline).count()).toBeGreaterThan(0);
    await guest.getByRole("button", { name: "Don't show again" }).click();
    await guest.getByRole("status").filter({ hasText: "will not come back" }).waitFor();
    const problems = await seriousViolations(guest, stopLink!);
    await guest.close();
    problems.push(...(await seriousViolations(page, `${app.url}/brief`)));
    expect(problems).toEqual([]);
    expect(await stored()).toEqual([{ stopped: true }]);
  });
});
