import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function run(script: string, env: Record<string, string>) {
  const result = spawnSync("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Each case starts a process through tsx: seconds, and 5+ s on a busy machine, past vitest's default 5 s.
const SPAWNING = { timeout: 120_000 };

describe.each([
  ["npm start", "scripts/start.ts"],
  ["npm run worker", "worker/index.ts"],
])("%s with a bad setting", (_name, script) => {
  it("stops at once with a message that names the setting, without a stack trace", SPAWNING, () => {
    const { status, output } = run(script, { DATABASE_URL: "mysql://localhost/podbrief", PORT: "3000" });
    expect(status).toBe(1);
    expect(output).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    expect(output).not.toMatch(/^\s+at /m);
  });

  it("names a missing setting", SPAWNING, () => {
    const { status, output } = run(script, { AUTH_GITHUB_ID: "client-id" });
    expect(status).toBe(1);
    expect(output).toContain("AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set");
    expect(output).not.toMatch(/^\s+at /m);
  });
});
