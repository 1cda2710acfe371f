/**
 * The numbers an English text states, as values, so "30 trillion" and "thirty trillion", or "8%" and
 * "eight per cent", compare equal across speech and writing. Letters mixed with digits ("H20",
 * "GPT-4o") are names, not numbers (`productNamesIn`). Home-made on purpose: wink-nlp gives "30
 * trillion" no value, and npm's word-to-number packages are unmaintained or fuzzy-match ("to" → 2).
 */

export type NumberMention = {
  value: number;
  /** Said as a percentage ("8%", "8 percent"); 8% and 8 are different claims. */
  percent: boolean;
  /** A lone small number written as a word ("one", "two", … "ten"): prose uses these without claiming a count. */
  smallWord: boolean;
  /** As written. */
  text: string;
};

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12 };
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18,
  nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, hundredth: 100, thousandth: 1000,
};
const DIGIT_SUFFIX_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9, t: 1e12, tn: 1e12 };
const PERCENT_WORDS = new Set(["percent", "percentage", "pct"]);

// A number-ish suffix on digits: a scale (10K, $5bn), a multiple (10x), a decade (1990s), an ordinal (21st).
const NUMBER_SUFFIX = /^(?:k|m|mn|b|bn|t|tn|x|s|st|nd|rd|th)$/i;

// Letters and digits joined, maybe by hyphens or dots: "H20", "GPT-3.5", "mid-2020s", "5-year", "10x".
const MIXED = /(?<![\p{L}\p{N}.])(?=[\p{L}\p{N}.-]*\p{L})(?=[\p{L}\p{N}.-]*\p{N})[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*(?![\p{L}\p{N}])/gu;

function isProductName(token: string): boolean {
  const parts = token.split("-");
  // "GPT-4", "COVID-19", "Llama-3": a name followed by a number is the name of a version.
  if (parts.length > 1 && parts.some((part) => /^\p{L}+$/u.test(part) && /\p{Lu}/u.test(part)) && parts.some((part) => /\p{N}/u.test(part))) return true;
  return parts.some((part) => {
    if (!/\p{L}/u.test(part) || !/\p{N}/u.test(part)) return false;
    const digits = part.match(/^\d+(?:\.\d+)?/u)?.[0];
    return !(digits && NUMBER_SUFFIX.test(part.slice(digits.length)));
  });
}

/** Names of things written with digits ("H20", "GPT-4o", "B200"), as written. */
export function productNamesIn(text: string): string[] {
  return [...text.matchAll(MIXED)].map((match) => match[0]).filter(isProductName);
}

/**
 * A number a reader can hold on to: a digit or a magnitude word ("8%", "2019", "190 million", "a
 * dozen"), not "these two". Tested against a token or entity a tagger already marked as a number.
 */
export const MAGNITUDE = /\d|hundred|thousand|million|billion|trillion|dozen|percent/i;

type Token =
  | { kind: "digits"; value: number; currency: boolean; suffix: string; start: number; end: number }
  | { kind: "word"; word: string; start: number; end: number }
  | { kind: "percent"; start: number; end: number };

const TOKEN = /(?<currency>[$£€¥])?\s?(?<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<suffix>[a-zA-Z]{1,2}(?![a-zA-Z]))?|(?<word>\p{L}+)|(?<percent>%)/gu;

function tokensOf(text: string): Token[] {
  // Product names are blanked so their digits are not read ("GPT-4" is no claim about the number 4).
  const masked = text.replace(MIXED, (token) => (isProductName(token) ? " ".repeat(token.length) : token));
  const tokens: Token[] = [];
  for (const match of masked.matchAll(TOKEN)) {
    const groups = match.groups!;
    const start = match.index;
    const end = start + match[0].length;
    if (groups.digits !== undefined) {
      tokens.push({ kind: "digits", value: Number(groups.digits.replace(/,/g, "")), currency: groups.currency !== undefined, suffix: (groups.suffix ?? "").toLowerCase(), start, end });
    } else if (groups.word !== undefined) {
      tokens.push({ kind: "word", word: groups.word.toLowerCase(), start, end });
    } else {
      tokens.push({ kind: "percent", start, end });
    }
  }
  return tokens;
}

/** Every number the text states, in order. A year said as "twenty twenty-four" also gives 2024. */
export function numbersIn(text: string): NumberMention[] {
  const tokens = tokensOf(text);
  const mentions: NumberMention[] = [];
  // Only spaces or hyphens between two tokens: "twenty-four", "30 trillion"; a comma ends a number.
  const joined = (a: Token, b: Token | undefined) => b !== undefined && /^[\s-]*$/.test(text.slice(a.end, b.start));
  const wordAt = (index: number) => {
    const token = tokens[index];
    return token?.kind === "word" ? token.word : undefined;
  };

  let previous: { value: number; end: number; words: boolean } | null = null;
  let index = 0;
  while (index < tokens.length) {
    const first = tokens[index]!;
    let value: number | null = null;
    let last = index;
    let words = false;
    let smallWord = false;

    if (first.kind === "digits") {
      value = first.value * (DIGIT_SUFFIX_SCALES[first.suffix] ?? 1);
      // "1.5 million", "100 billion", "2 hundred".
      while (joined(tokens[last]!, tokens[last + 1]) && SCALES[wordAt(last + 1) ?? ""] !== undefined) {
        value *= SCALES[wordAt(last + 1)!]!;
        last++;
      }
    } else if (first.kind === "word") {
      const parsed = parseNumberWords(tokens, index, joined);
      if (parsed) {
        value = parsed.value;
        last = parsed.last;
        words = true;
        smallWord = parsed.last === index && parsed.value >= 1 && parsed.value <= 10 && UNITS[first.word] !== undefined;
      } else if (ORDINALS[first.word] !== undefined) {
        value = ORDINALS[first.word]!;
        words = true;
        smallWord = true;
      }
    }

    if (value === null) {
      previous = null;
      index++;
      continue;
    }

    let percent = false;
    const next = tokens[last + 1];
    if (next && next.kind === "percent" && /^\s*$/.test(text.slice(tokens[last]!.end, next.start))) {
      percent = true;
      last++;
    } else if (next && joined(tokens[last]!, next) && PERCENT_WORDS.has(wordAt(last + 1) ?? "")) {
      percent = true;
      last++;
    } else if (next && joined(tokens[last]!, next) && wordAt(last + 1) === "per" && wordAt(last + 2) === "cent") {
      percent = true;
      last += 2;
    }
    if (percent) smallWord = false;

    const start = first.start;
    const end = tokens[last]!.end;
    mentions.push({ value, percent, smallWord, text: text.slice(start, end).trim() });
    // "twenty twenty-four", "nineteen ninety": two spoken groups that make a year.
    if (previous && words && previous.words && !percent && previous.value >= 10 && previous.value <= 99 && value <= 99 && /^[\s-]*$/.test(text.slice(previous.end, start))) {
      mentions.push({ value: previous.value * 100 + value, percent: false, smallWord: false, text: text.slice(text.lastIndexOf(" ", start - 2) + 1, end).trim() });
    }
    previous = { value, end, words };
    index = last + 1;
  }
  return mentions;
}

/**
 * A spoken number starting at tokens[index]: "a hundred and fifty", "two point five", "thirty
 * trillion", "three and a half". Stops where the words stop making one number, so "twenty twenty"
 * is two numbers.
 */
function parseNumberWords(
  tokens: Token[],
  index: number,
  joined: (a: Token, b: Token | undefined) => boolean,
): { value: number; last: number } | null {
  const word = (at: number) => {
    const token = tokens[at];
    return token?.kind === "word" ? token.word : undefined;
  };
  let total = 0;
  let current = 0;
  let seen = false;
  let last = index - 1;
  // What the last number word was, so "twenty twenty" or "five six" are not read as one number.
  let lastKind: "unit" | "tens" | "scale" | null = null;

  for (let at = index; at < tokens.length; at++) {
    if (at > index && !joined(tokens[at - 1]!, tokens[at])) break;
    const w = word(at);
    if (w === undefined) break;
    if (w === "a" && !seen && SCALES[word(at + 1) ?? ""] !== undefined && joined(tokens[at]!, tokens[at + 1])) {
      current = 1;
      continue;
    }
    if (w === "and" && seen) {
      // "a hundred and fifty"; "three and a half".
      const next = word(at + 1);
      if (next === "a" && word(at + 2) === "half") {
        current += 0.5;
        last = at + 2;
        break;
      }
      if (next !== undefined && (UNITS[next] !== undefined || TENS[next] !== undefined) && lastKind === "scale") continue;
      break;
    }
    if (w === "point" && seen) {
      // "two point five": digits said one by one after the point.
      let decimals = "";
      let end = at;
      while (UNITS[word(end + 1) ?? ""] !== undefined && UNITS[word(end + 1)!]! < 10 && joined(tokens[end]!, tokens[end + 1])) {
        decimals += String(UNITS[word(end + 1)!]);
        end++;
      }
      if (!decimals) break;
      current += Number(`0.${decimals}`);
      last = end;
      // A scale may still follow: "one point five million".
      const scale = SCALES[word(end + 1) ?? ""];
      if (scale !== undefined && joined(tokens[end]!, tokens[end + 1])) {
        current *= scale;
        last = end + 1;
      }
      break;
    }
    if (UNITS[w] !== undefined) {
      if (lastKind === "unit") break;
      if (lastKind === "tens" && UNITS[w]! >= 10) break;
      current += UNITS[w]!;
      lastKind = "unit";
    } else if (TENS[w] !== undefined) {
      if (lastKind === "unit" || lastKind === "tens") break;
      current += TENS[w]!;
      lastKind = "tens";
    } else if (SCALES[w] !== undefined && (seen || current > 0)) {
      const scale = SCALES[w]!;
      if (scale === 100 || scale === 12) current = (current || 1) * scale;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      lastKind = "scale";
    } else break;
    seen = true;
    last = at;
  }
  if (!seen) return null;
  return { value: total + current, last };
}
