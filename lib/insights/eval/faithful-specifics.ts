/**
 * Numbers and names a reader would take as fact: every one in a headline or body must be in the
 * transcript window the insight came from. Read with wink (lib/nlp/english.ts) on both sides, so
 * "eighteen" matches "18" and "30 trillion" needs both the 30 and the trillion. This measures what
 * lib/insights/faithfulness.ts enforces, without its code.
 */
import { analyzeEnglish, properNames, type NlpToken } from "@/lib/nlp/english";

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1_000, million: 1_000_000,
  billion: 1_000_000_000, trillion: 1_000_000_000_000, half: 0.5, dozen: 12,
};

/** A number token's value as a string ("18", "1.1", "30"); scale words stand for themselves. */
function valueOf(token: NlpToken): string | null {
  const text = token.text.toLowerCase().replace(/[$€£,%]/g, "");
  if (/^\d+(?:\.\d+)?$/.test(text)) return String(Number(text));
  if (/^\d+(?:\.\d+)?[kmb]$/.test(text)) return String(Number(text.slice(0, -1)));
  const parts = text.split("-");
  if (parts.every((part) => part in UNITS)) return String(parts.reduce((sum, part) => sum + UNITS[part]!, 0));
  return null;
}

function numbersIn(text: string): { word: string; value: string }[] {
  return analyzeEnglish(text)
    .tokens.filter((token) => token.pos === "NUM" || token.kind === "number")
    .map((token) => ({ word: token.text, value: valueOf(token) }))
    .filter((found): found is { word: string; value: string } => found.value !== null);
}

function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/[.’'-]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The numbers and names in `text` that `window` does not hold; empty when the text is faithful. */
export function unfaithfulSpecifics(text: string, window: string): string[] {
  const windowValues = new Set(numbersIn(window).map((found) => found.value));
  const windowText = normalizeName(window);
  const missing: string[] = [];
  for (const found of numbersIn(text)) {
    if (!windowValues.has(found.value)) missing.push(found.word);
  }
  for (const name of properNames(analyzeEnglish(text))) {
    if (!windowText.includes(normalizeName(name))) missing.push(name);
  }
  return missing;
}
