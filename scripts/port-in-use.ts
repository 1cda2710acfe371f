/**
 * A port someone else holds, explained. The usual holder is a Podbrief web server left behind by an
 * `npm start` that was killed outright; the message names the process (found through /proc on
 * Linux) so the reader knows what to stop, instead of a stack trace ending in EADDRINUSE.
 */
import fs from "node:fs";
import net from "node:net";

/** The web server's exit code when its port is taken: `npm start` stops instead of restarting it. */
export const PORT_IN_USE_EXIT_CODE = 3;

/** Null when `port` can be listened on at `host`, otherwise a message that says what holds it. */
export async function portProblem(port: number, host: string | undefined): Promise<string | null> {
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const probe = net.createServer();
    probe.once("error", (problem: NodeJS.ErrnoException) => resolve(problem));
    probe.listen({ port, host }, () => probe.close(() => resolve(null)));
  });
  if (!error) return null;
  if (error.code === "EADDRINUSE") return describePortInUse(port, host);
  if (error.code === "EACCES") return `Podbrief may not listen on port ${port}: ports below 1024 need extra privileges. Choose another, e.g. PORT=3000.`;
  if (error.code === "EADDRNOTAVAIL") return `Podbrief cannot listen on ${host}: this computer has no such address. Set HOST to one of its addresses, or leave it unset.`;
  return `Podbrief cannot listen on ${host ?? "every interface"} port ${port}: ${error.message}`;
}

export function describePortInUse(port: number, host: string | undefined): string {
  const holder = findPortHolder(port);
  const where = `port ${port}${host ? ` (${host})` : ""}`;
  const lines = [`${where[0]!.toUpperCase()}${where.slice(1)} is already in use, so Podbrief's web server cannot listen on it.`];
  if (holder) {
    lines.push(`  It is held by process ${holder.pid}: ${holder.command}`);
    if (/web-server|next-server|next\b.*\bstart|podbrief/i.test(holder.command)) {
      lines.push("  That looks like a Podbrief web server left running by an earlier start that was killed.");
    }
    lines.push(`  Stop it (kill ${holder.pid}) and start again, or choose another port, e.g. PORT=${port + 1}.`);
  } else {
    lines.push(`  Find what holds it with: ss -ltnp 'sport = :${port}'   (or: lsof -i :${port})`);
    lines.push(`  Stop that process and start again, or choose another port, e.g. PORT=${port + 1}.`);
  }
  return lines.join("\n");
}

/** The process listening on a TCP port, read from /proc; null elsewhere or when it is another user's. */
export function findPortHolder(port: number): { pid: number; command: string } | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st … inode: the local address is HEXIP:HEXPORT, st 0A is LISTEN.
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== "0A") continue;
      if (Number.parseInt(fields[1]!.split(":")[1]!, 16) === port) inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return null;
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(pid), command: commandLine(pid) };
    }
  }
  return null;
}

function commandLine(pid: string): string {
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return command || "(unknown command)";
  } catch {
    return "(unknown command)";
  }
}
