/**
 * The admin page and its actions against a real database and a real pg-boss queue: only addresses in
 * ADMIN_EMAILS get them, and anyone else (signed in or not) gets a 404 or "not found", before any input is
 * read; a failing feed is listed with why; a failed job is listed with its error and retried once.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/session";

const adminEmail = `ops-${randomUUID().slice(0, 8)}@example.com`;
process.env.ADMIN_EMAILS = `${adminEmail.toUpperCase()},other-admin@example.com`;

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/session", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/session")>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { createJobQueue, ensureQueues } = await import("@/lib/jobs/job-queue");
const { defineJob } = await import("@/lib/jobs/define-job");
const { z } = await import("zod");
const { failedJobs, queueCounts, retryJob } = await import("@/lib/admin/job-queue");
const { listFailingFeeds } = await import("@/lib/admin/admin-overview");
const { createInvitationAction, retryJobAction, revokeInvitationAction } = await import("@/lib/actions/admin-actions");
const { default: AdminPage } = await import("@/app/(app)/admin/page");

const run = randomUUID().slice(0, 8);
// No retries left after the first failure, so a failure leaves the job failed (not waiting to retry).
const testJob = defineJob({ id: `test-admin-${run}`, payload: z.object({ n: z.number() }), retry: { limit: 0, delaySeconds: 1, backoff: false } });
let boss: PgBoss;
let admin: CurrentUser;
let reader: CurrentUser;
let failingFeedUrl: string;

/** A job taken and failed as a worker takes and fails one, with the error it threw. */
async function failedJob(message: string): Promise<string> {
  await boss.send(testJob.id, { n: 1 });
  const [job] = await boss.fetch(testJob.id);
  await boss.fail(testJob.id, job!.id, { message });
  return job!.id;
}

const stateOf = async (id: string) => (await boss.getJobById(testJob.id, id))?.state;

beforeAll(async () => {
  boss = createJobQueue(inject("databaseUrl"), { poolSize: 1 });
  await boss.start();
  await ensureQueues(boss, [testJob]);
  const [a, r] = await Promise.all([db.user.create({ data: { email: adminEmail } }), db.user.create({ data: { email: `reader-${run}@example.com` } })]);
  admin = { id: a.id, email: a.email, name: null };
  reader = { id: r.id, email: r.email, name: null };
  failingFeedUrl = `https://feeds.example.com/${run}/gone.xml`;
  await db.podcast.create({ data: { feedUrl: failingFeedUrl, title: `Gone ${run}`, addStatus: "failed", lastError: "the server answered 404 Not Found", lastErrorAt: new Date() } });
  await db.podcast.create({ data: { feedUrl: `https://feeds.example.com/${run}/flaky.xml`, title: `Flaky ${run}`, consecutiveFailures: 3, lastError: "timed out after 30 seconds", lastErrorAt: new Date(), lastSuccessAt: new Date(Date.now() - 86_400_000) } });
  await db.podcast.create({ data: { feedUrl: `https://feeds.example.com/${run}/fine.xml`, title: `Fine ${run}`, lastSuccessAt: new Date() } });
});

afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await closeQueue();
});

describe("who gets the admin page", () => {
  it("an admin by ADMIN_EMAILS, whatever the address's case", async () => {
    session.user = admin;
    const html = renderToStaticMarkup(await AdminPage());
    expect(html).toContain("<h1");
    expect(html).toContain("Failing feeds");
  });

  it("nobody else: a reader and a visitor get the not-found page", async () => {
    for (const user of [reader, null]) {
      session.user = user;
      await expect(AdminPage()).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    }
  });

  it("nobody else gets its actions: 'not found' before the input is read, and nothing happens", async () => {
    const id = await failedJob("refused retry");
    const before = await db.invitation.count();
    for (const user of [reader, null]) {
      session.user = user;
      for (const result of [
        await retryJobAction({ name: testJob.id, id }),
        await retryJobAction({ name: "", id: "not a uuid" }),
        await createInvitationAction({ note: "for me" }),
        await revokeInvitationAction({ invitationId: "x" }),
      ]) {
        expect(result).toEqual({ ok: false, code: "not_found", error: "Not found." });
      }
    }
    expect(await stateOf(id)).toBe("failed");
    expect(await db.invitation.count()).toBe(before);
  });
});

describe("the admin page's lists", () => {
  it("lists failing feeds, first reads and polls, with why, and not the ones that work", async () => {
    const failing = (await listFailingFeeds()).filter((feed) => feed.feedUrl.includes(run));
    expect(failing.map((feed) => [feed.title, feed.error, feed.failures, feed.firstReadFailed])).toEqual(
      expect.arrayContaining([
        [`Gone ${run}`, "the server answered 404 Not Found", 1, true],
        [`Flaky ${run}`, "timed out after 30 seconds", 3, false],
      ]),
    );
    expect(failing).toHaveLength(2);
    session.user = admin;
    expect(renderToStaticMarkup(await AdminPage())).toContain(failingFeedUrl);
  });

  it("counts jobs by queue and state and lists failed ones with their error", async () => {
    const id = await failedJob("the feed host refused the connection");
    const counts = (await queueCounts()).find((queue) => queue.name === testJob.id);
    expect(counts?.counts.failed).toBeGreaterThanOrEqual(1);
    const listed = (await failedJobs()).find((job) => job.id === id);
    expect(listed).toMatchObject({ name: testJob.id, error: "the feed host refused the connection", retryCount: 0 });
  });
});

describe("retrying a failed job", () => {
  it("puts it back in the queue once; a second retry is refused in words", async () => {
    const id = await failedJob("first try failed");
    session.user = admin;
    expect(await retryJobAction({ name: testJob.id, id })).toEqual({ ok: true, data: testJob.id, message: `The ${testJob.id} job is queued again.` });
    expect(await stateOf(id)).toBe("retry");
    expect((await failedJobs()).some((job) => job.id === id)).toBe(false);
    // A worker takes it up again.
    const [again] = await boss.fetch(testJob.id);
    expect(again?.id).toBe(id);
    expect(await retryJobAction({ name: testJob.id, id })).toEqual({ ok: false, code: "conflict", error: "That job is not failed: it has been retried already." });
    await expect(retryJob({ name: testJob.id, id: randomUUID() })).rejects.toThrow("That job is no longer in the queue.");
  });

  it("answers a malformed job reference with field errors", async () => {
    session.user = admin;
    expect(await retryJobAction({ name: testJob.id, id: "1; DROP TABLE pgboss.job" })).toMatchObject({ ok: false, code: "bad_request", error: "That job could not be found." });
  });
});

describe("invitations from the admin page", () => {
  it("makes a link shown once, which the admin can revoke", async () => {
    session.user = admin;
    const made = await createInvitationAction({ note: "for Grace" });
    expect(made).toMatchObject({ ok: true, data: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]{43}$/) });
    const row = await db.invitation.findFirstOrThrow({ where: { note: "for Grace", createdBy: adminEmail }, orderBy: { createdAt: "desc" } });
    expect(await revokeInvitationAction({ invitationId: row.id })).toMatchObject({ ok: true });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
  });
});
