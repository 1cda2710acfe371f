/**
 * The web server: Next.js behind node's own HTTP server. `npm start` runs it (`--dev` for hot
 * reload), and `npm run serve` runs it alone beside separate workers.
 *
 * Why not `next start`: Next.js gives pages and route handlers no socket, and passes on whatever
 * X-Forwarded-For the client wrote. So before Next sees a request, this stamps the socket's peer
 * and the client's address on it (lib/net/client-address.ts); the local outbox and the rate limits
 * read those. That is the only work it adds to a request.
 *
 * Started by `npm start`, it has an IPC channel to it and exits when the channel closes, so a
 * killed `npm start` never leaves it running and holding the port.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { EnvError, getEnv } from "@/lib/env";
import { moduleLog, withLogContext } from "@/lib/log";
import { metrics, startProcessMetrics, statusClass } from "@/lib/metrics/registry";
import { loadRoutePattern, type RoutePattern } from "@/lib/metrics/route-pattern";
import { stampClientAddress, trustedProxyMatcher } from "@/lib/net/client-address";
import { REQUEST_ID_HEADER, stampRequestId } from "@/lib/net/request-id";
import { describePortInUse, PORT_IN_USE_EXIT_CODE } from "./port-in-use";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");

const log = moduleLog("web");

async function main() {
  const env = getEnv();
  const isTrustedProxy = trustedProxyMatcher(env.TRUSTED_PROXIES);
  const server = http.createServer();
  const app = next({ dev, dir: root, hostname: env.listenHost, port: env.PORT, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Request latency is timed here, around everything Next.js does, labelled by the route the build's
  // routes manifest names (lib/metrics/route-pattern.ts): Next.js gives a server no per-request hook.
  // In development the manifest grows as pages compile, so it is read again for each request there.
  const distDir = path.join(root, ".next");
  const built = dev ? null : loadRoutePattern(distDir);
  const timeRequest = env.metricsEnabled ? requestTimer(() => built ?? loadRoutePattern(distDir)) : null;
  if (env.metricsEnabled) startProcessMetrics("web");

  server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    timeRequest?.(request, response);
    stampClientAddress(request.headers, request.socket.remoteAddress, isTrustedProxy);
    const requestId = stampRequestId(request.headers);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // Everything Next.js runs for this request, server actions and route handlers too, logs with its id.
    withLogContext({ requestId }, () =>
      handle(request, response).catch((error: unknown) => {
        log.error({ err: error }, "request failed");
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.listenHost, () => {
      server.off("error", reject);
      resolve();
    });
  });
  log.info(`listening on ${env.listenHost ?? "every interface"}, port ${env.PORT}${dev ? " (development, hot reload)" : ""}`);
  if (env.metricsEnabled) {
    log.info(env.METRICS_TOKEN ? "metrics at /metrics: for this computer, and for others with the bearer token" : "metrics at /metrics: for this computer only (set METRICS_TOKEN to scrape from another)");
  }

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${why}: stopping`);
    // Requests under way get a few seconds; the listening socket closes at once.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  onParentGone = () => stop("npm start is gone");
}

/** Observes each request's duration when its response ends, or when its client goes ("aborted"). */
function requestTimer(routes: () => RoutePattern) {
  const { requestDuration } = metrics();
  return (request: http.IncomingMessage, response: http.ServerResponse) => {
    const end = requestDuration.startTimer();
    response.once("close", () => {
      end({
        // Node's parser accepts only the methods it knows, so this label stays a short list.
        method: request.method ?? "GET",
        route: routes()(new URL(request.url ?? "/", "http://localhost").pathname),
        status_class: response.writableFinished ? statusClass(response.statusCode) : "aborted",
      });
    });
  };
}

// The channel to `npm start` closes when it exits, however it died; before the server listens there
// is nothing to finish.
let onParentGone: () => void = () => process.exit(1);
if (process.connected) process.on("disconnect", () => onParentGone());

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    log.fatal(error.message);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    const { PORT, listenHost } = getEnv();
    log.fatal(describePortInUse(PORT, listenHost));
    process.exit(PORT_IN_USE_EXIT_CODE);
  }
  log.fatal({ err: error }, "could not start");
  process.exit(1);
});
