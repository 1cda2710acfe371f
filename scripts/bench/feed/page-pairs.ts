/**
 * /feed beside a baseline page of the same server, in the same run: the two loaded in turn, pair
 * after pair (which goes first alternates, so a drift in the machine's load falls on both), with the
 * CPU the web server and the database spent on each run. On a shared machine the absolute figures
 * move with the neighbours' work; the ratios within a pair are what to read.
 */
import { type CpuSnapshot, cpuMsBetween, processTreeCpu } from "../proc-cpu";
import { loadPage, type LoadResult } from "./page-load";

export type MeasuredRun = LoadResult & { nodeCpuMs: number; dbCpuMs: number };
export type PagePairs = { feed: MeasuredRun[]; bare: MeasuredRun[] };

export const PAIR_AIMS = { throughput: 0.6, p99: 1.5, cpu: 2 };

type PairOptions = {
  url: string;
  serverPid: number;
  /** A snapshot of the database's CPU: PostgreSQL's backends of the bench database, or the embedded server's process. */
  dbCpu: () => CpuSnapshot;
  feedPath: string;
  barePath: string;
  cookies: string[];
  connections: number;
  seconds: number;
  pairs: number;
  log: (line: string) => void;
};

/**
 * Waits until the web server spends under 5% of a core: when autocannon stops, up to one request
 * per connection is still being rendered, and that work belongs to the run that sent it.
 */
async function waitUntilIdle(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let before = processTreeCpu(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = processTreeCpu(pid);
    if (cpuMsBetween(before, now) < 25) return;
    before = now;
  }
}

async function measure(options: PairOptions, pathname: string): Promise<MeasuredRun> {
  await waitUntilIdle(options.serverPid);
  const nodeBefore = processTreeCpu(options.serverPid);
  const dbBefore = options.dbCpu();
  const result = await loadPage({ url: options.url, pathname, cookies: options.cookies, connections: options.connections, seconds: options.seconds });
  await waitUntilIdle(options.serverPid);
  return { ...result, nodeCpuMs: cpuMsBetween(nodeBefore, processTreeCpu(options.serverPid)), dbCpuMs: cpuMsBetween(dbBefore, options.dbCpu()) };
}

export async function loadPagePairs(options: PairOptions): Promise<PagePairs> {
  const pairs: PagePairs = { feed: [], bare: [] };
  for (let pair = 0; pair < options.pairs; pair++) {
    const order = pair % 2 === 0 ? (["feed", "bare"] as const) : (["bare", "feed"] as const);
    for (const which of order) {
      const run = await measure(options, which === "feed" ? options.feedPath : options.barePath);
      pairs[which].push(run);
      const failed = run.non2xx + run.errors + run.timeouts;
      options.log(
        `   pair ${pair + 1} ${run.path}: ${run.requestsPerSecond.toFixed(1)} req/s, p99 ${run.p99.toFixed(0)} ms, ` +
          `CPU per request ${perRequest(run.nodeCpuMs, run.sent)} ms Node + ${perRequest(run.dbCpuMs, run.sent)} ms database${failed ? `, ${failed} FAILED` : ""}`,
      );
    }
  }
  return pairs;
}

const perRequest = (ms: number, requests: number) => (requests > 0 ? (ms / requests).toFixed(2) : "-");

/** The median of the finite values (a run that answered nothing gives no ratio). */
function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type PathTotals = { requests: number; sent: number; failed: number; requestsPerSecond: number; p99: number; nodeMsPerRequest: number; dbMsPerRequest: number };

function totals(runs: MeasuredRun[]): PathTotals {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const sent = runs.reduce((sum, run) => sum + run.sent, 0);
  return {
    requests,
    sent,
    failed: runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0),
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p99: median(runs.map((run) => run.p99)),
    // Per request sent: the server rendered those the run ended on too, and their CPU is in the figure.
    nodeMsPerRequest: runs.reduce((sum, run) => sum + run.nodeCpuMs, 0) / Math.max(1, sent),
    dbMsPerRequest: runs.reduce((sum, run) => sum + run.dbCpuMs, 0) / Math.max(1, sent),
  };
}

export type PairSummary = { throughput: number; p99: number; cpu: number; lines: string[] };

/** Medians over the pairs of each pair's ratio, and CPU per request over all runs, with the aims beside them. */
export function summarizePairs({ feed, bare }: PagePairs, { dbName, aims = PAIR_AIMS }: { dbName: string; aims?: Partial<typeof PAIR_AIMS> }): PairSummary {
  const f = totals(feed);
  const b = totals(bare);
  const throughputRatios = feed.map((run, index) => run.requestsPerSecond / bare[index]!.requestsPerSecond);
  const p99Ratios = feed.map((run, index) => run.p99 / bare[index]!.p99);
  const throughput = median(throughputRatios);
  const p99 = median(p99Ratios);
  const cpu = (f.nodeMsPerRequest + f.dbMsPerRequest) / (b.nodeMsPerRequest + b.dbMsPerRequest);
  const list = (ratios: number[]) => ratios.map((ratio) => ratio.toFixed(2)).join(", ");
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const line = (label: string, totals: PathTotals) =>
    `   ${label}: median ${totals.requestsPerSecond.toFixed(1)} req/s, median p99 ${totals.p99.toFixed(0)} ms; CPU per request ` +
    `${totals.nodeMsPerRequest.toFixed(2)} ms Node + ${totals.dbMsPerRequest.toFixed(2)} ms ${dbName} = ${(totals.nodeMsPerRequest + totals.dbMsPerRequest).toFixed(2)} ms` +
    ` (${totals.requests} answered, ${totals.sent} sent${totals.failed ? `, ${totals.failed} FAILED` : ""})`;
  const lines = [line(feed[0]?.path ?? "feed", f), line(bare[0]?.path ?? "bare", b)];
  const aim = (value: number, limit: number | undefined, at: "least" | "most") =>
    limit === undefined ? "" : `; aim ${at === "least" ? "≥" : "≤"} ${limit}×: ${verdict(at === "least" ? value >= limit : value <= limit)}`;
  lines.push(`   throughput, feed / bare: ${throughput.toFixed(2)}× (pairs: ${list(throughputRatios)})${aim(throughput, aims.throughput, "least")}`);
  lines.push(`   p99, feed / bare: ${p99.toFixed(2)}× (pairs: ${list(p99Ratios)})${aim(p99, aims.p99, "most")}`);
  lines.push(`   total CPU per request (Node + ${dbName}), feed / bare: ${cpu.toFixed(2)}×${aim(cpu, aims.cpu, "most")}`);
  return { throughput, p99, cpu, lines };
}
