/** The load average every bench prints before and after it measures: on a shared machine, the context its figures need. */
import os from "node:os";

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/** One line: "load average <when> (1, 5, 15 min): 1.23 0.98 0.70". */
export function printLoad(when: string, log: (line: string) => void = console.log): void {
  log(`load average ${when} (1, 5, 15 min): ${loadAverage()}`);
}
