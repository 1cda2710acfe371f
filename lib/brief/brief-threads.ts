/**
 * The brief on every core: the scheduler's batches are chosen (candidate reads and ranking, the CPU
 * of a morning's run) in worker threads, BRIEF_THREADS of them, while the main thread stores the
 * briefs and queues their sends, so exactly-once delivery stays where it was. With one thread the
 * main thread chooses, as before.
 *
 * Threads load the TypeScript sources themselves (tsx, with tsconfig.node.json): the worker runs
 * under tsx, vitest or `node --import tsx`, and a thread inherits none of their loaders reliably.
 */
import "server-only";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { chooseBriefsForMany, type BriefChoice, type ChooseBriefs } from "@/lib/brief/choose-brief";
import type { ChooseMessage, ChosenMessage } from "@/lib/brief/brief-thread-messages";
import { getEnv } from "@/lib/env";

const here = path.dirname(fileURLToPath(import.meta.url));
const BOOT = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then(async ({ register }) => {
  register({ tsconfig: workerData.tsconfig });
  await import(workerData.entry);
});
`;

type Pending = { resolve: (choices: Map<string, BriefChoice>) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending> };

/** Node options a thread keeps: everything but module loaders, which the thread sets up itself. */
function threadExecArgv(): string[] {
  const kept: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    if (/^--(import|require|loader|experimental-loader)$/.test(arg) || arg === "-r") i++;
    else if (!/^--(import|require|loader|experimental-loader)=/.test(arg)) kept.push(arg);
  }
  return kept;
}

/** A fixed set of threads that choose briefs; each batch goes to the one with the least in hand. */
export class BriefThreads {
  private readonly threads: Thread[] = [];
  private nextId = 0;

  constructor(readonly size: number) {}

  choose: ChooseBriefs = (requests, now) => {
    const thread = this.leastBusy();
    const id = this.nextId++;
    // Referenced while it holds a batch, so the process waits for it; idle, it keeps nothing alive.
    thread.worker.ref();
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, requests: [...requests], now } satisfies ChooseMessage);
    });
  };

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private leastBusy(): Thread {
    if (this.threads.length < this.size) return this.start();
    return this.threads.reduce((best, thread) => (thread.pending.size < best.pending.size ? thread : best));
  }

  private start(): Thread {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: threadExecArgv(),
      workerData: {
        tsx: pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href,
        tsconfig: path.join(here, "../../tsconfig.node.json"),
        entry: pathToFileURL(path.join(here, "choose-brief-thread.ts")).href,
      },
    });
    const thread: Thread = { worker, pending: new Map() };
    worker.on("message", (message: ChosenMessage) => {
      const pending = thread.pending.get(message.id);
      thread.pending.delete(message.id);
      if (thread.pending.size === 0) worker.unref();
      if ("error" in message) pending?.reject(new Error(`a brief thread failed: ${message.error}`));
      else pending?.resolve(new Map(message.choices));
    });
    // A thread that dies fails what it held (the scheduler's next run composes those readers) and is replaced on demand.
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a brief thread exited (code ${code})`)));
    this.threads.push(thread);
    return thread;
  }
}

let shared: BriefThreads | undefined;

/** How the scheduler chooses a batch of briefs: on the brief threads, or here when BRIEF_THREADS is 1. */
export function briefChooser(): { choose: ChooseBriefs; threads: number } {
  const threads = getEnv().BRIEF_THREADS;
  if (threads <= 1) return { choose: chooseBriefsForMany, threads: 1 };
  shared ??= new BriefThreads(threads);
  return { choose: shared.choose, threads };
}

/** Stops the brief threads (when the worker stops, and after tests). */
export async function closeBriefThreads(): Promise<void> {
  const threads = shared;
  shared = undefined;
  await threads?.close();
}
