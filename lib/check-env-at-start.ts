/** Imported once by instrumentation.ts in the Node runtime: stops the server on a bad setting. */
import { EnvError, getEnv } from "@/lib/env";

try {
  getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
