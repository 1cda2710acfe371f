/**
 * "Name: what they said" — the speaker prefix SRT files and many text transcripts use. Only names shaped
 * like names count, so that a cue beginning "Here's the thing: …" keeps its words and gets no speaker.
 */

// Lower-case words that appear inside names ("Alejandro De La Torre", "Ludwig van Beethoven").
const NAME_PARTICLES = new Set(["al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le", "van", "von", "y"]);
const NAME_WORD = /^[\p{Lu}\d][\p{L}\p{M}\d'’._-]*$/u;
const MAX_LABEL_LENGTH = 48;
const MAX_NAME_WORDS = 5;

export type SpeakerLabel = { speaker: string; rest: string };

export function splitSpeakerLabel(line: string): SpeakerLabel | null {
  const colon = line.indexOf(":");
  if (colon < 1 || colon > MAX_LABEL_LENGTH) return null;
  const rest = line.slice(colon + 1);
  // "10:30" and "https://" are not labels: a label's colon ends the line or is followed by a space.
  if (rest !== "" && !/^\s/.test(rest)) return null;
  const speaker = line.slice(0, colon).trim();
  if (!looksLikeName(speaker)) return null;
  return { speaker, rest: rest.trim() };
}

function looksLikeName(candidate: string): boolean {
  const words = candidate.split(/\s+/);
  if (!candidate || words.length > MAX_NAME_WORDS) return false;
  // The first word starts with a capital letter ("2024: the year…" is not a speaker); later ones may be
  // numbers ("Speaker 2") or particles.
  if (!/^\p{Lu}/u.test(candidate)) return false;
  return words.every((word, index) => NAME_WORD.test(word) || (index > 0 && NAME_PARTICLES.has(word.toLowerCase())));
}
