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
import { stampClientAddress, trustedProxyMatcher } from "@/lib/net/client-address";
import { describePortInUse, PORT_IN_USE_EXIT_CODE } from "./port-in-use";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");

function log(message: string) {
  console.log(`[web] ${message}`);
}

async function main() {
  const env = getEnv();
  const isTrustedProxy = trustedProxyMatcher(env.TRUSTED_PROXIES);
  const server = http.createServer();
  const app = next({ dev, dir: root, hostname: env.listenHost, port: env.PORT, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();

  server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    stampClientAddress(request.headers, request.socket.remoteAddress, isTrustedProxy);
    handle(request, response).catch((error: unknown) => {
      console.error("[web] request failed:", error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.listenHost, () => {
      server.off("error", reject);
      resolve();
    });
  });
  log(`listening on ${env.listenHost ?? "every interface"}, port ${env.PORT}${dev ? " (development, hot reload)" : ""}`);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping`);
    // Requests under way get a few seconds; the listening socket closes at once.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  onParentGone = () => stop("npm start is gone");
}

// The channel to `npm start` closes when it exits, however it died; before the server listens there
// is nothing to finish.
let onParentGone: () => void = () => process.exit(1);
if (process.connected) process.on("disconnect", () => onParentGone());

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    const { PORT, listenHost } = getEnv();
    for (const line of describePortInUse(PORT, listenHost).split("\n")) console.error(`[web] ${line}`);
    process.exit(PORT_IN_USE_EXIT_CODE);
  }
  console.error("[web] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
