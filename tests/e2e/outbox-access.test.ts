/**
 * The local outbox holds working sign-in links, so it opens only for requests whose socket comes
 * from this computer, whatever X-Forwarded-For (or our own stamp header) the client writes, unless
 * MAIL_OUTBOX=on opens it on purpose. The app listens on every interface here, as a self-hoster's
 * server would, and is asked through this machine's own non-loopback address.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "@/tests/helpers/app-process";

const outside = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

let dataDir: string;
const apps: RunningApp[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-outbox-"));
});

afterAll(async () => {
  for (const app of apps) await app.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp({ DATA_DIR: dataDir, DEMO_CONTENT: "off", HOST: "0.0.0.0", ...env });
  apps.push(app);
  return app;
}

async function outbox(app: RunningApp, host: string, headers: Record<string, string> = {}) {
  const response = await fetch(`http://${host}:${app.port}/dev/outbox`, { headers });
  return { status: response.status, body: await response.text() };
}

/** Asks for a sign-in link as the sign-in form does, from this computer. */
async function requestSignInLink(app: RunningApp, email: string) {
  const csrf = await fetch(`http://127.0.0.1:${app.port}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const response = await fetch(`http://127.0.0.1:${app.port}/api/auth/signin/nodemailer`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email, csrfToken }),
    redirect: "manual",
  });
  expect(response.headers.get("location")).toContain("verify-request");
}

const forged = { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", "x-podbrief-peer": "127.0.0.1", "x-podbrief-client-ip": "127.0.0.1" };

describe.skipIf(!outside)("the local outbox on a server others can reach", () => {
  it("warns at start that sign-in links go only to the console", async () => {
    const app = await start({});
    expect(app.output()).toContain("WARNING: Podbrief listens on 0.0.0.0");
    expect(app.output()).toContain("Sign-in links are NOT mailed");
    expect(app.output()).toContain("opens only on this computer");
  });

  it("is served on loopback, and refused from another address even with X-Forwarded-For: 127.0.0.1", async () => {
    const app = apps[0]!;
    const email = `reader-${Date.now()}@example.com`;
    await requestSignInLink(app, email);
    const local = await outbox(app, "127.0.0.1");
    expect(local.status).toBe(200);
    expect(local.body).toContain(email);
    expect(local.body).toContain("token=");

    // Through a reverse proxy on this computer the socket is loopback, but the client is elsewhere.
    const proxied = await outbox(app, "127.0.0.1", { "x-forwarded-for": "198.51.100.7" });
    expect(proxied.status).toBe(404);
    expect(proxied.body).not.toContain(email);

    const remote = await outbox(app, outside!, forged);
    expect(remote.status).toBe(404);
    expect(remote.body).toContain("Page not found");
    expect(remote.body).not.toContain(email);
    expect(remote.body).not.toContain("token=");
  });

  it("is served to every client with MAIL_OUTBOX=on, and the start says how open that is", async () => {
    await apps[0]!.stop();
    const app = await start({ MAIL_OUTBOX: "on" });
    expect(app.output()).toContain("anyone can sign in as anyone");
    const remote = await outbox(app, outside!);
    expect(remote.status).toBe(200);
    expect(remote.body).toContain("Podbrief keeps its mail here");
  });
});
