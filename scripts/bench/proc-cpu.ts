/**
 * CPU time of other processes, read from Linux's /proc: the web server (with any processes it
 * started) and the PostgreSQL backends serving one database. Taken before and after a load run, the
 * difference divided by the requests served is the CPU a request costs, whatever else the machine does.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export type ProcStat = { pid: number; comm: string; ppid: number; utime: number; stime: number; cutime: number; cstime: number };

/**
 * One line of /proc/<pid>/stat. The command name sits in parentheses and may hold spaces or
 * parentheses itself, so the fields are counted from the last ")".
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After ")": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), numbered as in proc(5).
  const fields = line.slice(close + 2).trim().split(/\s+/);
  const field = (number: number) => Number(fields[number - 3]);
  return { pid: Number(line.slice(0, open).trim()), comm: line.slice(open + 1, close), ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
}

/** The process title PostgreSQL gives a backend: "postgres: 15/main: <user> <database> <client> <state>". */
export function isBackendOf(cmdline: string, database: string): boolean {
  const words = cmdline.replaceAll("\0", " ").trim().split(/\s+/);
  return words[0] === "postgres:" && words.includes(database) && words.indexOf(database) >= 2;
}

/** Clock ticks in a second (the unit of /proc's times), 100 on nearly every Linux. */
let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readFileOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null; // the process ended between listing and reading
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const line = readFileOrNull(`/proc/${entry}/stat`);
    if (line) stats.push(parseProcStat(line));
  }
  return stats;
}

/** CPU ticks by process id: a snapshot to subtract from a later one. */
export type CpuSnapshot = Map<number, number>;

/** The process and every descendant, each with its own time and that of children it has reaped. */
export function processTreeCpu(rootPid: number): CpuSnapshot {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const snapshot: CpuSnapshot = new Map();
  const queue = stats.filter((stat) => stat.pid === rootPid);
  for (let stat = queue.pop(); stat; stat = queue.pop()) {
    snapshot.set(stat.pid, stat.utime + stat.stime + stat.cutime + stat.cstime);
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return snapshot;
}

/** The PostgreSQL backends connected to `database` (visible when the server runs on this machine). */
export function postgresBackendsCpu(database: string): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const stat of allStats()) {
    if (stat.comm !== "postgres") continue;
    const cmdline = readFileOrNull(`/proc/${stat.pid}/cmdline`);
    if (cmdline && isBackendOf(cmdline, database)) snapshot.set(stat.pid, stat.utime + stat.stime);
  }
  return snapshot;
}

/**
 * Milliseconds of CPU between two snapshots. A process that started in between counts whole; one
 * that ended in between is lost from the sum (its last ticks since `before` are not known).
 */
export function cpuMsBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += Math.max(0, now - (before.get(pid) ?? 0));
  return (ticks * 1000) / clockTicks();
}
