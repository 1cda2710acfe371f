/** Processes as Linux's /proc shows them, for tests of what `npm start` leaves running. */
import fs from "node:fs";
import net from "node:net";

export type ProcessInfo = { pid: number; command: string };

/** Live (not zombie) processes whose parent is `pid`. */
export function childrenOf(pid: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.parent === pid && stat.state !== "Z") found.push({ pid: Number(entry), command: commandOf(Number(entry)) });
  }
  return found;
}

/** Live children of `pid`, their children, and so on. */
export function descendantsOf(pid: number): ProcessInfo[] {
  const children = childrenOf(pid);
  return [...children, ...children.flatMap((child) => descendantsOf(child.pid))];
}

/** False once the process has exited, also while it lingers as a zombie nobody reaped. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.state !== "Z" && stat.state !== "X";
}

/** True when nothing accepts connections on 127.0.0.1:`port`. */
export function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** Polls `check` every half second until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function readStat(pid: number): { state: string; parent: number } | null {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: state!, parent: Number(parent) };
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}
