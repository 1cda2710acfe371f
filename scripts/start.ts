/**
 * `npm start`: everything Podbrief needs, in one command. Without DATABASE_URL it runs the embedded
 * database (PGlite behind a loopback socket) in this process, applies the migrations, builds the web
 * app if its sources changed, then runs the web server (scripts/web-server.ts) and one worker as
 * child processes. `--dev` runs the web server with hot reload instead of the build.
 *
 * It supervises them: a child that crashes is restarted, after a wait that doubles with each crash
 * in a row (1 s up to 30 s); only Ctrl-C or SIGTERM stops everything, closing the database cleanly.
 * Each child has an IPC channel to this process and exits when it closes, so even a SIGKILL of this
 * process leaves nothing running and holding the port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EmbeddedServer, startEmbeddedServer } from "@/lib/db/embedded-server";
import { applyMigrations } from "@/lib/db/migrate";
import { type Env, EnvError, getEnv } from "@/lib/env";
import { moduleLog } from "@/lib/log";
import { ensureBuild } from "./ensure-build";
import { PORT_IN_USE_EXIT_CODE, portProblem } from "./port-in-use";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A child that ran this long before crashing starts its backoff afresh. */
const STABLE_AFTER_MS = 60_000;

type Supervised = {
  name: string;
  script: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  startedAt: number;
  crashesInARow: number;
  restartTimer?: NodeJS.Timeout;
};

const supervised: Supervised[] = [];
let embedded: EmbeddedServer | undefined;
let shuttingDown = false;

const log = moduleLog("podbrief");

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const entry of supervised) clearTimeout(entry.restartTimer);
  const alive = supervised.map((entry) => entry.child).filter((child): child is ChildProcess => !!child && child.exitCode === null && child.signalCode === null);
  for (const child of alive) child.kill("SIGTERM");
  await Promise.all(
    alive.map(
      (child) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
        }),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}

/** Runs a TypeScript entry point in a node child of its own (tsx as a loader, so no wrapper process sits between). */
function launch(entry: Supervised) {
  const child = spawn(process.execPath, ["--import", "tsx", entry.script, ...entry.args], {
    cwd: root,
    env: { ...entry.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.node.json") },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  entry.child = child;
  entry.startedAt = Date.now();
  child.once("exit", (code, signal) => {
    if (shuttingDown) return;
    if (code === PORT_IN_USE_EXIT_CODE) {
      log.error(`${entry.name} could not listen (see above); stopping everything.`);
      void shutdown(1);
      return;
    }
    if (Date.now() - entry.startedAt >= STABLE_AFTER_MS) entry.crashesInARow = 0;
    const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** entry.crashesInARow);
    entry.crashesInARow += 1;
    log.error(`${entry.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it in ${delay / 1000} s.`);
    entry.restartTimer = setTimeout(() => {
      if (shuttingDown) return;
      log.info(`restarting the ${entry.name}`);
      launch(entry);
    }, delay);
  });
}

function supervise(name: string, script: string, args: string[], env: NodeJS.ProcessEnv) {
  const entry: Supervised = { name, script, args, env, startedAt: Date.now(), crashesInARow: 0 };
  supervised.push(entry);
  launch(entry);
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Sign-in links reachable from other computers with no mail server: say so, loudly, before anything else. */
function warnAboutSignInLinks(env: Env) {
  if (env.mailTransport !== "outbox" || !env.listensBeyondLoopback) return;
  const where = env.listenHost ?? "every interface";
  const rule = "!".repeat(78);
  const lines = [
    rule,
    `WARNING: Podbrief listens on ${where} (HOST), so other computers can reach it,`,
    "but no mail server is set (SMTP_URL). Sign-in links are NOT mailed: they are printed",
    "in this console only, and readers on other computers cannot sign in by email.",
    env.MAIL_OUTBOX === "on"
      ? "MAIL_OUTBOX=on shows the outbox, and every sign-in link in it, to ANYONE who can reach\nthis server: anyone can sign in as anyone. Use it only on a network you trust."
      : "The local outbox (/dev/outbox) opens only on this computer (MAIL_OUTBOX=on opens it to all).",
    "Set SMTP_URL to mail the links, or HOST=127.0.0.1 to keep Podbrief on this computer.",
    rule,
  ];
  log.warn(lines.join("\n"));
}

async function main() {
  const env = getEnv();
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  warnAboutSignInLinks(env);
  // A web server left from a start that was killed would hold the port: name it before doing any work.
  const problem = await portProblem(env.PORT, env.listenHost);
  if (problem) {
    log.fatal(problem);
    process.exit(1);
  }

  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(env.PORT) };
  if (env.embeddedDatabase) {
    embedded = await startEmbeddedServer({ dataDir: env.dataDir, port: env.EMBEDDED_DB_PORT });
    childEnv.EMBEDDED_DB_PORT = String(embedded.port);
    log.info(`embedded database (PGlite) in ${path.relative(root, env.dataDir) || "."}, serving on 127.0.0.1:${embedded.port}`);
  } else {
    log.info("using the PostgreSQL server in DATABASE_URL");
  }
  const databaseUrl = embedded?.url ?? env.databaseUrl;

  const applied = await applyMigrations(databaseUrl);
  log.info(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  if (!dev) ensureBuild();

  // The web server runs as `next start` would, in production mode unless --dev.
  supervise("web server", "scripts/web-server.ts", dev ? ["--dev"] : [], { ...childEnv, NODE_ENV: dev ? "development" : "production" });
  supervise("worker", "worker/index.ts", [], childEnv);

  const healthHost = env.listenHost === undefined || env.listenHost === "0.0.0.0" || env.listenHost === "::" ? "127.0.0.1" : env.listenHost;
  if (await waitForHealth(`http://${healthHost.includes(":") ? `[${healthHost}]` : healthHost}:${env.PORT}/api/health`, 120_000)) {
    log.info(`Podbrief is running at ${env.appUrl}`);
  }
}

main().catch(async (error: unknown) => {
  if (error instanceof EnvError) log.fatal(error.message);
  else log.fatal({ err: error }, "could not start");
  await shutdown(1);
});
