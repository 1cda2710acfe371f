/** The pipeline's command line, run as a reader would run it (through tsx, as `npm run cli` does). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir } from "@/tests/helpers/corpus";

function cli(...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "scripts/cli.ts", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run cli", () => {
  it("prints a parsed feed as JSON", () => {
    const { code, stdout } = cli("parse-feed", path.join(corpusDir, "feeds/feedjira_itunes_feedburner.xml"));
    expect(code).toBe(0);
    const feed = JSON.parse(stdout) as { title: string; episodes: { guid: string }[] };
    expect(feed.title).toBe("Welcome to Night Vale");
    expect(feed.episodes).toHaveLength(3);
  });

  it("prints a parsed transcript as JSON", () => {
    const { code, stdout } = cli("parse-transcript", path.join(corpusDir, "transcripts/transcriptator_podnews_daily_2024-01-25.vtt"));
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout) as { format: string; timed: boolean; segments: { speaker: string | null }[] };
    expect(transcript).toMatchObject({ format: "vtt", timed: true });
    expect(transcript.segments.length).toBeGreaterThan(5);
  });

  it("ends with a one-line error and exit code 1 for bad input", () => {
    const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-cli-")), "page.html");
    fs.writeFileSync(html, "<!doctype html><html><body>Not a feed</body></html>");
    for (const [command, file, message] of [
      ["parse-feed", html, /HTML page/],
      ["parse-feed", "/no/such/feed.xml", /no such file: \/no\/such\/feed.xml/],
      ["parse-transcript", path.join(corpusDir, "feeds"), /is a folder/],
      ["parse-feed", "http://127.0.0.1:9/feed.xml", /points to this computer/],
    ] as const) {
      const { code, stdout, stderr } = cli(command, file);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  });

  it("shows its usage, exit code 2, for a wrong command", () => {
    const { code, stderr } = cli("parse-everything", "x");
    expect(code).toBe(2);
    expect(stderr).toContain("npm run cli -- parse-feed <file-or-url>");
  });
});
