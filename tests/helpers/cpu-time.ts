/**
 * Milliseconds of CPU this process spent running `run`. Tests that bound how long some work takes
 * (linear parsing, no catastrophic backtracking) measure this instead of the wall clock, which on a
 * busy machine also counts the time other processes had the CPU. Each test file runs in a process of
 * its own (vitest's forks pool), so nothing else is counted.
 */
export function cpuMillis(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
