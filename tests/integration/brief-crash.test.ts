/**
 * A worker killed at each step of sending a brief (before the mail goes to the server, after the
 * server took it but before it was recorded, after it was recorded), then started again: every reader
 * ends with exactly one brief, and the SMTP server received exactly one copy each.
 */
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it, inject } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";
import { startSmtpSink } from "@/tests/helpers/smtp-sink";

const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;

const { db } = await import("@/lib/db");

afterAll(async () => {
  await sink.close();
});

const SECRET = "a-test-secret-that-is-at-least-32-characters-long";

function runWorker(args: object): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/brief-worker-process.ts", JSON.stringify(args)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2", SMTP_URL: sink.url, AUTH_SECRET: SECRET },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
}

describe("a brief worker killed mid-send", () => {
  // Two worker processes start one after the other: 69 s at load 12.
  it.each(["before-smtp", "after-smtp", "after-record"] as const)("sends each reader exactly one brief when killed %s", { timeout: 300_000 }, async (killAt) => {
    const rows = rowFactory();
    const topic = await rows.makeTopic("crash");
    const show = await rows.makeShow("crash-show");
    for (let i = 0; i < 3; i++) await rows.makeInsight(show, { topics: [topic.id], ageDays: 0.1 });
    const readers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const userId = await rows.makeReader();
      await db.topicFollow.create({ data: { userId, topicId: topic.id } });
      readers.push(userId);
    }
    const emails = (await db.user.findMany({ where: { id: { in: readers } }, select: { email: true } })).map((user) => user.email!);
    const briefs = readers.map((userId) => ({ userId, briefDate: "2026-03-02" }));
    const now = new Date().toISOString();

    // Killed at the step while sending the middle reader's brief: the first is done, the last not begun.
    const killed = await runWorker({ briefs, killAt, killUser: readers[1], now });
    // tsx runs the script in a child of its own and reports its SIGKILL as a failed exit.
    expect(killed.signal ?? killed.code, killed.output).not.toBe(0);
    expect(killed.output).toContain("killed");
    expect(killed.output).not.toContain(`${readers[2]} `);

    // Started again once the send's lease has passed (as the job's retry after its expiry would).
    const restarted = await runWorker({ briefs, now, leaseMs: 0 });
    expect(restarted.code, restarted.output).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const email of emails) expect(sink.received.filter((mail) => mail.to.includes(email)), email).toHaveLength(1);
    const stored = await db.dailyBrief.findMany({ where: { userId: { in: readers } }, select: { userId: true, status: true, messageId: true } });
    expect(stored).toHaveLength(3);
    for (const brief of stored) {
      const mail = sink.received.find((received) => received.messageId === brief.messageId);
      expect(mail, `the mail of ${brief.userId}`).toBeDefined();
      // Killed after the server took it and before it was recorded: it went out once, never again,
      // and the brief says delivery was not confirmed.
      expect(brief.status).toBe(killAt === "after-smtp" && brief.userId === readers[1] ? "unconfirmed" : "sent");
    }
  });
});
