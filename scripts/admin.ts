/**
 * Operator commands against the configured database (the embedded one while `npm start` runs, or
 * DATABASE_URL):
 *
 *   npm run admin -- reprocess extract|embed|relate --episode <id> | --podcast <id> | --all
 *
 * extract: extract the insights again (then embed and relate them); embed: make their vectors and
 * topic links again with the configured embedding model (then relate); relate: rebuild related
 * insights and clusters. Each run replaces what the previous one made, so repeating it is harmless.
 */
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { reprocess, type ReprocessScope, type ReprocessStep } from "@/lib/insights/reprocess";
import { closeQueue } from "@/lib/jobs/enqueue";
import { plainLines, setLogDestination } from "@/lib/log";

// The command's own lines are its output; what the pipeline logs comes as plain notes on stderr.
setLogDestination(plainLines(2));

const USAGE = `usage:
  npm run admin -- reprocess extract|embed|relate --episode <id> | --podcast <id> | --all`;

const STEPS: readonly ReprocessStep[] = ["extract", "embed", "relate"];

function parse(argv: string[]): { step: ReprocessStep; scope: ReprocessScope } | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { episode: { type: "string" }, podcast: { type: "string" }, all: { type: "boolean", default: false } },
  });
  const [command, step] = positionals;
  if (command !== "reprocess" || !STEPS.includes(step as ReprocessStep)) return null;
  const scopes = [values.episode, values.podcast, values.all || undefined].filter((value) => value !== undefined);
  if (scopes.length !== 1) return null;
  const scope: ReprocessScope = values.episode ? { episodeId: values.episode } : values.podcast ? { podcastId: values.podcast } : { all: true };
  return { step: step as ReprocessStep, scope };
}

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parse(argv);
  } catch {
    command = null;
  }
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  try {
    getEnv();
    const started = Date.now();
    const report = await reprocess(command.scope, command.step, { onProgress: (message) => console.log(message) });
    if (report.episodes === 0) console.log("no episode with a transcript matches");
    for (const failure of report.failed) console.error(`failed ${failure.episodeId}: ${failure.reason}`);
    console.log(
      `${command.step}: ${report.episodes} episodes, ${report.extracted} extracted, ${report.failed.length} failed, ${report.insightsRelated} insights related in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return report.failed.length ? 1 : 0;
  } catch (error) {
    if (error instanceof EnvError || error instanceof SafeError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    if ((error as { code?: string }).code === "ECONNREFUSED" || /ECONNREFUSED/.test(String(error))) {
      console.error("error: cannot reach the database: start the app (npm start) or set DATABASE_URL");
      return 1;
    }
    throw error;
  } finally {
    await closeQueue();
    await db.$disconnect();
  }
}

process.exitCode = await main(process.argv.slice(2));
