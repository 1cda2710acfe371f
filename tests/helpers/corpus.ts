/**
 * The test corpus of real feeds and transcripts, in the repository (tests/corpus, credited in its
 * SOURCES.md), and the team's shared corpus beside the checkout, which holds a few files we may not
 * redistribute and is only there on the team's machines.
 */
import fs from "node:fs";
import path from "node:path";

export const corpusDir = path.resolve(import.meta.dirname, "../corpus");
export const sharedCorpusDir = path.resolve(import.meta.dirname, "../../../shared/corpus");

export function corpusFile(relative: string): Buffer {
  return fs.readFileSync(path.join(corpusDir, relative));
}

/** A file of the shared corpus, or null where that corpus is not beside the checkout. */
export function sharedCorpusFile(relative: string): Buffer | null {
  const file = path.join(sharedCorpusDir, relative);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
