/**
 * Which topics an insight is about. A described (curated) topic scores embedding similarity to its
 * description plus word matches from the insight and its labels, adjusted by what the whole episode is
 * about; at most three are kept, a narrower one only when it clearly beats its parent. Phrase topics (a
 * reader's own words) are judged alone and never displace a described topic. Weights are calibrated for
 * use-lite-512 on tests/fixtures/topic-labels.json: re-run `npm run eval:topics` after changing any.
 */
import { cosine } from "@/lib/insights/embeddings";
import { RARE_WORD_RANK } from "@/lib/insights/topics/label-quality";
import { nounPhrasesOf } from "@/lib/insights/topics/noun-phrases";
import { spokenRank } from "@/lib/nlp/spoken-frequency";

export type TopicText = {
  id: string;
  name: string;
  description: string;
  /** The id of the broader topic this one narrows ("AI business" narrows "Artificial intelligence"), if any. */
  parentId?: string;
};

/** A topic ready for matching: `embedding` is its description's, from the insight's embedder. */
export type AssignableTopic = TopicText & { embedding: Float32Array };

export type InsightForTopics = {
  /** Embedding of the insight's text, from the same embedder as the topics'. */
  embedding: Float32Array;
  /** The extractor's free-text labels ("AI geopolitics", "chips"); may be empty. */
  topicLabels: string[];
  /** Headline and body as the reader sees them. */
  text: string;
  /** Where the insight was said: the episode's title, its show and show notes (notes may be absent). */
  context?: EpisodeContext;
};

export type EpisodeContext = { episodeTitle: string; podcastTitle: string; episodeNotes?: string };

export type TopicScore = { topicId: string; score: number; kind: "described" | "phrase"; parentId?: string };
export type TopicAssignment = { topicId: string; score: number };

export type AssignTopicsOptions = {
  /** At most this many described topics per insight. */
  maxTopics: number;
  /** A described topic scoring below this is never assigned. */
  minScore: number;
  /** A described topic further than this below the insight's best one is left out. */
  maxGapToBest: number;
  /** A narrower topic must score at least this much above its broader one, or it is left out. */
  childMargin: number;
  /** A second topic of the same family (same broadest ancestor) must score within this of the best one. */
  familyGap: number;
  /** A phrase topic needs at least this score. */
  phraseMinScore: number;
  /** At most this many phrase topics per insight (the best ones). */
  maxPhraseTopics: number;
};

/**
 * Chosen with `npm run eval:topics`. A described topic scores similarity (-1..1) plus the share of its
 * words in the labels and in the text (0..1 each, weighted by `tellingness` so a word every description
 * uses cannot make a topic alone; label embeddings did worse than words); a phrase topic scores
 * similarity plus 1.5 × its words' share. childMargin: a narrower description carries its parent's
 * words; familyGap: neighbouring technical topics score alike on any technical insight.
 */
export const DEFAULT_ASSIGN_OPTIONS: AssignTopicsOptions = {
  maxTopics: 3,
  minScore: 0.35,
  maxGapToBest: 0.23,
  childMargin: 0.2,
  familyGap: 0.1,
  phraseMinScore: 1.4,
  maxPhraseTopics: 5,
};

/**
 * At most this many described topics of one family on one insight: the labeller sometimes chose two
 * of one family and never three.
 */
const MAX_PER_FAMILY = 2;
const LABEL_WEIGHT = 1;
const TEXT_WEIGHT = 1;
const PHRASE_WORDS_WEIGHT = 1.5;
/** Saying one of a reader's key phrases outright ("export controls") counts this much on top of its words. */
const KEY_PHRASE_WEIGHT = 0.6;
/** How far a described topic falls when the rest of the episode scores it below the episode's best topic. */
export const EPISODE_WEIGHT = 0.75;
/** Topics scoring within this of the episode's best topic (on the rest of the episode) are among its themes. */
export const EPISODE_MARGIN = 0.3;
/** A described topic scoring this much on the insight alone is beyond the episode's say. */
const STRONG_SCORE = 1;
/** How far it falls when the episode's title, show and notes name it less than the topic they name most. */
export const CONTEXT_WEIGHT = 0.25;

/** How far a topic of a family foreign to the episode falls (see `foreignFamilies`), before doubt. */
export const FOREIGN_PENALTY = 0.2;
/** The episode names one family clearly when no other family is named more than this share of it. */
const FAMILY_CLARITY = 0.7;

/** A topic named at least this share of the episode's most named family is not foreign to it. */
const NAMED_SHARE = 0.25;

export type PriorWeights = { episode: number; context: number; foreign: number };

/**
 * The topics this insight is about, best first: up to `maxTopics` described topics, then matching
 * phrase topics. Its context (episode title, show, notes) weighs in; its episode's other insights
 * can only when they are matched together, with `assignEpisodeTopics`.
 */
export function assignTopics(insight: InsightForTopics, topics: readonly AssignableTopic[], options: Partial<AssignTopicsOptions> = {}): TopicAssignment[] {
  return assignEpisodeTopics([insight], topics, options)[0]!;
}

/** Topics for every insight of one episode (one context), each insight's weighed by what the others are about. */
export function assignEpisodeTopics(insights: readonly InsightForTopics[], topics: readonly AssignableTopic[], options: Partial<AssignTopicsOptions> = {}): TopicAssignment[][] {
  return scoreEpisodeTopics(insights, topics).map((scores) => selectTopics(scores, options));
}

/** Every topic's score for each insight of one episode, with the episode's prior applied; unfiltered. */
export function scoreEpisodeTopics(insights: readonly InsightForTopics[], topics: readonly AssignableTopic[], weights: PriorWeights = { episode: EPISODE_WEIGHT, context: CONTEXT_WEIGHT, foreign: FOREIGN_PENALTY }): TopicScore[][] {
  const raw = insights.map((insight) => scoreTopics(insight, topics));
  const vocabulary = vocabularyOf(topics);
  const contextShift = contextPrior(insights[0]?.context, topics, vocabulary);
  const totals = topics.map((_, t) => raw.reduce((sum, scores) => sum + scores[t]!.score, 0));
  const foreign = foreignFamilies(insights[0]?.context, topics, vocabulary, totals);
  return raw.map((scores) => {
    // The rest of the episode, without this insight: what it says of itself is already in its score.
    const others = insights.length - 1;
    const episodeMeans = others > 0 ? topics.map((_, t) => (totals[t]! - scores[t]!.score) / others) : null;
    const bestMean = episodeMeans ? Math.max(...episodeMeans.filter((_, t) => scores[t]!.kind === "described")) : 0;
    return scores.map((score, t) => {
      if (score.kind === "phrase") return score;
      // Only topics well below the episode's own are foreign to it; the episode's few themes keep their score.
      const episodeShift = episodeMeans ? Math.min(0, episodeMeans[t]! - bestMean + EPISODE_MARGIN) : 0;
      // A topic the insight itself argues for strongly ("cybersecurity" on a Bitcoin bug) stands on its own
      // evidence; the episode decides between weak ones ("energy" on glucose metabolism).
      const doubt = Math.min(1, Math.max(0, (STRONG_SCORE - score.score) / STRONG_SCORE));
      const foreignShift = foreign[t]! ? -weights.foreign : 0;
      return { ...score, score: score.score + doubt * (weights.episode * episodeShift + weights.context * contextShift[t]! + foreignShift) };
    });
  });
}

/**
 * Which described topics belong to a family foreign to the episode: true only when the episode's
 * title, show and notes clearly name one family (the second most named family, by its most named
 * topic, at most FAMILY_CLARITY of the first) and its insights, taken together, score that family
 * highest too. An episode about both the brain and burnout names two families and has no foreign one.
 */
function foreignFamilies(context: EpisodeContext | undefined, topics: readonly AssignableTopic[], vocabulary: Vocabulary, totals: readonly number[]): boolean[] {
  const none = topics.map(() => false);
  if (!context) return none;
  // Counted by how telling the named words are: "core developer" of spaCy does not name Crypto & bitcoin.
  const contextWords = [...new Map(wordsOf(contextText(context)).map((word) => [word.said, word])).values()];
  const named = topics.map((topic, t) => (isPhraseTopic(topic) ? 0 : tellingShare(contextWords, (term) => vocabulary.topicTerms[t]!.has(term), vocabulary)));
  const familyOf = familiesOf(topics.map((topic) => ({ topicId: topic.id, score: 0, kind: "described" as const, ...(topic.parentId ? { parentId: topic.parentId } : {}) })));
  const families = topics.map((topic) => familyOf(topic.id));
  const strongest = (values: readonly number[]) => {
    const byFamily = new Map<string, number>();
    topics.forEach((topic, t) => {
      if (!isPhraseTopic(topic)) byFamily.set(families[t]!, Math.max(byFamily.get(families[t]!) ?? -Infinity, values[t]!));
    });
    return [...byFamily].sort((a, b) => b[1] - a[1]);
  };
  const [first, second] = strongest(named);
  if (!first || first[1] <= 0 || (second && second[1] > FAMILY_CLARITY * first[1])) return none;
  if (strongest(totals)[0]?.[0] !== first[0]) return none;
  // A topic the context itself names ("regulation" for Politics & policy beside AI safety) is not foreign to it.
  return topics.map((topic, t) => !isPhraseTopic(topic) && families[t] !== first[0] && named[t]! < NAMED_SHARE * first[1]);
}

function contextText(context: EpisodeContext): string {
  return `${context.episodeTitle} ${context.podcastTitle} ${context.episodeNotes ?? ""}`;
}

/**
 * How much less than the most-named topic the episode's title, show and notes name each described
 * topic: 0 for the most named, down to -1 for a topic they never name; all 0 without context or when
 * the context names no topic at all (a title like "Episode 12" says nothing either way).
 */
function contextPrior(context: EpisodeContext | undefined, topics: readonly AssignableTopic[], vocabulary: Vocabulary): number[] {
  const none = topics.map(() => 0);
  if (!context) return none;
  const contextTerms = [...new Set(terms(contextText(context)))];
  const named = topics.map((topic, t) => (isPhraseTopic(topic) ? 0 : share(contextTerms, (term) => vocabulary.topicTerms[t]!.has(term), vocabulary)));
  const most = Math.max(0, ...named);
  return most === 0 ? none : named.map((value) => value / most - 1);
}

/** Every topic's score for this insight alone, unfiltered; `selectTopics` applies the thresholds. */
export function scoreTopics(insight: InsightForTopics, topics: readonly AssignableTopic[]): TopicScore[] {
  const vocabulary = vocabularyOf(topics);
  const labelTerms = insight.topicLabels.map(terms).filter((label) => label.length > 0);
  const textTerms = terms(insight.text);
  const insightTerms = new Set([...textTerms, ...labelTerms.flat()]);
  const saidPhrases = [textTerms, ...labelTerms].map((list) => ` ${list.join(" ")} `);
  const labelWords = insight.topicLabels.map(wordsOf).filter((label) => label.length > 0);
  const textWords = wordsOf(insight.text);

  return topics.map((topic, i) => {
    const similarity = cosine(insight.embedding, topic.embedding);
    const topicTerms = vocabulary.topicTerms[i]!;
    if (isPhraseTopic(topic)) {
      const covered = share([...topicTerms], (term) => insightTerms.has(term), vocabulary);
      const keyPhrase = vocabulary.keyPhrases[i]!.some((phrase) => saidPhrases.some((said) => said.includes(` ${phrase} `)));
      return { topicId: topic.id, score: similarity + PHRASE_WORDS_WEIGHT * covered + (keyPhrase ? KEY_PHRASE_WEIGHT : 0), kind: "phrase" };
    }
    const inTopic = (term: string) => topicTerms.has(term);
    // The labels' mean, not their best: one generic label ("developers") is not what the insight is about.
    const labelMatch = labelWords.length === 0 ? 0 : labelWords.reduce((sum, label) => sum + tellingShare(label, inTopic, vocabulary), 0) / labelWords.length;
    const textMatch = tellingShare(textWords, inTopic, vocabulary);
    const score = similarity + LABEL_WEIGHT * labelMatch + TEXT_WEIGHT * textMatch;
    return { topicId: topic.id, score, kind: "described", ...(topic.parentId ? { parentId: topic.parentId } : {}) };
  });
}

/** Applies the floors, the gap to the best and the limits to scores from `scoreTopics`. */
export function selectTopics(scores: readonly TopicScore[], options: Partial<AssignTopicsOptions> = {}): TopicAssignment[] {
  const { maxTopics, minScore, maxGapToBest, childMargin, familyGap, phraseMinScore, maxPhraseTopics } = { ...DEFAULT_ASSIGN_OPTIONS, ...options };
  const byScore = [...scores].sort((a, b) => b.score - a.score);

  const scoreOf = new Map(byScore.map((s) => [s.topicId, s.score]));
  const familyOf = familiesOf(scores);
  // Specific only when the insight is specifically about it: a narrower topic scoring no better than
  // its broader one matched on the words they share.
  const described = byScore.filter((s) => s.kind === "described" && (!s.parentId || !scoreOf.has(s.parentId) || s.score >= scoreOf.get(s.parentId)! + childMargin));
  const best = described[0]?.score ?? -Infinity;
  // A family is as strong as its best member, counting a narrower topic that gave way to its parent:
  // when "AI safety" leads and yields to "AI", a neighbour (Cybersecurity) must come close to AI safety.
  const familyBest = new Map<string, number>();
  for (const s of byScore) if (s.kind === "described" && !familyBest.has(familyOf(s.topicId))) familyBest.set(familyOf(s.topicId), s.score);
  const chosen: TopicScore[] = [];
  for (const s of described) {
    if (chosen.length >= maxTopics || s.score < minScore || s.score < best - maxGapToBest) break;
    const family = familyOf(s.topicId);
    const kin = chosen.filter((c) => familyOf(c.topicId) === family).length;
    if (kin > 0 && s.score < Math.max(best, familyBest.get(family)!) - familyGap) continue;
    // A third neighbour (Software engineering beside Open source and AI) tells the reader nothing new.
    if (kin >= MAX_PER_FAMILY) continue;
    chosen.push(s);
  }
  const phrases = byScore.filter((s) => s.kind === "phrase" && s.score >= phraseMinScore).slice(0, maxPhraseTopics);

  return [...chosen, ...phrases].map(({ topicId, score }) => ({ topicId, score }));
}

/** Each topic's broadest ancestor among the scored topics (itself when it has none). */
function familiesOf(scores: readonly TopicScore[]): (topicId: string) => string {
  const parentOf = new Map(scores.flatMap((s) => (s.parentId ? [[s.topicId, s.parentId] as const] : [])));
  return (topicId) => {
    let root = topicId;
    // Bounded, so a mistaken cycle in stored topics cannot hang assignment.
    for (let step = 0; step < scores.length && parentOf.has(root); step++) root = parentOf.get(root)!;
    return root;
  };
}

/** A reader's topic stores its phrase as both name and description (see topicFromPhrase). */
function isPhraseTopic(topic: TopicText): boolean {
  return topic.description.trim() === topic.name.trim();
}

type Vocabulary = {
  topicTerms: Set<string>[];
  /**
   * For a phrase topic, its key phrases as stemmed words joined by spaces: its first noun phrase when
   * of two words or more, and that phrase's shorter endings of two words or more ("semicon export
   * control", "export control"). Empty for described topics.
   */
  keyPhrases: string[][];
  /** How telling a word is: words found in few described topics weigh more. */
  weight: (term: string) => number;
  /** In how many described topics' names and descriptions the term appears (0 for none). */
  topicCount: (term: string) => number;
};

// A batch of insights is matched against one prepared topic list; its vocabulary is built once.
const vocabularies = new WeakMap<readonly AssignableTopic[], Vocabulary>();

function vocabularyOf(topics: readonly AssignableTopic[]): Vocabulary {
  const cached = vocabularies.get(topics);
  if (cached) return cached;
  const topicTerms = topics.map((topic) => new Set(terms(`${topic.name} ${topic.description}`)));
  // Only described topics set the weights, so readers adding their own topics does not shift
  // the calibration of everyone's curated ones.
  const described = topicTerms.filter((_, i) => !isPhraseTopic(topics[i]!));
  const documentFrequency = new Map<string, number>();
  for (const set of described) for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const count = described.length;
  const vocabulary: Vocabulary = {
    topicTerms,
    keyPhrases: topics.map((topic) => (isPhraseTopic(topic) ? keyPhrasesOf(topic.name) : [])),
    // A word no topic uses is as telling as the rarest one: an insight's label full of such words
    // is mostly about something else, and its share of matching words drops accordingly.
    weight: (term) => (count === 0 ? 1 : Math.log(1 + count / (documentFrequency.get(term) ?? 1))),
    topicCount: (term) => documentFrequency.get(term) ?? 0,
  };
  vocabularies.set(topics, vocabulary);
  return vocabulary;
}

/** The weighted share of `termList` for which `matches` holds, 0..1. */
function share(termList: readonly string[], matches: (term: string) => boolean, vocabulary: Vocabulary): number {
  let total = 0;
  let matched = 0;
  for (const term of termList) {
    const weight = vocabulary.weight(term);
    total += weight;
    if (matches(term)) matched += weight;
  }
  return total === 0 ? 0 : matched / total;
}

/** A word as said, and its stem as topics are matched by. */
type Word = { term: string; said: string };

function wordsOf(text: string): Word[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word)).map((said) => ({ term: stem(said), said }));
}

/** Words at least this common in speech (SUBTLEX-US rank) count the least when matched. */
const COMMON_RANK = 100;
/** What the commonest words still count, against 1 for a word rare in speech. */
const MIN_SPOKEN = 0.25;

/**
 * How much a word matched in one topic's description says the insight is about that topic, 0..1.
 * A word shared by several topics ("developers": Bitcoin Core developers, developer tools) says
 * less for each; so does a word common in everyday speech ("history", "business", "open"), which
 * speakers use about anything.
 */
function tellingness(word: Word, vocabulary: Vocabulary): number {
  const topics = Math.max(1, vocabulary.topicCount(word.term));
  const specificity = 1 / topics;
  const rank = spokenRank(word.said);
  const spoken = Math.min(1, Math.max(MIN_SPOKEN, Math.log(rank / COMMON_RANK) / Math.log(RARE_WORD_RANK / COMMON_RANK)));
  return specificity * spoken;
}

/**
 * Like `share`, but a matched word counts only as much as it tells of the topic: the words that do
 * not match still weigh in full, so a label that is one generic word ("developers", "era") no
 * longer counts as wholly about every topic that happens to use it.
 */
function tellingShare(words: readonly Word[], matches: (term: string) => boolean, vocabulary: Vocabulary): number {
  let total = 0;
  let matched = 0;
  for (const word of words) {
    const weight = vocabulary.weight(word.term);
    total += weight;
    if (matches(word.term)) matched += weight * tellingness(word, vocabulary);
  }
  return total === 0 ? 0 : matched / total;
}

/**
 * The phrase's first noun phrase is what it is about; later ones qualify it ("... and China", "... to
 * open source", "... in US states"), and saying only those is no sign of the subject.
 */
function keyPhrasesOf(phrase: string): string[] {
  const words = terms(nounPhrasesOf(phrase)[0] ?? "");
  const keys: string[] = [];
  for (let start = 0; start + 2 <= words.length; start++) keys.push(words.slice(start).join(" "));
  return keys;
}

const STOP_WORDS = new Set(
  "a an the and or of to in on for with by as at from into is are be it its that this how what their they them like such other about over not no vs versus people every day everyday can do does more most than when which who why will would".split(" "),
);

/**
 * Lower-case words without stop words, cut to a crude stem: a plural "s" dropped, then at most
 * seven letters, so "regulators" meets "regulation" and "podcasting" meets "podcast" while
 * "internet" and "international" stay apart.
 */
function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word)).map(stem);
}

function stem(word: string): string {
  let base = word;
  if (base.length > 4 && base.endsWith("ies")) base = `${base.slice(0, -3)}y`;
  else if (base.length > 3 && base.endsWith("s") && !base.endsWith("ss")) base = base.slice(0, -1);
  return base.slice(0, 7);
}
