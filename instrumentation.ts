/** Runs once when a Next server starts: a bad setting stops it here, named, without a stack trace. */
export async function register() {
  // The Node-only part lives in its own module so the Edge build never sees process.exit.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/check-env-at-start");
}
