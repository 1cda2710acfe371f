/**
 * Highlighted text as data. Postgres' ts_headline marks matches with two private-use characters
 * (never HTML), which are stripped from the stored text before it is highlighted, so a marker in
 * the output can only be one of ours. The page renders the segments as <mark> elements: model and
 * transcript text never reaches the browser as HTML.
 */

export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

export type HighlightSegment = { text: string; match: boolean };

/** ts_headline options: whole short fields (headlines, titles) with their matches marked. */
export const WHOLE_FIELD_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;

/** ts_headline options: up to two short passages of a long field around its matches. */
export const FRAGMENT_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=" … "`;

/** Splits ts_headline output at the markers; stray or unbalanced markers never leak into the text. */
export function parseHighlight(marked: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let match = false;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = "";
  };
  for (const char of marked) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return segments;
}

export function hasMatch(segments: HighlightSegment[]): boolean {
  return segments.some((segment) => segment.match && segment.text.trim() !== "");
}

/**
 * Marks a passage cut from a longer text with "…" where it was cut, so an excerpt does not read as
 * the whole. `original` is the full text the passage came from. Words are compared without their
 * punctuation: ts_headline ends a passage on a word, dropping a full stop after it.
 */
export function markExcerpt(segments: HighlightSegment[], original: string): HighlightSegment[] {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const passage = words(segments.map((segment) => segment.text).join(""));
  const whole = words(original);
  if (passage.length === 0) return segments;
  const result = segments.map((segment) => ({ ...segment }));
  if (passage[0] !== whole[0]) result.unshift({ text: "… ", match: false });
  if (passage.at(-1) !== whole.at(-1)) result.push({ text: " …", match: false });
  return result;
}
