/**
 * Which language a transcript is in, by franc-min (trigram profiles of 82 languages, small, no data
 * to download). Chosen over eld (large tables, a separate load step) and tinyld (large): a whole
 * transcript is long, so franc's accuracy on long text is all we need, and its size costs nothing. Names come from Intl.DisplayNames, which reads franc's ISO 639-3 codes.
 */
import { franc } from "franc-min";

export type DetectedLanguage = {
  /** ISO 639-3 ("eng", "spa"), or "und" when the text is too short or unclear to tell. */
  code: string;
  /** "English", "Spanish"; "Unknown" for "und". */
  name: string;
};

/** Text shorter than this is not judged: a few words of any language look like several. */
const MIN_CHARACTERS = 200;
/** A transcript is judged on up to this much text from its middle, past intros and plugs. */
const SAMPLE_CHARACTERS = 12_000;

const displayNames = new Intl.DisplayNames(["en"], { type: "language" });

function nameOf(code: string): string {
  if (code === "und") return "Unknown";
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function detectLanguage(text: string): DetectedLanguage {
  // The middle of the raw text first, with room for the whitespace compacting removes: an hour's
  // transcript need not be rewritten whole to be sampled.
  const from = Math.max(0, Math.floor((text.length - 2 * SAMPLE_CHARACTERS) / 2));
  const middle = text.slice(from, from + 2 * SAMPLE_CHARACTERS).replace(/\s+/g, " ").trim();
  if (middle.length < MIN_CHARACTERS) return { code: "und", name: nameOf("und") };
  const start = Math.max(0, Math.floor((middle.length - SAMPLE_CHARACTERS) / 2));
  const code = franc(middle.slice(start, start + SAMPLE_CHARACTERS), { minLength: MIN_CHARACTERS });
  return { code, name: nameOf(code) };
}

/** English, or too little text to say otherwise: the offline extractor reads these. */
export function readsAsEnglish(language: DetectedLanguage): boolean {
  return language.code === "eng" || language.code === "und";
}
