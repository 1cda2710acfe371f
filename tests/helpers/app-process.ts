/** Runs the app exactly as `npm start` does, on free ports and a data folder of the test's own. */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type RunningApp = {
  url: string;
  /** The `npm start` process (scripts/start.ts). */
  pid: number;
  port: number;
  stop: () => Promise<void>;
  /** What the app printed, its log lines as a person reads them (see `readable`). */
  output: () => string;
  /** The app's log lines, as logged. */
  logs: () => LogEntry[];
  /** Resolves when the `npm start` process has exited. */
  exited: Promise<void>;
};

export type LogEntry = { level: number; msg: string; module?: string; job?: string; jobId?: string };

function logEntry(line: string): LogEntry | null {
  if (!line.startsWith("{")) return null;
  try {
    const entry = JSON.parse(line) as Partial<LogEntry>;
    return typeof entry.msg === "string" && typeof entry.level === "number" ? (entry as LogEntry) : null;
  } catch {
    return null;
  }
}

/**
 * Off a terminal the app logs one JSON object a line; read here as it printed before it did:
 * "[module] message", "[module][error] message" from level error up. Other lines (Next.js's own) stay.
 */
function readable(output: string): string {
  return output
    .split("\n")
    .map((line) => {
      const entry = logEntry(line);
      if (!entry) return line;
      const prefix = `${entry.module ? `[${entry.module}]` : ""}${entry.level >= 50 ? "[error]" : ""}`;
      return prefix ? `${prefix} ${entry.msg}` : entry.msg;
    })
    .join("\n");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Opening the embedded database, migrating and starting Next took over a minute at load 12.
export async function startApp(env: Record<string, string>, timeoutMs = 180_000): Promise<RunningApp> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let output = "";
  // As `npm start` runs it: node with tsx as a loader, so signals reach the start process itself.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", PORT: String(port), EMBEDDED_DB_PORT: "0", TSX_TSCONFIG_PATH: "tsconfig.node.json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start:\n${readable(output)}`);
    if (Date.now() > deadline) {
      // SIGTERM, which tsx passes on to scripts/start.ts and that to its children: a SIGKILL would stop
      // only tsx's own process and leave the app, its database and its port behind.
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      throw new Error(`the app did not become healthy in ${timeoutMs} ms:\n${readable(output)}`);
    }
    if (output.includes("Podbrief is running at")) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    port,
    exited,
    output: () => readable(output),
    logs: () => output.split("\n").map(logEntry).filter((entry) => entry !== null),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Until the app's worker has related every demo episode's insights (it logs one line per job done). */
export async function waitForDemoInsights(app: RunningApp, timeoutMs = 180_000): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../demo/manifest.json"), "utf8")) as { transcripts: object };
  const episodes = Object.keys(manifest.transcripts).length;
  const deadline = Date.now() + timeoutMs;
  while (app.logs().filter((entry) => entry.job === "relate-insights" && entry.msg === "done").length < episodes) {
    if (Date.now() > deadline) throw new Error(`the demo insights were not ready in time:\n${app.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
