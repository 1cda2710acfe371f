/** Imported once by instrumentation.ts in the Node runtime: stops the server on a bad setting. */
import { EnvError, getEnv } from "@/lib/env";
import { log } from "@/lib/log";

try {
  getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  log.fatal(error.message);
  process.exit(1);
}
