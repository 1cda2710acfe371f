/** Runs the app exactly as `npm start` does, on free ports and a data folder of the test's own. */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

export type RunningApp = { url: string; stop: () => Promise<void>; output: () => string };

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

export async function startApp(env: Record<string, string>, timeoutMs = 120_000): Promise<RunningApp> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "scripts/start.ts"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", PORT: String(port), EMBEDDED_DB_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not become healthy in ${timeoutMs} ms:\n${output}`);
    }
    if (output.includes("Podbrief is running at")) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
