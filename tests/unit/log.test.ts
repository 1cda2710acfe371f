import { afterEach, describe, expect, it } from "vitest";
import { EnvError, getLogLevel, parseEnv } from "@/lib/env";
import { log, moduleLog, setLogDestination, withLogContext } from "@/lib/log";

type Line = { level: number; msg: string; module?: string; job?: string; jobId?: string; requestId?: string };

function collect(): Line[] {
  const lines: Line[] = [];
  const previous = setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  restore = () => setLogDestination(previous);
  return lines;
}

let restore = () => {};
afterEach(() => restore());

describe("the logger", () => {
  it("puts the job's id on every line logged while the job runs, however deep, and on none after", async () => {
    const lines = collect();
    const fetchLog = moduleLog("fetch");
    await withLogContext({ job: "poll-podcast", jobId: "job-1" }, async () => {
      await Promise.resolve();
      fetchLog.warn("refused");
      await withLogContext({ requestId: "req-1" }, async () => log.warn("inner"));
    });
    log.warn("after");
    expect(lines).toMatchObject([
      { module: "fetch", job: "poll-podcast", jobId: "job-1", msg: "refused" },
      { job: "poll-podcast", jobId: "job-1", requestId: "req-1", msg: "inner" },
      { msg: "after" },
    ]);
    expect(lines[2]).not.toHaveProperty("jobId");
  });
});

describe("LOG_LEVEL", () => {
  it("is info unless set, and warn under tests", () => {
    expect(getLogLevel({})).toBe("info");
    expect(getLogLevel({ NODE_ENV: "test" })).toBe("warn");
    expect(getLogLevel({ LOG_LEVEL: "Debug" })).toBe("debug");
  });

  it("is refused by name when malformed, while the logger keeps its default to say so", () => {
    expect(getLogLevel({ LOG_LEVEL: "loud" })).toBe("info");
    expect(() => parseEnv({ LOG_LEVEL: "loud" }, "/tmp")).toThrow(EnvError);
    expect(() => parseEnv({ LOG_LEVEL: "loud" }, "/tmp")).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});
