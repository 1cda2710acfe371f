/**
 * `npm run cli -- parse-feed <file-or-url>` and `npm run cli -- parse-transcript <file-or-url>`:
 * the ingestion parsers on anyone's input, printing the normalized result as JSON. Bad input gets a
 * one-line error and exit code 1; a wrong command gets the usage and exit code 2.
 */
import fs from "node:fs/promises";
import { SafeError } from "@/lib/errors";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { safeFetch } from "@/lib/net/safe-fetch";

const USAGE = `usage:
  npm run cli -- parse-feed <file-or-url>
  npm run cli -- parse-transcript <file-or-url>`;

type Input = { body: Buffer; contentType: string | null; url: string | null };

async function read(source: string): Promise<Input> {
  if (/^https?:\/\//i.test(source)) {
    const response = await safeFetch(source);
    return { body: response.body, contentType: response.contentType, url: response.url };
  }
  try {
    return { body: await fs.readFile(source), contentType: null, url: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SafeError(code === "ENOENT" ? `no such file: ${source}` : code === "EISDIR" ? `${source} is a folder, not a file` : `cannot read ${source} (${code})`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, source] = argv;
  if (!source || (command !== "parse-feed" && command !== "parse-transcript")) {
    console.error(USAGE);
    return 2;
  }
  try {
    const input = await read(source);
    const result =
      command === "parse-feed"
        ? parseFeed(input.body, { baseUrl: input.url ?? undefined, contentType: input.contentType })
        : parseTranscript(input.body, { contentType: input.contentType, url: input.url ?? source });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SafeError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
