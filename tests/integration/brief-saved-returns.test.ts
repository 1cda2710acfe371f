/**
 * "From your saved": a saved insight comes back at the end of the brief 1, 3, 7, 21 and 60 days after
 * it was saved (the reader's calendar), one per brief, never twice on a day even when the brief is
 * composed again, and never after "Don't show again", with the setting off, or once unsaved. The
 * schedule is stored: a brief composed by another process, with its own connection, goes on from it.
 */
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it, inject } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

process.env.APP_URL = "https://podbrief.test";
process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";

const { db } = await import("@/lib/db");
const { addDays } = await import("@/lib/brief/brief-schedule");
const { composeBrief, composeBriefs } = await import("@/lib/brief/compose-brief");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { buildBriefMail } = await import("@/lib/brief/brief-mail");
const { stopSavedReturn } = await import("@/lib/brief/saved-returns");
const { stopSavedReturnFromMailAction } = await import("@/lib/actions/brief-actions");
const { unsaveInsight } = await import("@/lib/feed/feed-events");
type ChooseBriefs = import("@/lib/brief/choose-brief").ChooseBriefs;

// An hour ahead, so the insights made now (extracted at the database's clock) can be chosen. Brief
// dates are calendar labels, set apart from `now`: the schedule counts them from the day of saving.
const NOW = new Date(Date.now() + 3_600_000);
const rows = rowFactory(undefined, NOW.getTime());
const SAVED_ON = "2026-03-01";
/** Saved at noon UTC on SAVED_ON: that day for a reader in UTC, the default. */
const SAVED_AT = new Date(`${SAVED_ON}T12:00:00Z`);
const day = (days: number) => addDays(SAVED_ON, days);

let followed: string;
/** Insights on a topic nobody here follows: saved, they never reach a brief's own five. */
const elsewhere: string[] = [];

beforeAll(async () => {
  const topic = await rows.makeTopic("returns");
  const other = await rows.makeTopic("returns-elsewhere");
  const shows = await Promise.all(["a", "b", "c"].map((name) => rows.makeShow(`returns-${name}-${rows.run}`)));
  followed = topic.id;
  // Enough for every brief the readers below are sent (five each, never one twice).
  for (let i = 0; i < 30; i++) await rows.makeInsight(shows[i % 3]!, { topics: [topic.id], ageDays: 0.2 + i * 0.01 });
  for (let i = 0; i < 4; i++) elsewhere.push((await rows.makeInsight(shows[i % 3]!, { topics: [other.id], ageDays: 40 })).id);
});

async function reader({ savedReturns = true }: { savedReturns?: boolean } = {}): Promise<string> {
  const userId = await rows.makeReader();
  await db.user.update({ where: { id: userId }, data: { briefSavedReturns: savedReturns } });
  await db.topicFollow.create({ data: { userId, topicId: followed } });
  return userId;
}

async function save(userId: string, insightId: string, savedAt = SAVED_AT): Promise<void> {
  await db.savedInsight.create({ data: { userId, insightId, createdAt: savedAt } });
}

/** The saved insight that came back in this reader's brief of `briefDate` (the brief's stored choice). */
async function storedReturn(userId: string, briefDate: string): Promise<string | null> {
  const brief = await db.dailyBrief.findUniqueOrThrow({ where: { userId_briefDate: { userId, briefDate: new Date(`${briefDate}T00:00:00Z`) } }, select: { savedReturnInsightId: true } });
  return brief.savedReturnInsightId;
}

async function schedule(userId: string, insightId: string) {
  const row = await db.savedInsight.findUniqueOrThrow({ where: { userId_insightId: { userId, insightId } }, select: { returnStep: true, returnedOn: true, returnsStoppedAt: true } });
  return { step: row.returnStep, returnedOn: row.returnedOn?.toISOString().slice(0, 10) ?? null, stopped: row.returnsStoppedAt !== null };
}

/** The real brief of the day: chosen from the followed topic's insights not sent yet. */
const compose = (userId: string, briefDate: string) => composeBrief(userId, briefDate, { now: NOW, frequency: "daily", window: "unsent" });

describe("saved insights come back in the brief", () => {
  it("on days 1, 3, 7, 21 and 60 after saving and no day between or after, once a day even when the brief is composed again", { timeout: 180_000 }, async () => {
    const userId = await reader();
    const saved = elsewhere[0]!;
    await save(userId, saved);
    // Seventy daily briefs: what is chosen for the five does not matter here, only that there is one,
    // so each brief carries the same insight of the followed topic.
    const [item] = await db.insightTopic.findMany({ where: { topicId: followed }, select: { insightId: true }, take: 1 });
    const oneItem: ChooseBriefs = async (requests) =>
      new Map(requests.map((request) => [request.userId, { items: [{ insightId: item!.insightId, reason: "test" }], note: null, windowStart: NOW }]));
    const cameBack: number[] = [];
    for (let days = 0; days <= 70; days++) {
      const [brief] = await composeBriefs([{ userId, briefDate: day(days), frequency: "daily" }], NOW, oneItem);
      const returned = await storedReturn(userId, day(days));
      if (returned !== null) {
        expect(returned).toBe(saved);
        cameBack.push(days);
        const after = await schedule(userId, saved);
        expect(after.returnedOn).toBe(day(days));
        // Composed again that day (a retried job, a restarted worker): the same brief, the same one back, the schedule where it was.
        const [again] = await composeBriefs([{ userId, briefDate: day(days), frequency: "daily" }], NOW, oneItem);
        expect(again).toEqual({ ...brief, created: false });
        expect(await storedReturn(userId, day(days))).toBe(saved);
        expect(await schedule(userId, saved)).toEqual(after);
      }
    }
    expect(cameBack).toEqual([1, 3, 7, 21, 60]);
    expect(await schedule(userId, saved)).toEqual({ step: 5, returnedOn: day(60), stopped: false });
  });

  it("one per brief, in its own place after the five, in the web version and the email; another due waits for the next brief", async () => {
    const userId = await reader();
    await save(userId, elsewhere[0]!);
    await save(userId, elsewhere[1]!);
    const first = await compose(userId, day(1));
    const brief = (await loadBrief(userId, { briefId: first.briefId }))!;
    expect(brief.items.length).toBe(5);
    expect(brief.savedReturn).not.toBeNull();
    const firstBack = brief.savedReturn!.insight.id;
    // Two were due; the same day, the same save: the smaller id. Never one of the five.
    expect(firstBack).toBe([elsewhere[0]!, elsewhere[1]!].sort()[0]);
    expect(brief.items.map((item) => item.insight.id)).not.toContain(firstBack);

    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    const mail = await buildBriefMail(brief, { email: user.email!, name: user.name }, NOW);
    expect(mail.text).toContain(`From your saved:\n\n${brief.savedReturn!.insight.headline}`);
    expect(mail.text.indexOf("From your saved")).toBeGreaterThan(mail.text.indexOf(brief.items.at(-1)!.insight.headline));
    expect(mail.html).toContain(brief.savedReturn!.insight.headline);
    expect(mail.subject).toMatch(/and 4 more$/);

    // The other, due the same day, comes back the next day: late, but once.
    const second = await compose(userId, day(2));
    const other = [elsewhere[0]!, elsewhere[1]!].find((id) => id !== firstBack)!;
    expect(await storedReturn(userId, day(2))).toBe(other);
    expect((await loadBrief(userId, { briefId: second.briefId }))!.savedReturn!.insight.id).toBe(other);
    // Day 3 is the next return day of both (the other's day 1 came late, on day 2): one per brief, the smaller id.
    await compose(userId, day(3));
    expect(await storedReturn(userId, day(3))).toBe(firstBack);
    await compose(userId, day(4));
    expect(await storedReturn(userId, day(4))).toBe(other);
  });

  it("stops for good after \"Don't show again\" from the email's signed link, and stays saved", async () => {
    const userId = await reader();
    const saved = elsewhere[2]!;
    await save(userId, saved);
    const first = await compose(userId, day(1));
    const brief = (await loadBrief(userId, { briefId: first.briefId }))!;
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    const mail = await buildBriefMail(brief, { email: user.email!, name: user.name }, NOW);
    const stopLink = /^Don't show again: (\S+)$/m.exec(mail.text)![1]!;
    expect(new URL(stopLink).pathname).toBe("/mail/saved-return");
    const form = new FormData();
    form.set("token", new URL(stopLink).searchParams.get("t")!);
    // A token changed after it was signed stops nothing.
    const forged = new FormData();
    forged.set("token", `${form.get("token")}x`);
    expect(await stopSavedReturnFromMailAction(forged)).toMatchObject({ ok: false });
    expect((await schedule(userId, saved)).stopped).toBe(false);

    expect(await stopSavedReturnFromMailAction(form)).toMatchObject({ ok: true });
    expect((await schedule(userId, saved)).stopped).toBe(true);
    // This brief's web version says so instead of offering it again; the email made from now on leaves it out.
    const after = (await loadBrief(userId, { briefId: first.briefId }))!;
    expect(after.savedReturn).toMatchObject({ stopped: true });
    expect((await buildBriefMail(after, { email: user.email!, name: user.name }, NOW)).text).not.toContain("From your saved");
    // Its next day passes with no return, and it is still saved.
    await compose(userId, day(3));
    expect(await storedReturn(userId, day(3))).toBeNull();
    expect(await db.savedInsight.count({ where: { userId, insightId: saved } })).toBe(1);
  });

  it("gives no section with the setting off, and moves no schedule", async () => {
    const userId = await reader({ savedReturns: false });
    await save(userId, elsewhere[0]!);
    const brief = await compose(userId, day(1));
    expect(await storedReturn(userId, day(1))).toBeNull();
    expect((await loadBrief(userId, { briefId: brief.briefId }))!.savedReturn).toBeNull();
    expect(await schedule(userId, elsewhere[0]!)).toEqual({ step: 0, returnedOn: null, stopped: false });
    // Turned on, it is due as it would have been.
    await db.user.update({ where: { id: userId }, data: { briefSavedReturns: true } });
    await compose(userId, day(2));
    expect(await storedReturn(userId, day(2))).toBe(elsewhere[0]!);
  });

  it("is gone from the brief once unsaved, and never comes back", async () => {
    const userId = await reader();
    const saved = elsewhere[3]!;
    await save(userId, saved);
    const first = await compose(userId, day(1));
    expect((await loadBrief(userId, { briefId: first.briefId }))!.savedReturn!.insight.id).toBe(saved);
    await unsaveInsight(userId, saved);
    const brief = (await loadBrief(userId, { briefId: first.briefId }))!;
    expect(brief.savedReturn).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    expect((await buildBriefMail(brief, { email: user.email!, name: user.name }, NOW)).text).not.toContain("From your saved");
    await compose(userId, day(3));
    expect(await storedReturn(userId, day(3))).toBeNull();
  });

  it("keeps its schedule across processes: another process's brief goes on from the stored step, and a brief made again there moves nothing", { timeout: 180_000 }, async () => {
    const userId = await reader();
    const saved = elsewhere[1]!;
    await save(userId, saved);
    await compose(userId, day(1));
    expect(await schedule(userId, saved)).toEqual({ step: 1, returnedOn: day(1), stopped: false });

    const other = async (briefDate: string) => JSON.parse(await composeElsewhere({ userId, briefDate, now: NOW.toISOString() })) as { briefId: string; created: boolean; savedReturn: string | null };
    expect(await other(day(2))).toMatchObject({ created: true, savedReturn: null });
    const third = await other(day(3));
    expect(third).toMatchObject({ created: true, savedReturn: saved });
    expect(await schedule(userId, saved)).toEqual({ step: 2, returnedOn: day(3), stopped: false });
    // Day 3's brief composed again, here and in yet another process: the same brief, the same return, no step moved.
    expect(await other(day(3))).toEqual({ ...third, created: false });
    expect(await compose(userId, day(3))).toMatchObject({ briefId: third.briefId, created: false });
    expect(await schedule(userId, saved)).toEqual({ step: 2, returnedOn: day(3), stopped: false });
    // And "Don't show again" from the web, then the next return day: nothing.
    await stopSavedReturn(userId, saved);
    expect(await other(day(7))).toMatchObject({ created: true, savedReturn: null });
  });
});

/** Runs tests/fixtures/compose-brief-process.ts: a new process, with its own connection to this run's database. */
function composeElsewhere(args: { userId: string; briefDate: string; now: string }): Promise<string> {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/compose-brief-process.ts", JSON.stringify(args)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2", AUTH_SECRET: process.env.AUTH_SECRET },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(output.trim().split("\n").at(-1)!) : reject(new Error(`the compose process failed (${code}):\n${output}`)))),
  );
}
