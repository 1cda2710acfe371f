/**
 * `npm start`: everything Podbrief needs, in one command. Without DATABASE_URL it runs the embedded
 * database (PGlite behind a loopback socket) in this process, applies the migrations, builds the web
 * app if its sources changed, then runs the web server and one worker as child processes. Ctrl-C
 * stops them all and closes the database cleanly. `--dev` runs `next dev` instead of the build.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EmbeddedServer, startEmbeddedServer } from "@/lib/db/embedded-server";
import { applyMigrations } from "@/lib/db/migrate";
import { EnvError, getEnv } from "@/lib/env";
import { ensureBuild } from "./ensure-build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];
let embedded: EmbeddedServer | undefined;
let shuttingDown = false;

function log(message: string) {
  console.log(`[podbrief] ${message}`);
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
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

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
  child.once("exit", (code, signal) => {
    if (shuttingDown) return;
    log(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
  children.push(child);
  return child;
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

async function main() {
  const env = getEnv();
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(env.PORT) };
  if (env.embeddedDatabase) {
    embedded = await startEmbeddedServer({ dataDir: env.dataDir, port: env.EMBEDDED_DB_PORT });
    childEnv.EMBEDDED_DB_PORT = String(embedded.port);
    log(`embedded database (PGlite) in ${path.relative(root, env.dataDir) || "."}, serving on 127.0.0.1:${embedded.port}`);
  } else {
    log("using the PostgreSQL server in DATABASE_URL");
  }
  const databaseUrl = embedded?.url ?? env.databaseUrl;

  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  if (!dev) ensureBuild();

  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  run("web server", process.execPath, [next, dev ? "dev" : "start", "--port", String(env.PORT)], childEnv);
  run("worker", tsx, ["--tsconfig", "tsconfig.node.json", "worker/index.ts"], childEnv);

  if (await waitForHealth(`http://127.0.0.1:${env.PORT}/api/health`, 120_000)) {
    log(`Podbrief is running at ${env.appUrl}`);
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[podbrief] could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
