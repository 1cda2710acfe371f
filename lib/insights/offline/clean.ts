/**
 * One spoken sentence made readable for an insight's body (the quote stays verbatim). wink-nlp's tags
 * decide ambiguous fillers ("like", "kind of") and are read only where needed: this runs on every
 * sentence of every episode. The invariant: never remove a negation, a meaningful hedge, a number or a
 * name, nor add or remove a sentence end. A removal taking one is refused, and a stage whose whole
 * result lost one is undone (a number changes without losing a word: "3 um 33%" would read "3 33%").
 */
import { allMatches } from "@/lib/nlp/all-matches";
import { readEnglish, type NlpWord } from "@/lib/nlp/english";
import { STOPWORDS } from "@/lib/insights/offline/tokens";
import { CUT_OFF_START, isCutOffStart } from "@/lib/nlp/cut-off-words";
import { hedgesIn, MAY_HEDGE, negationsIn } from "@/lib/nlp/meaning-markers";

// ---------------------------------------------------------------------------------------------
// Non-speech and metadata: not said by anyone, so removed without the meaning checks.

const NON_SPEECH_WORDS = String.raw`laugh(?:s|ing|ter)?|chuckles?|giggles?|crosstalk|cross-talk|overlapping|inaudible|unintelligible|indiscernible|music|applause|sighs?|coughs?|clears throat|pause|silence|beep|gasps?|groans?|background noise|static|audio cuts? out|phone rings?|sound effect|intro|outro|ad break|break`;
// "[laughs]", "[Laughing]", "(crosstalk)", "[unintelligible 00:42:51.23]", "[MUSIC PLAYING]", "[54:13]"; Markdown may escape the "]".
const NON_SPEECH = new RegExp(
  String.raw`\s*(?:\[(?:${NON_SPEECH_WORDS})[^\]]{0,40}\\?\]|\((?:${NON_SPEECH_WORDS})[^)]{0,40}\)|[[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\\?[\])]|♪[^♪]{0,200}♪|♪)`,
  "giu",
);
// "[MUSIC PLAYING]": capitals only, so "[does]" below is not taken for one.
const CAPITALIZED_NOTE = /\s*\[\p{Lu}[\p{Lu} ,'-]{2,40}\\?\]/gu;
// A transcriber's insertion, "it [does] make sense": the words belong to the sentence, the brackets don't.
const EDITORIAL_INSERTION = /\[((?:[\p{Ll}'’]+\s?){1,4})\\?\]/gu;
const SPEAKER_LABEL = /^\s*(?:>>\s*|(?:speaker|spk|speaker_)\s*\d+\s*:\s*|\[speaker\s*\d+\]\s*)/i;
const LEADING_TIMESTAMP = /^\s*\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\s+(?=\S)/;

/** Lines that are about the transcript, not part of what was said. */
const METADATA_LINE = [
  /^(?:this\s+)?(?:episode\s+|podcast\s+)?transcri(?:pt|bed|ption)s?\b[^.!?]{0,80}\b(?:by|generated|automatically|provided|produced|edited)\b/i,
  /^(?:speaker|spk|speaker_)\s*\d+\s*:?\s*$/i,
  /^\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?$/,
  // A link on its own, or under a label ("podcast: https://…").
  /^(?:[\p{L}\p{N} ]{1,30}:\s*)?(?:https?:\/\/|www\.)\S+$/iu,
];

// ---------------------------------------------------------------------------------------------
// What cleaning protects.

const NUMBER_WORD = String.raw`zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|first|second|third|fourth|fifth|tenth|hundredth|thousandth|millionth|percent`;
const NUMBER_TOKEN = String.raw`(?:[$€£]?\d+(?:[.,]\d+)*(?:%|[kKmMbB]n?|st|nd|rd|th|s)?|(?:${NUMBER_WORD})(?:-(?:${NUMBER_WORD}))?)`;
// A number as said, read as one value: "3 33%", "twenty twenty five", "one hundred and five". A comma splits values ("8, 8%").
const NUMBER_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}])${NUMBER_TOKEN}(?:(?:\s+|\s+and\s+)${NUMBER_TOKEN})*(?![\p{L}\p{N}])`, "giu");
const HAS_NUMBER = new RegExp(String.raw`\d|(?<![\p{L}])(?:${NUMBER_WORD})(?![\p{L}])`, "iu");
// Capitalized words past a text's first: a superset of the names properNames finds, and cheaper to read.
// The capital first and the look back after it: most places in a text hold no capital to look behind.
const CAPITALIZED = /\p{Lu}(?<![\p{L}\p{N}'’]\p{Lu})[\p{L}\p{N}'’&-]*/gu;
const NOT_NAMES = new Set(["I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "OK"]);
// "kind of"/"sort of" are hedges before an adjective or verb and fillers elsewhere; the filler rule tells them apart.
const FILLER_HEDGES = new Set(["kind of", "sort of"]);

const STARTS_WITH_NUMBER = new RegExp(String.raw`^\s*(?:[$€£\d]|(?:${NUMBER_WORD})(?![\p{L}]))`, "iu");
const ENDS_WITH_NUMBER = new RegExp(String.raw`(?:\d[%kKmMbB]?|(?<![\p{L}])(?:${NUMBER_WORD}))\s*$`, "iu");

// "one one thousandth" is one thousandth whether the first "one" is a stutter or counts the fraction
// ("one one-thousandth"): both readings give one value, so the copy may go. "two two thousandths" may
// be 2/1000 or 1/1000, and "one one hundred" one number or two, so those stay as said.
const ONE_BEFORE_FRACTION = /^(?:one )+(?=one (?:third|\p{L}+th)$)/u;

function numberRuns(text: string): Set<string> {
  return new Set((text.match(NUMBER_RUN) ?? []).map((run) => run.toLowerCase().replace(/\s+/g, " ").replace(ONE_BEFORE_FRACTION, "")));
}

// A sentence end just before a word: "…too negative... You know, having spent".
const AFTER_SENTENCE_END = /[.!?…]["'”’)\]]*\s+["'“‘(]?$/;

/** Capitalized words that may be names; `withFirst` counts the first word too (a name a removal brought to the front). */
function names(text: string, withFirst = false): Set<string> {
  const found = new Set<string>();
  const first = withFirst ? -1 : text.search(/[\p{L}\p{N}]/u);
  for (const match of allMatches(CAPITALIZED, text)) {
    const word = match[0].replace(/['’-]+$/, "");
    if (NOT_NAMES.has(word)) continue;
    // A first word is capitalized by the sentence, unless it is written like a name: "OpenAI", "NASA".
    if (match.index === first && !/\p{Lu}.*\p{Lu}|\p{Ll}\p{Lu}/u.test(word)) continue;
    // So is a common word after a sentence end inside the text ("... You know,"); a name there stays one.
    if (STOPWORDS.has(word.toLowerCase()) && AFTER_SENTENCE_END.test(text.slice(Math.max(0, match.index - 8), match.index))) continue;
    found.add(word);
  }
  return found;
}

/** Words a removal must not take from a text: a negation, a meaningful hedge, a number, a name. */
class Guard {
  private namesOfText: Set<string> | null = null;
  constructor(private readonly text: string) {}
  holds(removed: string, allowFillerHedges = false): boolean {
    if (negationsIn(removed).length > 0 || HAS_NUMBER.test(removed)) return true;
    if (/\p{Lu}/u.test(removed)) {
      this.namesOfText ??= names(this.text);
      for (const match of allMatches(CAPITALIZED, removed)) if (this.namesOfText.has(match[0].replace(/['’-]+$/, ""))) return true;
    }
    if (MAY_HEDGE.test(removed)) return hedgesIn(removed).some((hedge) => !allowFillerHedges || !FILLER_HEDGES.has(hedge));
    return false;
  }
}

/** What a sentence says that cleaning must keep, read once and compared with each stage's result. */
class Meaning {
  private readonly negations: string[];
  private hedges: string[] | null = null;
  private readonly runs: Set<string> | null;
  private readonly names: Set<string>;
  private readonly ends: number;
  constructor(private readonly text: string) {
    this.negations = negationsIn(text);
    this.runs = HAS_NUMBER.test(text) ? numberRuns(text) : null;
    this.names = names(text);
    this.ends = internalEnds(text);
  }

  /**
   * Whether `after` still says every protected thing, with the same sentence ends. A marker said
   * twice may be said once ("not, not"): a stutter removes only a copy of what stays.
   */
  keptBy(after: string): boolean {
    const negations = negationsIn(after);
    if (this.negations.some((negation) => !negations.includes(negation))) return false;
    if (MAY_HEDGE.test(this.text)) {
      this.hedges ??= hedgesIn(this.text).filter((hedge) => !FILLER_HEDGES.has(hedge));
      if (this.hedges.length > 0) {
        const hedges = hedgesIn(after);
        if (this.hedges.some((hedge) => !hedges.includes(hedge))) return false;
      }
    }
    const runs = this.runs ?? (HAS_NUMBER.test(after) ? new Set<string>() : null);
    if (runs) {
      const kept = numberRuns(after);
      if (kept.size !== runs.size || [...runs].some((run) => !kept.has(run))) return false;
    }
    // "I mean, Andrew probably…" → "Andrew probably…": a name that is now the first word is still said.
    const kept = names(after, true);
    for (const name of this.names) if (!kept.has(name)) return false;
    return internalEnds(after) === this.ends;
  }
}

function internalEnds(text: string): number {
  return text.match(/[.!?…]+["'”’)\]]*\s+(?=["'“‘(]?\p{Lu})/gu)?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Removals within one text: character ranges, each checked before it is taken.

/** `filler`: may take "kind of" as a filler; `repeat`: takes a copy of the words that follow, so nothing is lost. */
type Removal = { start: number; end: number; filler?: boolean; repeat?: boolean };

/** Removes the ranges (merged where they overlap) from the text. */
function applyRemovals(text: string, removals: Removal[]): string {
  if (removals.length === 0) return text;
  const sorted = [...removals].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  let opensSentence = false;
  const next = (piece: string) => (opensSentence ? piece.replace(/^(\s*["'“‘(]?)(\p{Ll})/u, (_match, lead: string, letter: string) => lead + letter.toUpperCase()) : piece);
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    out += next(text.slice(at, Math.max(at, start)));
    // What opened a sentence inside the text ("…negative... You know, having") leaves the next word to open it.
    opensSentence = start > 0 && AFTER_SENTENCE_END.test(out);
    // A space keeps the words either side apart, but none goes after an opening quote: `"I'm, I'm` → `"I'm`.
    if (/[^\s"“‘(\[]$/.test(out)) out += " ";
    at = Math.max(at, end);
  }
  return out + next(text.slice(at));
}

/** The removals of one stage, each kept only if the words it takes carry no protected meaning. */
class Removals {
  readonly list: Removal[] = [];
  private readonly guard: Guard;
  constructor(private readonly text: string) {
    this.guard = new Guard(text);
  }
  take(removal: Removal): void {
    if (removal.end <= removal.start) return;
    if (!removal.repeat && this.guard.holds(this.text.slice(removal.start, removal.end), removal.filler)) return;
    // Taking what stands between two numbers would join them into one: "3 um 33%" is not "3 33%".
    if (ENDS_WITH_NUMBER.test(this.text.slice(Math.max(0, removal.start - 20), removal.start)) && STARTS_WITH_NUMBER.test(this.text.slice(removal.end))) return;
    this.list.push(removal);
  }
  holds(removed: string): boolean {
    return this.guard.holds(removed);
  }
  apply(): string {
    return applyRemovals(this.text, this.list);
  }
}

/**
 * A filler phrase at [start, end) with the commas that set it off. Between commas both go ("small,
 * you know, subset" → "small subset"), unless a new clause follows, which keeps one ("operators,
 * you know, we told them" → "operators, we told them").
 */
function fillerRange(text: string, start: number, end: number): Removal {
  let to = end;
  const after = /^\s*,/.exec(text.slice(to));
  if (after) to += after[0].length;
  let from = start;
  const before = /,\s*$/.exec(text.slice(Math.max(0, from - 3), from));
  if (before) {
    const rest = text.slice(to);
    const atEnd = /^\s*[.!?…]*["'”’)]*\s*$/.test(rest);
    // Between two numbers the comma keeps them apart: "3, um, 33%" → "3, 33%", not "3 33%".
    const betweenNumbers = STARTS_WITH_NUMBER.test(rest) && ENDS_WITH_NUMBER.test(text.slice(Math.max(0, from - 20), from - before[0].length));
    if (atEnd || (after && !SUBJECT_START.test(rest) && !betweenNumbers)) from -= before[0].length;
  }
  return { start: from, end: to, filler: true };
}

function wordBefore(text: string, at: number): string {
  return text.slice(Math.max(0, at - 30), at).match(/([\p{L}\p{N}'’]+)[^\p{L}\p{N}'’]*$/u)?.[1]?.toLowerCase() ?? "";
}

function wordAfter(text: string, at: number): string {
  return text.slice(at, at + 30).match(/^[^\p{L}\p{N}'’]*([\p{L}\p{N}'’]+)/u)?.[1]?.toLowerCase() ?? "";
}

const setOffBefore = (text: string, at: number) => /(?:^|[,;:—–(]|\s-)\s*$/.test(text.slice(Math.max(0, at - 3), at));
const setOffAfter = (text: string, at: number) => /^\s*(?:[,;:—–)]|-\s|[.!?…]|$)/.test(text.slice(at, at + 3));

/**
 * Parts of speech around a place in a text, read only when a rule needs them, and only from the
 * few words around it: the tagger looks at neighbours, and a short read costs a fraction of a long one.
 */
class Reading {
  private window: { from: number; tokens: NlpWord[] } | null = null;
  constructor(private readonly text: string) {}
  /** The token starting at a character offset, and its neighbours. */
  at(offset: number): { token?: NlpWord; previous?: NlpWord; next?: NlpWord; afterNext?: NlpWord } {
    const window = this.read(offset);
    const tokens = window.tokens;
    const index = tokens.findIndex((token) => token.start + window.from === offset);
    if (index === -1) return {};
    const shift = (token: NlpWord | undefined) => (token ? { ...token, start: token.start + window.from, end: token.end + window.from } : undefined);
    return { token: shift(tokens[index]), previous: shift(tokens[index - 1]), next: shift(tokens[index + 1]), afterNext: shift(tokens[index + 2]) };
  }
  /** Up to `count` tokens from the first one starting at or after a character offset. */
  following(offset: number, count: number): NlpWord[] {
    const window = this.read(offset);
    const index = window.tokens.findIndex((token) => token.start + window.from >= offset);
    return index === -1 ? [] : window.tokens.slice(index, index + count);
  }
  private read(offset: number): { from: number; tokens: NlpWord[] } {
    const window = this.window;
    if (window && offset - window.from >= 25 && (window.tokens.at(-1)?.end ?? 0) - (offset - window.from) >= 25) return window;
    let from = Math.max(0, offset - 60);
    let to = Math.min(this.text.length, offset + 60);
    if (from > 0) from = this.text.indexOf(" ", from) + 1 || from;
    if (to < this.text.length) to = this.text.lastIndexOf(" ", to) > offset ? this.text.lastIndexOf(" ", to) : to;
    this.window = { from, tokens: readEnglish(this.text.slice(from, to), { entities: false }).tokens };
    return this.window;
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: fillers and discourse markers.

const HESITATION = /(?<![\p{L}\p{N}'’-])(?:u+m+|u+h+|e+r+m+|e+r|a+h+|h+m+|m+-?hm+|uh-huh|mm+)(?![\p{L}\p{N}'’-])/giu;
const SUBJECT_START = /^\s*(?:I|I'm|I’m|I've|I’ve|it|you|we|we're|we’re|they|they're|they’re|he|she|it's|it’s|there's|there’s|that's|that’s|you're|you’re|people|if|when|so|yeah)\b/i;
// Before "you know"/"I mean", these make them a verb: "do you know", "if you know", "what I mean".
const VERB_CONTEXT = new Set(["do", "did", "does", "don't", "don’t", "didn't", "didn’t", "doesn't", "doesn’t", "if", "as", "what", "how", "when", "whether", "than", "would", "will", "can", "could", "should", "might", "may", "ever", "never", "not", "already", "to", "'ll", "'d", "who", "whatever", "whoever"]);
/**
 * `phrase` said as words of its own: no letter or apostrophe just before or after it. The phrase comes
 * first and the look back after it, so a scan looks for the phrase's letters before what precedes
 * them, not behind every place in the text (a third of the time on every sentence with a filler).
 * No alternative of a phrase ends as another does, so looking back over it finds where it began.
 */
function saidAlone(phrase: string, flags: string): RegExp {
  return new RegExp(String.raw`${phrase}(?<![\p{L}'’]${phrase})(?![\p{L}'’])`, flags);
}
const YOU_KNOW = saidAlone("you know", "giu");
const I_MEAN = saidAlone("I mean", "gu");
const SET_OFF_PHRASE = saidAlone("(?:you see|you know what I mean|if you will|or whatever|basically)", "giu");
const LITERALLY = saidAlone("literally", "giu");
const LIKE = saidAlone("like", "giu");
const KIND_OF = saidAlone("(?:kind|sort) of", "giu");
// "…run it, right?" asks nothing: the tag goes and the sentence ends as the statement it is.
const END_TAG = /,\s*(?:right|you know|yeah|okay|ok|huh|no)\s*(\?|\.|!)?(["'”’)]*)\s*$/i;

const CLAUSE_LINKS = new Set(["and", "but", "so", "because", "or", "then", "cause", "'cause", "if", "when"]);
const DETERMINERS = new Set(["a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "their", "his", "her", "its", "some", "any", "every", "no", "what", "which", "one", "all", "different", "same", "only", "other", "another", "each", "whatever", "certain", "new", "particular", "right", "wrong", "first", "last"]);
const BE_FORMS = new Set(["is", "was", "were", "are", "'s", "’s", "'re", "’re", "be", "been", "it's", "it’s", "there's", "there’s", "that's", "that’s", "he's", "she's", "we're", "they're", "you're"]);
const SAY_VERBS = String.raw`said|say|mentioned|mention|told|noted|explained|suggested`;
const LIKE_AS = new RegExp(String.raw`^\s*(?:I|you|we|he|she|they)\s+(?:${SAY_VERBS})\b`, "i");
// "like Andrew mentioned" is "as Andrew mentioned": a copy editor writes "as", and the claim stays the speaker's.
const LIKE_AS_NAMED = new RegExp(String.raw`(?<=^|[,;:(—–-]\s*|[.!?…]\s+|\b(?:and|but|so|because)\s+)(like|Like)(?=\s+(?:I|you|we|he|she|they|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)\s+(?:${SAY_VERBS})\b)`, "gu");
// Prepositions after which "like," has no object of its own: "struggled a bit with like, as you know, the chat models".
// An aside the comma after such a "like" opens, and keeps: "with, as you know, the chat models".
const ASIDE = /^\s*,\s*(?:as|in|say|for example|of course)\b[^,.;:!?]{0,25},/i;
const RESTARTS = /^\s*,\s*(?:I|I['’]m|it|it['’]s|you|we|they|he|she|there|there['’]s|that['’]s|this)\b/i;
const THERE_IS = /^\s*there\s+(?:are|is|was|were|will|would|might|could|may)\b/i;
const PREPOSITIONS = new Set(["with", "about", "of", "for", "in", "on", "at", "from", "into", "by", "through", "over"]);
// Nouns whose "is" takes a whole clause, so "like" before that clause only holds the floor: "My guess is like a lot of this stuff will…".
const CLAUSE_NOUN_BEFORE = /\b(?:guess|thing|point|idea|problem|issue|question|hope|worry|concern|sense|feeling|view|take|bet|answer|reason|goal|plan|truth|reality|fact)\s+(?:is|was|['’]s)\s+$/i;
const OBJECT_LIKE = new Set(["looks", "look", "looked", "looking", "feel", "feels", "felt", "feeling", "sound", "sounds", "sounded", "seem", "seems", "seemed", "something", "anything", "nothing", "everything", "more", "much", "just", "exactly", "things", "stuff", "not", "would", "'d", "to", "i", "you", "we", "they", "don't", "don’t", "didn't", "didn’t", "do", "did", "who", "really", "people"]);

/** "like" as a filler: set off, at a clause's start, or after a determiner; never a verb, a comparison, or an estimate ("like 40%"). */
function isFillerLike(text: string, start: number, end: number, reading: Reading): boolean {
  const previous = wordBefore(text, start);
  const before = setOffBefore(text, start);
  const after = /^\s*,/.test(text.slice(end));
  if (before && (after || /^\s*(?:[.!?…]|$)/.test(text.slice(end)))) return true;
  if (STARTS_WITH_NUMBER.test(text.slice(end))) return false;
  // "reasons that I was just like, in Jupyter": "just like," before a place or time compares nothing.
  if (after && (previous === "just" || previous === "really") && BE_FORMS.has(wordBefore(text, start - previous.length - 1)) && PREPOSITIONS.has(wordAfter(text, end))) return true;
  if (OBJECT_LIKE.has(previous) && !before) return false;
  const rest = text.slice(end);
  // "Like I said" is "as I said".
  if (LIKE_AS.test(rest)) return false;
  // ", like lower fees" and ", like Poolin" give examples; ", like we did" only holds the floor.
  if (before) return SUBJECT_START.test(rest) || THERE_IS.test(rest);
  if (CLAUSE_LINKS.has(previous)) return true;
  // "with like, as you know, the models": no preposition takes another. "with like, 40 people" estimates,
  // and "nothing to do with like, there's a lot" starts again, which the false-start rules judge.
  if (after && PREPOSITIONS.has(previous) && !/(?:kind|sort)\s+of\s*$/i.test(text.slice(Math.max(0, start - 12), start))) return !STARTS_WITH_NUMBER.test(rest.replace(/^\s*,/, "")) && !RESTARTS.test(rest);
  if (CLAUSE_NOUN_BEFORE.test(text.slice(Math.max(0, start - 30), start))) return opensClause(reading.following(end, 8));
  // "what it was like for you" compares.
  if (/\bwhat\b[^,.;!?]{0,30}$/i.test(text.slice(0, start))) return false;
  // After a determiner ("this like first hype") or a form of "be" the tagger decides; after a noun or verb, "like" compares.
  const afterBe = BE_FORMS.has(previous);
  if (!afterBe && !DETERMINERS.has(previous)) return false;
  const { token, previous: previousToken, next: nextToken, afterNext } = reading.at(start);
  if (!token || token.pos === "VERB") return false;
  if (previousToken?.pos === "DET") return true;
  // "true that like only certain companies could": "that" opens a clause, "like" only delays it.
  if (previousToken?.pos === "SCONJ") return nextToken !== undefined && ["ADV", "DET", "PRON"].includes(nextToken.pos);
  // "there's like aside from that", "it was like really fast"; "it was like a disaster" compares, "it's like obviously we should" quotes.
  if (!afterBe || !nextToken) return false;
  return nextToken.pos === "ADP" || (nextToken.pos === "ADV" && afterNext !== undefined && ["ADJ", "ADV", "ADP"].includes(afterNext.pos));
}

/**
 * Whether the tokens start a clause of their own: a short subject (no relative "that", "which",
 * "who" and no comma on the way) reaching a finite verb. "a lot of this stuff will start" does;
 * "a disaster" and "a virus that spreads" do not.
 */
function opensClause(tokens: NlpWord[]): boolean {
  for (const [index, token] of tokens.entries()) {
    if (token.pos === "AUX" || (token.pos === "VERB" && index > 0 && !/ing$/i.test(token.text))) return index > 0;
    if (!["DET", "ADJ", "NOUN", "PROPN", "PRON", "ADP", "NUM"].includes(token.pos) || /^(?:that|which|who|whom|whose)$/i.test(token.text)) return false;
  }
  return false;
}

/** "kind of" as a filler ("was kind of the reason"), not a noun ("a kind of client") nor a hedge before an adjective or verb. */
function isFillerKindOf(text: string, start: number, end: number, reading: Reading): boolean {
  const previous = wordBefore(text, start);
  if (DETERMINERS.has(previous) && !setOffBefore(text, start)) return false;
  const next = wordAfter(text, end);
  // "It's kind of, I call it a UASF": cut off, not a filler; the false-start rules judge it.
  if (/^\s*(?:[,.!?;:—–]|$)/.test(text.slice(end))) return setOffBefore(text, start);
  if (DETERMINERS.has(next) || RESTART_WORDS.has(next) || next === "like") return !DETERMINERS.has(previous);
  const { token, previous: previousToken } = reading.at(start);
  if (!token || previousToken?.pos === "DET" || previousToken?.pos === "ADJ" || previousToken?.pos === "NUM") return false;
  const after = reading.at(end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0));
  const following = after.token;
  if (!following) return true;
  if (following.pos === "ADJ" || following.pos === "VERB") return false;
  // "kind of really expensive"
  if (following.pos === "ADV" && after.next && (after.next.pos === "ADJ" || after.next.pos === "VERB")) return false;
  return true;
}

function removeFillers(text: string): string {
  const removals = new Removals(text);
  const reading = new Reading(text);
  for (const match of allMatches(HESITATION, text)) removals.take(fillerRange(text, match.index, match.index + match[0].length));
  for (const match of allMatches(YOU_KNOW, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!setOffBefore(text, start) && VERB_CONTEXT.has(wordBefore(text, start))) continue;
    const before = setOffBefore(text, start) || CLAUSE_LINKS.has(wordBefore(text, start));
    // "you know, …", "…, you know." or a clause opened by "you know" ("You know I just had to ask them").
    if (setOffAfter(text, end) || (before && SUBJECT_START.test(text.slice(end)) && !/^\s*\S+\s*[.!?]*$/.test(text.slice(end)))) {
      removals.take(fillerRange(text, start, end));
    }
  }
  for (const match of allMatches(I_MEAN, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!setOffBefore(text, start) && VERB_CONTEXT.has(wordBefore(text, start))) continue;
    const rest = text.slice(end);
    const before = setOffBefore(text, start) || CLAUSE_LINKS.has(wordBefore(text, start));
    // "I mean it", "I mean to", "I mean that we should" are verbs; "I mean, that's" and "I mean that's" are not.
    const verb = /^\s*(?:it\b|to\b|by\b|what\b|that\s+(?!'s|’s|is\b|was\b))/i.test(rest);
    if (setOffAfter(text, end) || (before && !verb && SUBJECT_START.test(rest))) removals.take(fillerRange(text, start, end));
  }
  for (const match of allMatches(SET_OFF_PHRASE, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].toLowerCase() === "basically" || (setOffBefore(text, start) && setOffAfter(text, end))) removals.take(fillerRange(text, start, end));
  }
  for (const match of allMatches(LITERALLY, text)) {
    const start = match.index;
    const end = start + match[0].length;
    // "Take it literally." means it; "I literally wrote it" only stresses.
    if (setOffAfter(text, end) && !setOffBefore(text, start)) continue;
    removals.take(fillerRange(text, start, end));
  }
  for (const match of allMatches(LIKE, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFillerLike(text, start, end, reading)) continue;
    const aside = PREPOSITIONS.has(wordBefore(text, start)) && ASIDE.test(text.slice(end));
    removals.take(aside ? { start, end, filler: true } : fillerRange(text, start, end));
  }
  for (const match of allMatches(KIND_OF, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (isFillerKindOf(text, start, end, reading)) removals.take(fillerRange(text, start, end));
  }
  let result = removals.apply();
  // Both patterns look behind or ahead at every place in the text; without the word or comma they need, they cannot match.
  if (result.includes("like") || result.includes("Like")) result = result.replace(LIKE_AS_NAMED, (like: string) => (like === "Like" ? "As" : "as"));
  const tag = result.includes(",") ? END_TAG.exec(result) : null;
  if (tag && !removals.holds(tag[0]) && (result.slice(0, tag.index).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 3) result = `${result.slice(0, tag.index)}${tag[1] === "!" ? "!" : "."}${tag[2] ?? ""}`;
  return result;
}

// Said at the start of a clause to hold the floor, not to say anything: "Yeah, so, I mean, ..."
const OPENING_FILLER = new RegExp(
  String.raw`^(?:(?:yeah|yes|yep|well|okay|ok|oh|um|uh|you know|I mean|like|it's like|basically|anyway|alright|all right|look|see|honestly|so yeah|right|sure|absolutely|exactly|totally|definitely|great|cool|wow|interesting)[,.!]+\s+|(?:yeah|well|okay|ok|oh|um|uh)\s+(?!known\b|aware\b|over\b|beyond\b|before\b|after\b|enough\b)|like\s+(?=(?:whether|if|when|we|you|they|it|there|that|this|so|and|but|even|again|now|maybe|literally|basically|just|really|actually|the|a|an|in|at|on|for|with|because)\b))`,
  "i",
);

function removeOpeningFillers(text: string): string {
  let result = text;
  for (let match = OPENING_FILLER.exec(result); match && !new Guard(result).holds(match[0]); match = OPENING_FILLER.exec(result)) {
    result = tidy(result.slice(match[0].length));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Stage: self-repairs and false starts.

// Words a phrase cannot end on: a clause cut off after one was abandoned ("we're all —", "a thing that, I,").
const CANNOT_END = new Set([
  "the", "a", "an", "of", "to", "and", "with", "in", "for", "on", "at", "from", "by", "my", "our", "their", "his", "her", "its", "your",
  "is", "was", "are", "were", "be", "being", "been", "am", "we", "i", "you", "they", "he", "she",
  "it's", "it’s", "that's", "that’s", "there's", "there’s", "we're", "we’re", "they're", "they’re", "i'm", "i’m", "we've", "i've",
  "very", "really", "just", "also", "all", "but", "or", "because", "if", "when", "even",
  "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "which", "who", "what", "than", "as", "into",
]);
// Words no phrase ends on, even before a comma ("that" and "it" may: "paraphrase that, that's").
const CUT_OFF_AT_COMMA = new Set(["the", "a", "an", "of", "to", "with", "in", "for", "at", "from", "by", "my", "our", "their", "your", "i", "we", "they", "he", "she", "is", "was", "are", "were", "am", "it's", "it’s", "that's", "that’s", "there's", "there’s", "we're", "we’re", "they're", "they’re", "i'm", "i’m", "and", "but", "or", "because", "if", "when"]);
// Words a restart begins with: "we went — we built", "I was- I think", "a thing that, I, a problem".
const RESTART_WORDS = new Set(["i", "we", "you", "they", "he", "she", "it", "it's", "it’s", "that", "that's", "that’s", "there", "there's", "there’s", "this", "the", "a", "an", "what", "when", "if", "i'm", "i’m", "we're", "we’re", "they're", "they’re"]);
const COORDINATORS = new Set(["and", "but", "so", "or", "then"]);
const SUBORDINATORS = new Set(["if", "when", "because", "cause", "'cause", "whether", "while", "since", "although"]);
// Words after which a complement starts, so a fragment begins after them: "I still think it's — there's nothing wrong".
const COMPLEMENT_VERBS = new Set(["think", "thought", "know", "knew", "guess", "say", "said", "mean", "believe", "feel", "felt", "hope", "realized"]);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’%.-]*/gu;
const CUT = /\s+(?:--|—|–|-)\s+|(?<=[\p{L}])-\s+(?=\p{L})|\s*(?:--|—|–)\s*(?=\p{L})/gu;
const EDIT_TERM = /(?:,\s*|\s+)(?:or\s+)?(?:sorry|rather|I mean|no wait|let me rephrase)\s*,\s*(?:(?:oh|um|uh)\s*,\s*)?/giu;

// A form of "be" straight before another verb that carries tense: "this is does not", "it was has been".
// Word first, look back after it (as saidAlone): none of the four ends as another does.
const TENSE_RESTART = /(?:is|was|are|were)(?<![\p{L}'’](?:is|was|are|were))\s+(?=((?:does|do|did|has|have|had|will|would|can|could|should)(?:n['’]t)?)(?![\p{L}'’]))/giu;
const FREE_RELATIVE_BEFORE = /(?<![\p{L}'’])(?:what|whatever|how|why|where|who|whoever)(?:\s+[\p{L}'’]+){0,3}\s*$/iu;
const QUESTION_SUBJECTS = new Set(["i", "you", "we", "they", "he", "she", "it", "this", "that", "there", "the", "a", "an", "people", "anyone", "anybody", "everyone", "your", "our", "their", "my"]);

// Only before "like", which brings the example the article was reaching for; after "the, as they should be," the phrase resumes.
const ABANDONED_ARTICLE = /the(?<![\p{L}\p{N}'’-]the)\s*,\s+(?=like\s)/gu;

type Word = { text: string; lower: string; start: number; end: number };

function wordsBetween(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  const slice = text.slice(from, to);
  for (const match of allMatches(WORD, slice)) {
    const word = match[0].replace(/[.-]+$/, "");
    words.push({ text: word, lower: word.toLowerCase(), start: from + match.index, end: from + match.index + word.length });
  }
  return words;
}

/** Where the clause holding `at` starts: after the last comma, semicolon, dash, clause link or complement verb. */
function clauseStart(text: string, at: number, limitWords: number): number {
  const from = Math.max(0, at - 120);
  const boundary = text.slice(from, at).search(/[,;:.!?—–]\s*(?=[^,;:.!?—–]*$)/);
  let start = boundary === -1 ? from : from + boundary + 1;
  const words = wordsBetween(text, start, at);
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index]!;
    if (words.length - index > limitWords) return -1;
    start = word.start;
    // "if we — in the future": the abandoned clause starts at its "if"; "and"/"but" and "I think" belong to what follows.
    if (SUBORDINATORS.has(word.lower)) break;
    if (index > 0 && (COORDINATORS.has(words[index - 1]!.lower) || COMPLEMENT_VERBS.has(words[index - 1]!.lower))) break;
  }
  return start;
}

function removeFalseStarts(text: string): string {
  const removals = new Removals(text);
  // "all of those mining pools or sorry, those miners": the repair replaces what it repeats the start of.
  for (const match of allMatches(EDIT_TERM, text)) {
    const repairAt = match.index + match[0].length;
    const first = wordAfter(text, repairAt);
    if (!RESTART_WORDS.has(first) && !DETERMINERS.has(first)) continue;
    const before = wordsBetween(text, Math.max(0, match.index - 80), match.index).slice(-6);
    const reparandum = before.findLast((word) => word.lower === first);
    if (reparandum) removals.take({ start: reparandum.start, end: repairAt });
  }
  for (const match of allMatches(CUT, text)) {
    const start = clauseStart(text, match.index, 5);
    if (start === -1) continue;
    const fragment = wordsBetween(text, start, match.index);
    const after = wordAfter(text, match.index + match[0].length);
    if (fragment.length === 0 || !after) continue;
    const restarted = RESTART_WORDS.has(fragment[0]!.lower) && fragment[0]!.lower === after;
    // "So the point is - cognitive costs" goes on; "now part of the — it's called Poolin" starts again.
    const abandoned = CANNOT_END.has(fragment.at(-1)!.lower) && (RESTART_WORDS.has(after) || DETERMINERS.has(after) || after === "you" || after === "let's" || after === "let’s");
    if (restarted || abandoned) removals.take({ start, end: match.index + match[0].length });
  }
  // "this is does not disprove it": a verb begun and replaced by another that carries the tense. Not
  // after "what"/"how" ("what it is does matter": a clause as subject) nor before a subject ("the
  // question is do we…": an embedded question).
  for (const match of allMatches(TENSE_RESTART, text)) {
    if (FREE_RELATIVE_BEFORE.test(text.slice(Math.max(0, match.index - 30), match.index))) continue;
    if (QUESTION_SUBJECTS.has(wordAfter(text, match.index + match[0].length + match[1]!.length))) continue;
    removals.take({ start: match.index, end: match.index + match[0].length });
  }
  // "around the time that the, like AlexNet": an article ends no phrase, so one before a comma was given up.
  for (const match of allMatches(ABANDONED_ARTICLE, text)) removals.take({ start: match.index, end: match.index + match[0].length });
  // "a thing that, I, a problem", "I was, I had a front row seat": a clause cut off at a comma and begun again.
  for (const match of allMatches(/,\s+/g, text)) {
    const after = wordAfter(text, match.index + match[0].length);
    if (!RESTART_WORDS.has(after)) continue;
    const before = wordsBetween(text, Math.max(0, match.index - 60), match.index).slice(-4);
    if (before.length === 0 || !CUT_OFF_AT_COMMA.has(before.at(-1)!.lower)) continue;
    const repeated = before.findLast((word) => word.lower === after);
    if (repeated) removals.take({ start: repeated.start, end: match.index + match[0].length });
  }
  return removals.apply();
}

// ---------------------------------------------------------------------------------------------
// Stage: stutters and repeated words.

// A word or up to three said again at once: "the the", "I was, I was", "it's -- it's", "We- we".
// The copy must end where the word does: "8, 8%" and "3, 3.5" are two numbers, not a stutter.
const REPEAT = /(?<![\p{L}\p{N}'’])((?:[\p{L}\p{N}][\p{L}\p{N}'’%]*)(?:\s+[\p{L}\p{N}][\p{L}\p{N}'’%]*){0,2})(?:-?\s*(?:,|--|—|–|-)?\s+)(?=\1(?![\p{L}\p{N}'’%$]|[.,]\d))/giu;
// Said twice on purpose: "that that", "had had", "what it is is".
const GRAMMATICAL_REPEATS = new Set(["that", "had", "is", "bye", "no", "ha", "cha", "blah", "so", "knock", "tsk", "well"]);
// Object then subject across a comma: "use it, it wouldn't", "paraphrase that, that's".
const OBJECT_PRONOUNS = new Set(["it", "that", "this", "you", "them", "her", "him", "there", "those", "these", "one"]);

function removeRepeats(text: string): string {
  const removals = new Removals(text);
  const reading = new Reading(text);
  for (const match of allMatches(REPEAT, text)) {
    const repeated = match[1]!;
    const separator = match[0].slice(repeated.length);
    const start = match.index;
    const lower = repeated.toLowerCase();
    // Case differs only at a sentence's start: "The the" is a stutter, "US us" is not.
    const again = text.slice(start + match[0].length, start + match[0].length + repeated.length);
    const opensSentence = start === 0 || AFTER_SENTENCE_END.test(text.slice(Math.max(0, start - 8), start));
    if (again !== repeated && again.toLowerCase() === lower && !(opensSentence && again.slice(1) === repeated.slice(1))) continue;
    if (GRAMMATICAL_REPEATS.has(lower) && !/[,—–-]/.test(separator)) continue;
    if (lower === "is" || lower === "was") continue;
    // "it's -- it's" restarts; "cortisol - cortisol is our stress hormone -" explains.
    const firstWord = lower.split(/\s+/)[0]!;
    if (/[—–-]/.test(separator) && !CANNOT_END.has(firstWord) && !RESTART_WORDS.has(firstWord)) continue;
    if (OBJECT_PRONOUNS.has(lower) && separator.includes(",")) {
      const { previous, next } = reading.at(start + match[0].length);
      const before = reading.at(start).previous;
      const secondIsSubject = next !== undefined && (next.pos === "AUX" || next.pos === "VERB" || next.pos === "PART");
      const firstIsObject = before !== undefined && (before.pos === "VERB" || before.pos === "ADP" || (before.pos === "NOUN" && !DETERMINERS.has(wordBefore(text, before.start))));
      if (previous && secondIsSubject && firstIsObject) continue;
    }
    removals.take({ start, end: start + match[0].length, repeat: true });
  }
  // "dis disprove": the start of a word, given up and said again whole. Not a repeat: the guard still
  // keeps a cut-off name ("Ste Stenberg" loses nothing, but a capitalized word is read as a name).
  for (const match of allMatches(CUT_OFF_START, text)) {
    if (isCutOffStart(match[1]!, match[2]!)) removals.take({ start: match.index, end: match.index + match[0].length - match[2]!.length });
  }
  return removals.apply();
}

// ---------------------------------------------------------------------------------------------

// Anything tidy would change; most sentences have none of it.
const UNTIDY = /\s\s|[\t\n\r]|\s[,.!?;:…)]|[(]\s|,\s*,|[,;:]\s*(?:--|—|–)|(?:--|—|–)\s*[,.!?;:]|[,;:][.!?…]|^[\s,;:.—–-]|(?:--|—|–)\s*$|\s$/;

function tidy(text: string): string {
  if (!UNTIDY.test(text)) return text;
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([,.!?;:…)])/g, "$1")
    .replace(/([(])\s+/g, "$1")
    .replace(/,(?:\s*,)+/g, ",")
    .replace(/([,;:])\s*(?:--|—|–)\s*/g, "$1 ")
    .replace(/(?:--|—|–)\s*([,.!?;:])/g, "$1")
    .replace(/[,;:]+(?=[.!?…])/g, "")
    .replace(/^[\s,;:.—–-]+/, "")
    .replace(/\s*(?:--|—|–)\s*$/, "")
    .trim();
}

function capitalize(text: string): string {
  if (/^\S*(?::\/\/|www\.)/.test(text)) return text;
  return text.replace(/^(["'“‘(]?)(\p{Ll})/u, (_match, quote: string, letter: string) => quote + letter.toUpperCase());
}

function removeNonSpeech(sentence: string): string {
  const trimmed = sentence.trim();
  if (METADATA_LINE.some((pattern) => pattern.test(trimmed))) return "";
  if (!/[[(♪:>]|^\s*\d/.test(sentence)) return sentence;
  return sentence.replace(NON_SPEECH, " ").replace(CAPITALIZED_NOTE, " ").replace(EDITORIAL_INSERTION, "$1").replace(SPEAKER_LABEL, "").replace(LEADING_TIMESTAMP, "");
}

const STAGES = [removeFillers, removeFalseStarts, removeRepeats, removeOpeningFillers];
// Cheap tests for whether a stage can find anything, so most sentences skip it.
const MAY_HAVE: { test(text: string): boolean }[] = [
  /\b(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|m+-?hm+|mm+|you know|I mean|you see|if you will|or whatever|basically|literally|like|kind of|sort of)\b|,\s*(?:right|yeah|okay|ok|huh|no)\s*[?.!]?\s*$/i,
  /--|—|–|-\s|,\s+(?:I|we|you|they|he|she|it|it's|it’s|that|that's|that’s|there|there's|there’s|this|the|a|an|what|when|if|i'm|i’m|we're|we’re|they're|they’re)\b|\bthe\s*,\s+like\b|sorry|rather|\b(?:is|was|are|were)\s+(?:does|do|did|has|have|had|will|would|can|could|should)\b/i,
  { test: saysWordsTwice },
  OPENING_FILLER,
];

/** Whether one to three words come twice in a row, as a stutter does, or a word comes after its own start ("dis disprove"). */
function saysWordsTwice(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}'’%]+/gu) ?? [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word.length <= 5 && words[index + 1]?.startsWith(word) && isCutOffStart(word, words[index + 1]!)) return true;
    for (let size = 1; size <= 3 && index + 2 * size <= words.length; size++) {
      let same = true;
      for (let offset = 0; offset < size && same; offset++) same = words[index + offset] === words[index + size + offset];
      if (same) return true;
    }
  }
  return false;
}

/** The disfluencies of one sentence removed; its meaning, order and sentence end kept. "" when nothing was said. */
export function cleanSentence(sentence: string): string {
  const spoken = tidy(removeNonSpeech(sentence));
  let text = spoken;
  let meaning: Meaning | null = null;
  STAGES.forEach((stage, index) => {
    if (!MAY_HAVE[index]!.test(text)) return;
    const changed = stage(text);
    if (changed === text) return;
    const next = tidy(changed);
    // A stage whose result lost something protected is undone: the less cleaned text is the truer one.
    meaning ??= new Meaning(spoken);
    if (meaning.keptBy(next)) text = next;
  });
  if (!/\p{L}|\p{N}/u.test(text)) return "";
  // A caption run can end a turn without a full stop; the body still reads as sentences.
  if (!/[.!?…]["'”’)\]]*$/.test(text)) text = `${text.replace(/[,;:]+$/, "")}.`;
  return capitalize(text);
}

// Connectives that only tie a sentence to the one before; an insight's first sentence has none before it.
const OPENING_CONNECTIVE = /^(?:and so|and then|and also|and|but|so|also|plus|then|now|or|rather|instead|however|still|besides|meanwhile|in fact|actually|of course|in addition|additionally|again)(?:,\s*|\s+)(?!far\b|much\b|many\b|long\b|few\b|little\b|that\b|to\b|on\b|forth\b|of\b|than\b)/i;

/**
 * The first sentence of an insight, which nothing precedes: a leading "And so" or "But" points at
 * a sentence the reader never sees.
 */
export function openSentence(cleaned: string): string {
  let text = cleaned;
  for (let previous = ""; previous !== text; ) {
    previous = text;
    const next = tidy(text.replace(OPENING_CONNECTIVE, "").replace(OPENING_FILLER, ""));
    if (next !== text && new Meaning(text).keptBy(next)) text = next;
  }
  return capitalize(text);
}
