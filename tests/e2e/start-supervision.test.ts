/**
 * `npm start` as an operator meets it: a worker that crashes is restarted while the web server goes
 * on answering; a start process killed outright takes its children with it, so the port is free for
 * the next start; a port someone else holds is explained, not a stack trace; and with no mail server
 * the web server listens on this computer only.
 */
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RunningApp, startApp } from "@/tests/helpers/app-process";
import { childrenOf, descendantsOf, isAlive, portIsClosed, type ProcessInfo, waitUntil } from "@/tests/helpers/processes";

let app: RunningApp;
let dataDir: string;
const settings = () => ({ DATA_DIR: dataDir, DEMO_CONTENT: "off" });

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-start-"));
  app = await startApp(settings());
});

afterAll(async () => {
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The node process running scripts/start.ts, which hosts the embedded database. */
function startProcess(): ProcessInfo {
  return { pid: app.pid, command: "scripts/start.ts" };
}

function child(name: "worker/index.ts" | "scripts/web-server.ts"): ProcessInfo | undefined {
  return childrenOf(startProcess().pid).find((process) => process.command.includes(name));
}

async function health(host = "127.0.0.1"): Promise<number> {
  const response = await fetch(`http://${host}:${app.port}/api/health`);
  return response.status;
}

/** An address of this computer that is not loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === "IPv4" && !address.internal)?.address;
}

describe("npm start", () => {
  it("without a mail server listens on this computer only", async () => {
    expect(await health()).toBe(200);
    const outside = outsideAddress();
    if (!outside) return;
    await expect(fetch(`http://${outside}:${app.port}/api/health`)).rejects.toThrow();
    expect(app.output()).not.toContain("WARNING");
  });

  it("restarts a worker killed with SIGKILL, and the web server answers throughout", async () => {
    const worker = child("worker/index.ts")!;
    expect(worker).toBeDefined();
    process.kill(worker.pid, "SIGKILL");
    await waitUntil("the start process logs the crash", () => /worker stopped unexpectedly \(SIGKILL\); restarting it/.test(app.output()));
    expect(await health()).toBe(200);
    await waitUntil("a new worker runs", () => {
      const next = child("worker/index.ts");
      return next !== undefined && next.pid !== worker.pid;
    });
    expect(isAlive(startProcess().pid)).toBe(true);
    expect(await health()).toBe(200);
  });

  it("leaves nothing running when the start process is killed with SIGKILL, so the next start gets the port", async () => {
    const start = startProcess();
    const descendants = descendantsOf(start.pid);
    expect(descendants.length).toBeGreaterThan(0);
    process.kill(start.pid, "SIGKILL");
    await app.exited;
    await waitUntil("every process the killed start process ran has exited", () => descendants.every((c) => !isAlive(c.pid)));
    await waitUntil("the web port is free", () => portIsClosed(app.port));

    app = await startApp({ ...settings(), PORT: String(app.port) });
    expect(await health()).toBe(200);
  });

  it("stops everything on SIGTERM, each child finishing its own way", async () => {
    const descendants = descendantsOf(app.pid);
    expect(descendants.length).toBeGreaterThan(0);
    await app.stop();
    await waitUntil("every child has exited", () => descendants.every((c) => !isAlive(c.pid)));
    // The worker may still be starting (then it has nothing to finish); the web server is serving.
    expect(app.output()).toContain("[web] SIGTERM: stopping");
    // Stopping on purpose is not a crash: nothing is restarted.
    expect(app.output()).not.toContain("stopped unexpectedly");
  });

  it("names the process holding its port instead of failing with a stack trace", async () => {
    const port = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const failure = await startApp({ ...settings(), PORT: String(port) }).then(
        async (unexpected) => {
          await unexpected.stop();
          return "";
        },
        (error: Error) => error.message,
      );
      expect(failure).toContain(`Port ${port} (127.0.0.1) is already in use`);
      expect(failure).toContain(`held by process ${process.pid}`);
      expect(failure).not.toContain("EADDRINUSE");
      expect(failure).not.toMatch(/^\s+at /m);
    } finally {
      holder.close();
    }
  });
});
