/** The pipeline's command line, run as a reader would run it (through tsx, as `npm run cli` does). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { OFFLINE_EXTRACTOR_ID } from "@/lib/insights/offline/offline-extractor";
import { CURATED_TOPICS } from "@/lib/topics/curated-topics";
import { corpusDir, corpusFile } from "@/tests/helpers/corpus";

function cliWithSettings(settings: Record<string, string>, ...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "scripts/cli.ts", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", ...settings },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cli = (...args: string[]) => cliWithSettings({}, ...args);

// Each case starts the CLI through tsx, up to five times: a start takes seconds, and 5+ s each on a
// busy machine, so the cases get minutes rather than vitest's default 5 s.
describe("npm run cli", { timeout: 300_000 }, () => {
  it("prints a parsed feed as JSON", () => {
    const { code, stdout } = cli("parse-feed", path.join(corpusDir, "feeds/feedjira_itunes_feedburner.xml"));
    expect(code).toBe(0);
    const feed = JSON.parse(stdout) as { title: string; episodes: { guid: string }[] };
    expect(feed.title).toBe("Welcome to Night Vale");
    expect(feed.episodes).toHaveLength(3);
  });

  it("says which Podcasting 2.0 tags of a feed it skipped, in the JSON and in a note", () => {
    const { code, stdout, stderr } = cli("parse-feed", path.join(import.meta.dirname, "../fixtures/feeds/value-for-value.xml"));
    expect(code).toBe(0);
    const feed = JSON.parse(stdout) as { funding: { url: string }[]; ignoredTags: { tag: string; count: number }[] };
    expect(feed.funding.map((link) => link.url)).toContain("https://boostagramball.example/support");
    expect(feed.ignoredTags).toContainEqual({ tag: "podcast:valueRecipient", count: 4 });
    expect(stderr.trim()).toBe(
      "note: skipped Podcasting 2.0 tags Podbrief does not read: podcast:liveItem (1), podcast:podroll (1), podcast:remoteItem (3), podcast:value (2), podcast:valueRecipient (4), podcast:valueTimeSplit (1)",
    );
  });

  it("prints a parsed transcript as JSON", () => {
    const { code, stdout } = cli("parse-transcript", path.join(corpusDir, "transcripts/transcriptator_podnews_daily_2024-01-25.vtt"));
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout) as { format: string; timed: boolean; segments: { speaker: string | null }[] };
    expect(transcript).toMatchObject({ format: "vtt", timed: true });
    expect(transcript.segments.length).toBeGreaterThan(5);
  });

  it("extracts grounded insights with curated topics from a transcript, without a database", () => {
    const name = "transcripts/talkpython_554-trustworthy-ai-in-healthcare.vtt";
    const { code, stdout, stderr } = cli("extract", path.join(corpusDir, name), "--title", "Trustworthy AI in healthcare", "--podcast", "Talk Python To Me");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      model: string;
      embeddingModel: string;
      costUsd: number | null;
      durationSeconds: number;
      insights: { headline: string; quote: string; startSeconds: number; endSeconds: number; topics: { slug: string; name: string; score: number }[] }[];
    };
    expect(result).toMatchObject({ model: OFFLINE_EXTRACTOR_ID, embeddingModel: "use-lite-512", costUsd: null });
    expect(result.durationSeconds).toBeGreaterThan(0);
    expect(result.insights.length).toBeGreaterThan(0);
    expect(stdout).not.toContain('"embedding"');

    const flat = (text: string) => text.replace(/\s+/g, " ").trim();
    const transcript = flat(parseTranscript(corpusFile(name), { url: `https://example.com/${name}` }).text);
    const topicNames = new Map(CURATED_TOPICS.map((topic) => [topic.slug, topic.name]));
    for (const insight of result.insights) {
      expect(insight.headline.length).toBeGreaterThan(0);
      expect(transcript).toContain(flat(insight.quote));
      expect(Number.isFinite(insight.startSeconds) && Number.isFinite(insight.endSeconds)).toBe(true);
      expect(insight.endSeconds).toBeGreaterThanOrEqual(insight.startSeconds);
      for (const topic of insight.topics) expect(topicNames.get(topic.slug)).toBe(topic.name);
    }
    expect(result.insights.some((insight) => insight.topics.length > 0)).toBe(true);
  });

  it("ends with a one-line error and exit code 1 for bad input", () => {
    const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-cli-")), "page.html");
    fs.writeFileSync(html, "<!doctype html><html><body>Not a feed</body></html>");
    for (const [command, file, message] of [
      ["parse-feed", html, /HTML page/],
      ["parse-feed", "/no/such/feed.xml", /no such file: \/no\/such\/feed.xml/],
      ["parse-transcript", path.join(corpusDir, "feeds"), /is a folder/],
      ["parse-feed", "http://127.0.0.1:9/feed.xml", /points to this computer/],
      ["extract", "/no/such/episode.vtt", /no such file: \/no\/such\/episode.vtt/],
    ] as const) {
      const { code, stdout, stderr } = cli(command, file);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      // One error line; a refused address on this computer also gets the operator's hint line.
      const lines = stderr.trim().split("\n");
      expect(lines.filter((line) => line.startsWith("error: "))).toHaveLength(1);
      expect(lines.filter((line) => !line.startsWith("error: ") && !/^\[fetch\] .*FETCH_ALLOWED_HOSTS/.test(line))).toEqual([]);
      expect(stderr).toMatch(message);
    }
  });

  it("names the setting to fix when extraction is configured wrongly", () => {
    const vtt = path.join(corpusDir, "transcripts/transcriptator_podnews_daily_2024-01-25.vtt");
    const { code, stdout, stderr } = cliWithSettings({ AI_PROVIDER: "openai" }, "extract", vtt);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^error: .*OPENAI_API_KEY is required when AI_PROVIDER is openai/);
  });

  it("shows its usage, exit code 2, for a wrong command", () => {
    for (const args of [["parse-everything", "x"], ["extract"], ["extract", "x.vtt", "--speed", "2"], ["parse-feed", "x.xml", "--title", "T"]]) {
      const { code, stderr } = cli(...args);
      expect(code).toBe(2);
      expect(stderr).toContain("npm run cli -- parse-feed <file-or-url>");
      expect(stderr).toContain("npm run cli -- extract <transcript-file-or-url>");
    }
  });
});
