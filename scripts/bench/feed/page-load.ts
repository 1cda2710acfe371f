/**
 * The feed page under load: the built app (the production web server, scripts/web-server.ts, built
 * first if its sources changed since the last build) runs against the bench database on its own port, and autocannon in this
 * process sends requests from many signed-in readers at once, each request carrying the session
 * cookie of the next reader in turn.
 *
 * Session cookies are what Auth.js itself would set: JWTs encoded with next-auth's `encode`, salted
 * with the cookie name and keyed with the server's AUTH_SECRET (lib/auth.ts uses JWT sessions).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { ensureBuild } from "../../ensure-build";

const root = path.resolve(import.meta.dirname, "../../..");
/** Plain HTTP, so Auth.js uses the unprefixed cookie name (no __Secure-). */
export const SESSION_COOKIE = "authjs.session-token";

export type AppServer = { url: string; pid: number; stop: () => Promise<void>; output: () => string };

/** The web server `npm start` runs, on the checkout's code: the build is brought up to date first, or the pages measured could be an older version's. */
export async function startAppServer({ port, env }: { port: number; env: Record<string, string> }): Promise<AppServer> {
  ensureBuild();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "web-server.ts")], {
    cwd: root,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", TSX_TSCONFIG_PATH: path.join(root, "tsconfig.node.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(force);
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, pid: child.pid!, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the web server did not answer /api/health within 2 minutes:\n${output}`);
}

export const FEED_PATH = "/feed";
/** app/(bench)/bench/bare: the baseline, served when the server has PODBRIEF_BENCH_PAGES=1. */
export const BARE_PATH = "/bench/bare";

/** Fails unless the page answers 200 with its cards, as a signed-in, onboarded reader sees it; prints its size. */
export async function checkPage(server: AppServer, pathname: string, cookie: string, log: (line: string) => void = console.log): Promise<void> {
  const response = await fetch(`${server.url}${pathname}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const cards = (body.match(/<article/g) ?? []).length;
  log(`   ${pathname}: HTTP ${response.status}, ${Math.round(body.length / 1024)} KB, ${cards} <article> cards`);
  if (response.status !== 200) throw new Error(`${pathname} answered ${response.status} ${response.headers.get("location") ?? ""}\n${server.output()}`);
  if (cards === 0) throw new Error(`${pathname} shows no cards: the comparison would mean nothing`);
}

export async function sessionCookie(user: { id: string; email: string; name: string }, secret: string): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name, picture: null }, secret, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}

export type LoadResult = {
  path: string;
  connections: number;
  /** Answered within the run. */
  requests: number;
  /** Sent, with those still unanswered when the run ended (the server renders them all the same). */
  sent: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** Sends requests to `pathname` over `connections` connections for `seconds`, rotating through the cookies. */
export async function loadPage({ url, pathname, cookies, connections, seconds }: { url: string; pathname: string; cookies: string[]; connections: number; seconds: number }): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: `${url}${pathname}`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length]! } }),
      },
    ],
  });
  return {
    path: pathname,
    connections,
    requests: result.requests.total,
    sent: result.requests.sent,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
