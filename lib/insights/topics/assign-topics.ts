/**
 * Which topics an insight is about. Two kinds of topic are matched differently:
 *
 * - Described topics (the curated ones): the insight's embedding is compared with the
 *   description's, and the words of the extractor's labels and of the insight are looked up in the
 *   topic's name and description, rarer words counting more. The few best become the insight's
 *   topics: each must clear an absolute floor and sit close to the best one, at most three.
 * - Phrase topics (a reader's own words, stored with the phrase as name and description): judged
 *   one by one, by embedding similarity to the phrase plus how much of the phrase the insight's
 *   text and labels contain. They never take a described topic's place, nor it theirs.
 *
 * The weights and thresholds are calibrated for the offline embedder (use-lite-512) on the
 * labelled set in tests/fixtures/topic-labels.json: `npm run eval:topics` prints how they do.
 * Label embeddings compared with topic names were tried and lowered accuracy, so labels are
 * matched by their words.
 */
import { cosine, type Embedder } from "@/lib/insights/embeddings";

export type TopicText = { id: string; name: string; description: string };

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
  context?: { episodeTitle: string; podcastTitle: string; episodeNotes?: string };
};

export type TopicScore = { topicId: string; score: number; kind: "described" | "phrase" };
export type TopicAssignment = { topicId: string; score: number };

export type AssignTopicsOptions = {
  /** At most this many described topics per insight. */
  maxTopics: number;
  /** A described topic scoring below this is never assigned. */
  minScore: number;
  /** A described topic further than this below the insight's best one is left out. */
  maxGapToBest: number;
  /** A phrase topic needs at least this score. */
  phraseMinScore: number;
  /** At most this many phrase topics per insight (the best ones). */
  maxPhraseTopics: number;
};

/**
 * Chosen with `npm run eval:topics`. A described topic scores its similarity (-1..1) plus half the
 * share of the labels' words and half the share of the text's words found in it (each 0..1); a
 * phrase topic scores its similarity plus 1.5 times the share of the phrase's words the insight uses.
 * - maxGapToBest does the real work: at 0.17 recall fell to 80%, at 0.3 wrong second and third
 *   topics crept in.
 * - minScore only turns away insights about none of the topics: those scored 0.24-0.25 at best,
 *   while all but one on-topic insight scored 0.39 or more even without labels.
 * - phraseMinScore: an insight using every word of the phrase matches; two words of three need a
 *   similarity of about 0.4; none of its words, no match, because similarity alone did not tell a
 *   phrase's insights from the rest.
 */
export const DEFAULT_ASSIGN_OPTIONS: AssignTopicsOptions = {
  maxTopics: 3,
  minScore: 0.35,
  maxGapToBest: 0.23,
  phraseMinScore: 1.4,
  maxPhraseTopics: 5,
};

const LABEL_WEIGHT = 0.5;
const TEXT_WEIGHT = 0.5;
const PHRASE_WORDS_WEIGHT = 1.5;

/** Embeds each topic's description once, for matching any number of insights. */
export async function prepareTopics<T extends TopicText>(topics: readonly T[], embedder: Embedder): Promise<(T & { embedding: Float32Array })[]> {
  const embeddings = await embedder.embed(topics.map((topic) => topic.description));
  return topics.map((topic, i) => ({ ...topic, embedding: embeddings[i]! }));
}

/** The topics this insight is about, best first: up to `maxTopics` described topics, then matching phrase topics. */
export function assignTopics(insight: InsightForTopics, topics: readonly AssignableTopic[], options: Partial<AssignTopicsOptions> = {}): TopicAssignment[] {
  return selectTopics(scoreTopics(insight, topics), options);
}

/** Every topic's score for this insight, unfiltered; `selectTopics` applies the thresholds. */
export function scoreTopics(insight: InsightForTopics, topics: readonly AssignableTopic[]): TopicScore[] {
  const vocabulary = vocabularyOf(topics);
  const labelTerms = insight.topicLabels.map(terms).filter((label) => label.length > 0);
  const textTerms = terms(insight.text);
  const insightTerms = new Set([...textTerms, ...labelTerms.flat()]);

  return topics.map((topic, i) => {
    const similarity = cosine(insight.embedding, topic.embedding);
    const topicTerms = vocabulary.topicTerms[i]!;
    if (isPhraseTopic(topic)) {
      const covered = share([...topicTerms], (term) => insightTerms.has(term), vocabulary);
      return { topicId: topic.id, score: similarity + PHRASE_WORDS_WEIGHT * covered, kind: "phrase" };
    }
    const inTopic = (term: string) => topicTerms.has(term);
    const labelMatch = Math.max(0, ...labelTerms.map((label) => share(label, inTopic, vocabulary)));
    const textMatch = share(textTerms, inTopic, vocabulary);
    return { topicId: topic.id, score: similarity + LABEL_WEIGHT * labelMatch + TEXT_WEIGHT * textMatch, kind: "described" };
  });
}

/** Applies the floors, the gap to the best and the limits to scores from `scoreTopics`. */
export function selectTopics(scores: readonly TopicScore[], options: Partial<AssignTopicsOptions> = {}): TopicAssignment[] {
  const { maxTopics, minScore, maxGapToBest, phraseMinScore, maxPhraseTopics } = { ...DEFAULT_ASSIGN_OPTIONS, ...options };
  const byScore = [...scores].sort((a, b) => b.score - a.score);

  const described = byScore.filter((s) => s.kind === "described");
  const best = described[0]?.score ?? -Infinity;
  const chosen = described.filter((s) => s.score >= minScore && s.score >= best - maxGapToBest).slice(0, maxTopics);
  const phrases = byScore.filter((s) => s.kind === "phrase" && s.score >= phraseMinScore).slice(0, maxPhraseTopics);

  return [...chosen, ...phrases].map(({ topicId, score }) => ({ topicId, score }));
}

/** A reader's topic stores its phrase as both name and description (see topicFromPhrase). */
function isPhraseTopic(topic: TopicText): boolean {
  return topic.description.trim() === topic.name.trim();
}

type Vocabulary = {
  topicTerms: Set<string>[];
  /** How telling a word is: words found in few described topics weigh more. */
  weight: (term: string) => number;
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
    // A word no topic uses is as telling as the rarest one: an insight's label full of such words
    // is mostly about something else, and its share of matching words drops accordingly.
    weight: (term) => (count === 0 ? 1 : Math.log(1 + count / (documentFrequency.get(term) ?? 1))),
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
