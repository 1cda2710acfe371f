/**
 * The one logger (pino): one JSON object a line at LOG_LEVEL; modules log through `moduleLog`, and jobs
 * and requests run inside `withLogContext` so every line carries their id. Pretty only when stdout is a
 * terminal, whatever NODE_ENV says: `npm start` runs a production web server and a worker in one
 * terminal. pino-pretty runs as a synchronous stream, not a worker-thread transport: Next.js bundling
 * cannot resolve a transport's worker file, and synchronous writes keep the last line before an exit.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { getLogLevel } from "@/lib/env";

export type { Logger };

type LogContext = Readonly<Record<string, string>>;

// Kept on globalThis: Next.js bundles its own copy of this module beside the one the web server
// loads, and both must see the context the web server set for a request.
const CONTEXT = Symbol.for("podbrief.log-context");
const shared = globalThis as { [CONTEXT]?: AsyncLocalStorage<LogContext> };
const context = (shared[CONTEXT] ??= new AsyncLocalStorage<LogContext>());

const PRETTY_FORMAT = { messageFormat: "{if module}[{module}] {end}{msg}", ignore: "pid,hostname,module" };

function defaultDestination(): DestinationStream {
  if (process.stdout.isTTY) return pretty({ sync: true, singleLine: true, translateTime: "SYS:HH:MM:ss.l", ...PRETTY_FORMAT });
  return pino.destination({ fd: 1, sync: true });
}

let destination: DestinationStream = defaultDestination();

export const log: Logger = pino(
  {
    level: getLogLevel(),
    base: { pid: process.pid },
    mixin: () => context.getStore() ?? {},
    serializers: { err: pino.stdSerializers.errWithCause },
  },
  // Children share this stream, so a destination set later reaches the loggers made before it.
  { write: (line: string) => destination.write(line) },
);

/** The logger of one module: its name is on every line ("[fetch] refused …" when read by a person). */
export function moduleLog(module: string): Logger {
  return log.child({ module });
}

/** Runs `work` with `bindings` (a job id, a request id) on every line logged inside it. */
export function withLogContext<T>(bindings: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...bindings }, work);
}

/**
 * Sends every line elsewhere from now on and returns where they went before: tests collect them; a
 * command-line tool whose stdout is its output sends them to stderr as plain lines (`plainLines`).
 */
export function setLogDestination(next: DestinationStream): DestinationStream {
  const previous = destination;
  destination = next;
  return previous;
}

/** "[module] message" lines without time or level, for a person reading a command-line tool's stderr. */
export function plainLines(fd: 1 | 2 = 2): DestinationStream {
  return pretty({ sync: true, destination: fd, colorize: false, hideObject: true, ...PRETTY_FORMAT, ignore: `${PRETTY_FORMAT.ignore},time,level` });
}
