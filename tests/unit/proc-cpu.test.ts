import { describe, expect, it } from "vitest";
import { cpuMsBetween, isBackendOf, parseProcStat, processTreeCpu } from "../../scripts/bench/proc-cpu";

describe("parseProcStat", () => {
  it("reads ppid and the four CPU times of a /proc/<pid>/stat line", () => {
    const line = "4242 (node) S 4200 4242 4200 0 -1 4194304 51234 0 12 0 1530 277 40 9 20 0 11 0 86853 1234567890 45678 18446744073709551615 1 1 0 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0";
    expect(parseProcStat(line)).toEqual({ pid: 4242, comm: "node", ppid: 4200, utime: 1530, stime: 277, cutime: 40, cstime: 9 });
  });

  it("counts fields from the last parenthesis, so a command name with spaces and parentheses cannot shift them", () => {
    const line = "77 (next-server (v16) x) R 1 77 77 0 -1 0 0 0 0 0 300 100 5 6 20 0 1 0 0 0 0";
    expect(parseProcStat(line)).toMatchObject({ pid: 77, comm: "next-server (v16) x", ppid: 1, utime: 300, stime: 100, cutime: 5, cstime: 6 });
  });
});

describe("isBackendOf", () => {
  it("tells a backend of the bench database from other backends and from the server's helpers", () => {
    expect(isBackendOf("postgres: 15/main: postgres podbrief_bench 127.0.0.1(51234) idle\0", "podbrief_bench")).toBe(true);
    expect(isBackendOf("postgres: 15/main: postgres podbrief_test 127.0.0.1(51234) idle", "podbrief_bench")).toBe(false);
    expect(isBackendOf("postgres: 15/main: checkpointer ", "podbrief_bench")).toBe(false);
    expect(isBackendOf("/usr/lib/postgresql/15/bin/postgres\0-D\0podbrief_bench", "podbrief_bench")).toBe(false);
  });
});

describe("cpuMsBetween", () => {
  it("sums each process's growth, counts a new process whole and ignores one that ended", () => {
    const before = new Map([
      [1, 100],
      [2, 50],
    ]);
    const after = new Map([
      [1, 130],
      [3, 20],
    ]);
    // 30 + 20 ticks at 100 ticks a second (getconf CLK_TCK on Linux).
    expect(cpuMsBetween(before, after)).toBe(500);
  });
});

describe("processTreeCpu", () => {
  it("finds this process in /proc, with CPU time that grows as it works", () => {
    const before = processTreeCpu(process.pid);
    expect(before.has(process.pid)).toBe(true);
    let sink = 0;
    const until = process.cpuUsage().user + 100_000;
    while (process.cpuUsage().user < until) sink += Math.sqrt(sink + 1);
    expect(sink).toBeGreaterThan(0);
    expect(cpuMsBetween(before, processTreeCpu(process.pid))).toBeGreaterThan(0);
  });
});
