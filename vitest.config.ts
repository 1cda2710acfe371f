import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
/**
 * Unit and integration tests run in a zone that is not UTC, with daylight saving time, so a
 * timestamp read without its zone fails here instead of only on a reader's machine.
 */
const notUtc = { TZ: "America/Los_Angeles" };

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // server-only guards client bundles; tests run on the server side only.
      "server-only": path.join(root, "lib/server-only-noop.ts"),
    },
  },
  test: {
    // next-auth imports "next/server" without the extension Node needs; bundled by vite, it resolves.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        // Many unit tests read whole real transcripts with wink-nlp: at load 8-20 on two cores one can
        // take tens of seconds, so the 5 s default would fail them for the machine's speed, not the code;
        // likewise a setup that builds an index (10 s default for hooks).
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", env: notUtc, testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: "integration:pglite",
          include: ["tests/integration/**/*.test.ts"],
          env: notUtc,
          globalSetup: ["tests/setup/embedded-database.ts"],
          setupFiles: ["tests/setup/use-test-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration:postgres",
          include: ["tests/integration/**/*.test.ts"],
          env: notUtc,
          globalSetup: ["tests/setup/server-database.ts"],
          setupFiles: ["tests/setup/use-test-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/build-app.ts"],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
