/**
 * `npm run bench:brief`: the daily brief at scale. Seeds a throwaway PostgreSQL database with
 * 1,000,000 insights, 200 topics and 100,000 readers (the feed bench's workload, see feed/seed.ts),
 * makes every reader due, then measures:
 *   1. the scheduler's run, exactly as the worker's cron calls it (queueDueBriefs: find the due
 *      readers, compose their briefs in batches, queue one send job each): readers per second, the
 *      whole run's time and the process's memory peak;
 *   2. rendering 10,000 of those briefs as emails (react-email HTML and text, signed links): emails
 *      per second.
 * Prints figures beside the aim of issue 17 (100,000 briefs in under 60 s at load average 2 or less),
 * with the load average before and after, since the machine may be shared; nothing passes or fails.
 * The briefs are chosen on BRIEF_THREADS worker threads (default: one per core); BRIEF_THREADS=1
 * measures the main thread alone.
 *
 *   npm run bench:brief                                     # the full run; drops its database at the end
 *   npm run bench:brief -- --insights 50000 --readers 5000  # a quick check
 *   npm run bench:brief -- --keep                           # keep the database, then rerun with --reuse
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type { BriefView } from "@/lib/brief/load-brief";
import { dropBenchDatabase, prepareBenchDatabase, withClient } from "./bench-database";
import { loadAverage, printLoad } from "./load";

const { values: flags } = parseArgs({
  options: {
    insights: { type: "string", default: "1000000" },
    topics: { type: "string", default: "200" },
    readers: { type: "string", default: "100000" },
    emails: { type: "string", default: "10000" },
    postgres: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "podbrief_bench_brief" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});

const int = (value: string | undefined, name: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a whole number above 0 (got ${value})`);
  return parsed;
};
const insights = int(flags.insights, "insights");
const episodes = Math.max(1, Math.round(insights / 10));
const size = { insights, episodes, podcasts: Math.max(1, Math.round(episodes / 5)), topics: int(flags.topics, "topics"), readers: int(flags.readers, "readers"), searchVector: false };
const emailCount = int(flags.emails, "emails");
if (!/^[a-z_][a-z0-9_]*$/.test(flags.database)) throw new Error("--database must be a plain lower-case name");
const serverUrl = flags.postgres.replace(/\/$/, "");
const benchUrl = `${serverUrl}/${flags.database}`;

// lib/env reads process.env once, at first use: point the app's modules at the bench database first.
process.env.DATABASE_URL = benchUrl;
process.env.APP_URL ??= "https://podbrief.example";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";
const { queueDueBriefs, COMPOSE_BATCH } = await import("@/lib/brief/brief-jobs");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { buildBriefMail } = await import("@/lib/brief/brief-mail");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { closeBriefThreads } = await import("@/lib/brief/brief-threads");
const { getEnv } = await import("@/lib/env");
const { db } = await import("@/lib/db");

const AIM_SECONDS = 60;
const AIM_LOAD = 2;
const log = (message = "") => console.log(message);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The process's resident memory, sampled every 50 ms while `work` runs; returns its peak. */
async function withMemoryPeak<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number; peakHeap: number }> {
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const result = await work();
    return { result, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

log(`bench:brief on ${os.cpus().length} cores, load average ${loadAverage()}`);
await prepareBenchDatabase({ serverUrl, database: flags.database, reuse: flags.reuse, size, log });

// Every reader due now: briefs on, hour 00:00 UTC, no brief yet today. A rerun (--reuse) is the next
// morning: the briefs of earlier runs move back a day and count as sent, so readers have a previous
// brief and things they were sent, and the tables' statistics are those of a running service.
const previousRuns = await withClient(benchUrl, async (client) => {
  // Only the last run's briefs stay, so a third run does not move two mornings onto one date.
  await client.query("DELETE FROM daily_briefs WHERE brief_date < (SELECT max(brief_date) FROM daily_briefs)");
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM daily_briefs");
  await client.query(
    "UPDATE daily_briefs SET brief_date = brief_date - 1, scheduled_for = scheduled_for - interval '1 day', status = 'sent', sent_at = scheduled_for - interval '1 day'",
  );
  await client.query("UPDATE users SET brief_enabled = true, brief_hour = 0, time_zone = 'UTC', brief_frequency = 'daily', brief_paused_until = NULL");
  await client.query("DELETE FROM pgboss.job WHERE name = 'send-brief'").catch(() => undefined);
  await client.query("VACUUM ANALYZE users, daily_briefs, daily_brief_items");
  return Number(rows[0]!.n);
});
const readers = await db.user.count();

log();
log(
  `1. the scheduler's run: ${readers.toLocaleString("en-US")} readers due (queueDueBriefs, batches of ${COMPOSE_BATCH.toLocaleString("en-US")}); ` +
    (previousRuns > 0 ? `${previousRuns.toLocaleString("en-US")} earlier briefs, moved back a day, as sent` : "their first brief"),
);
const loadBefore = os.loadavg()[0]!;
log(`   ${getEnv().BRIEF_THREADS} brief threads (BRIEF_THREADS); load average before ${loadAverage()}`);
const rssBefore = process.memoryUsage.rss();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { result: due, peakRss, peakHeap } = await withMemoryPeak(() => queueDueBriefs(new Date()));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const stats = await db.$queryRaw<{ status: string; briefs: number; items: number }[]>`
  SELECT b.status::text AS status, count(*)::int AS briefs, sum((SELECT count(*) FROM daily_brief_items AS i WHERE i.brief_id = b.id))::int AS items
  FROM daily_briefs AS b WHERE b.status IN ('pending', 'empty') GROUP BY 1 ORDER BY 1`;
const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'send-brief'`;
// The machine's load is the one before the run: during it the bench keeps both cores busy itself
// (the threads and PostgreSQL), so the load after a minute is above 2 however quiet the machine was.
const loadNote = loadBefore > AIM_LOAD ? ` (the load was above ${AIM_LOAD}: run again when the machine is quieter)` : "";
log(
  `   readers due and composed: ${due.toLocaleString("en-US")} in ${elapsed.toFixed(1)} s: ${Math.round(due / elapsed).toLocaleString("en-US")} readers/s ` +
    `(aim: all in < ${AIM_SECONDS} s at load ≤ ${AIM_LOAD}) ${elapsed < AIM_SECONDS ? "MET" : "NOT MET"}${loadNote}`,
);
log(`   this process's CPU (every thread): ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${((cpu.user + cpu.system) / 1000 / due).toFixed(2)} ms per reader`);
for (const row of stats) log(`   briefs ${row.status}: ${row.briefs.toLocaleString("en-US")}, ${(row.items / row.briefs).toFixed(2)} items each`);
log(`   send jobs queued: ${jobs[0]!.n.toLocaleString("en-US")}`);
log(`   memory: peak RSS ${mb(peakRss)} (${mb(rssBefore)} before), peak JS heap (main thread) ${mb(peakHeap)}; load average after ${loadAverage()}`);

log();
log(`2. rendering ${emailCount.toLocaleString("en-US")} brief emails (react-email HTML + text, signed links)`);
const sample = await db.dailyBrief.findMany({ where: { status: "pending" }, select: { id: true, userId: true, user: { select: { email: true, name: true } } }, take: emailCount, orderBy: { id: "asc" } });
const loadStarted = performance.now();
const views: { view: BriefView; reader: { email: string; name: string | null } }[] = [];
for (const brief of sample) views.push({ view: (await loadBrief(brief.userId, { briefId: brief.id }))!, reader: { email: brief.user.email!, name: brief.user.name } });
const loadSeconds = (performance.now() - loadStarted) / 1000;
const now = new Date();
const renderStarted = performance.now();
let bytes = 0;
const { peakRss: renderPeak } = await withMemoryPeak(async () => {
  for (const { view, reader } of views) {
    const mail = await buildBriefMail(view, reader, now);
    bytes += mail.html!.length + mail.text.length;
  }
});
const renderSeconds = (performance.now() - renderStarted) / 1000;
log(`   loaded ${views.length.toLocaleString("en-US")} briefs in ${loadSeconds.toFixed(1)} s (${Math.round(views.length / loadSeconds)}/s, one query pair each)`);
log(`   rendered ${views.length.toLocaleString("en-US")} emails in ${renderSeconds.toFixed(1)} s: ${Math.round(views.length / renderSeconds).toLocaleString("en-US")} emails/s, ${(bytes / views.length / 1024).toFixed(1)} KB each; peak RSS ${mb(renderPeak)}`);

printLoad("at the end", log);
await closeBriefThreads();
await closeQueue();
await db.$disconnect();
if (!flags.keep) await dropBenchDatabase({ serverUrl, database: flags.database, log });
process.exit(0);
