/** The shared corpus of real feeds and transcripts (../shared/corpus beside the checkout, here and in CI). */
import fs from "node:fs";
import path from "node:path";

export const corpusDir = path.resolve(import.meta.dirname, "../../../shared/corpus");

export function corpusFile(relative: string): Buffer {
  return fs.readFileSync(path.join(corpusDir, relative));
}
