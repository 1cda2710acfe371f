/**
 * Builds the Next app when its sources changed since the last build, so `npm start` always serves
 * the code in the checkout and skips the build when nothing changed. Run at install (postinstall),
 * at start and before end-to-end tests.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = path.join(root, ".next", "podbrief-source-hash");
const sourceRoots = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "instrumentation.ts", "proxy.ts"];

function listFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((child) => listFiles(path.join(entry, child.name)))
    .sort();
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of sourceRoots.flatMap(listFiles)) {
    hash.update(file).update("\0").update(fs.readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

export function isBuildCurrent(): boolean {
  return (
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === sourceHash()
  );
}

export function ensureBuild(): void {
  if (isBuildCurrent()) return;
  console.log("[build] sources changed since the last build: building the web app (next build)…");
  const hash = sourceHash();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed; see the output above.");
  fs.writeFileSync(stampFile, hash);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    ensureBuild();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
