/**
 * Every match of a global pattern in a text, as `[...text.matchAll(pattern)]` gives them. matchAll
 * copies its pattern on every call (the spec has it construct a new RegExp), and cleaning asks a dozen
 * patterns about every sentence of every episode; this runs the pattern itself. The matches are
 * collected before the caller sees any, and the pattern's lastIndex is back at 0 afterwards, so a
 * caller may use the same pattern again inside its loop.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`allMatches needs a global pattern: ${pattern}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  try {
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      matches.push(match);
      // An empty match would be found again at the same place; matchAll steps past it, by a whole code point under /u.
      if (match[0] === "") pattern.lastIndex = nextIndex(text, pattern.lastIndex, /[uv]/.test(pattern.flags));
    }
  } finally {
    pattern.lastIndex = 0;
  }
  return matches;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const isPair = code >= 0xd800 && code <= 0xdbff && text.charCodeAt(index + 1) >= 0xdc00 && text.charCodeAt(index + 1) <= 0xdfff;
  return index + (isPair ? 2 : 1);
}
