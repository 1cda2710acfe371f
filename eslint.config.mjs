import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", ".data/**", "test-results/**", "next-env.d.ts"]),
  {
    rules: {
      // One env module: everything else reads settings through lib/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through lib/env.ts." }],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "tests/**", "scripts/**", "prisma.config.ts", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
]);
