/**
 * Highlighted text as data. Postgres' ts_headline marks matches with two private-use characters
 * (never HTML), which are stripped from the stored text before it is highlighted, so a marker in
 * the output can only be one of ours. The page renders the segments as <mark> elements: model and
 * transcript text never reaches the browser as HTML.
 */

export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

export type HighlightSegment = { text: string; match: boolean };

/** ts_headline options: a whole field with its matches marked (insight fields are a few sentences at most). */
export const WHOLE_FIELD_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;

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
