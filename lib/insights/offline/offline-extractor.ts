/**
 * The extractor used when no model provider is configured: extractive, no network, no weights.
 * English only (lib/nlp/language.ts); sentences.ts → clean.ts → score.ts → select.ts → headline.ts
 * (a window without a headline gives way to the next best) and keyphrases.ts. Grounded by
 * construction: quotes, times and speaker are the chosen sentences' own, so nothing is dropped as
 * ungrounded. The transcript is only read as data; nothing in it is followed as an instruction.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { headlineDrafter } from "@/lib/insights/offline/headline";
import { topKeyphrases } from "@/lib/insights/offline/keyphrases";
import { scoreSentences, type SentenceScore } from "@/lib/insights/offline/score";
import { candidateWindows, selectWindows, type Window } from "@/lib/insights/offline/select";
import { splitIntoSentences, type Sentence, type Turn } from "@/lib/insights/offline/sentences";
import { countWords, wordsOf } from "@/lib/insights/offline/tokens";
import type { ExtractionInput, ExtractionResult, Extractor, GroundedInsight } from "@/lib/insights/types";
import { detectLanguage, readsAsEnglish } from "@/lib/nlp/language";

export const OFFLINE_EXTRACTOR_ID = "offline:2";
export const OFFLINE_PROMPT_VERSION = "offline-2";

/** Speaking pace used to size untimed transcripts (plain text, Markdown), whose segments all sit at 0. */
export const WORDS_PER_MINUTE = 150;

/** The episode's length: its last segment's end, or, for an untimed transcript, its words at 150 a minute. */
export function estimateDurationSeconds(segments: TranscriptSegment[]): { seconds: number; estimated: boolean } {
  const lastEnd = segments.reduce((latest, segment) => Math.max(latest, segment.end), 0);
  if (lastEnd > 0) return { seconds: lastEnd, estimated: false };
  const words = segments.reduce((sum, segment) => sum + countWords(segment.text), 0);
  return { seconds: (words / WORDS_PER_MINUTE) * 60, estimated: true };
}

/**
 * The window's cleaned sentences, the best by the episode model first: the headline's source. A
 * sentence carrying on a list of what others said is the speaker's report, not the claim.
 */
function keySentences(window: Window, scores: SentenceScore[]): string[] {
  return window.bodySentences
    .map((text, order) => ({ text, order, value: scores[window.first + order]?.score ?? 0, reported: scores[window.first + order]?.reported ?? false }))
    .filter((entry) => !entry.reported)
    .sort((a, b) => b.value - a.value || a.order - b.order)
    .map((entry) => entry.text);
}

function toInsight(
  window: Window,
  headline: string,
  sentences: Sentence[],
  turns: Turn[],
  labelWeight: (term: string) => number,
  names: Set<string>,
): GroundedInsight {
  const first = sentences[window.first]!;
  const last = sentences[window.last]!;
  const turn = turns[first.turn]!;
  // The turn text joins segments with single spaces, as the transcript does: the quote is verbatim.
  const quote = turn.text.slice(first.charStart, last.charEnd);
  const body = window.bodySentences.join(" ");
  return {
    headline,
    body,
    quote,
    speaker: turn.speaker,
    topicLabels: topKeyphrases(body, labelWeight, names),
    qualityScore: Math.round(Math.min(1, Math.max(0, window.score)) * 1000) / 1000,
    startSeconds: first.startSeconds,
    endSeconds: last.endSeconds,
    matchedText: quote,
  };
}

function emptyResult(skippedReason?: string): ExtractionResult {
  return {
    insights: [],
    model: OFFLINE_EXTRACTOR_ID,
    promptVersion: OFFLINE_PROMPT_VERSION,
    usage: null,
    dropped: { ungrounded: 0, duplicates: 0, unfaithful: 0 },
    ...(skippedReason ? { skippedReason } : {}),
  };
}

export function extractOfflineInsights(input: ExtractionInput): ExtractionResult {
  // Choosing and cleaning read English grammar; another language would give nonsense, not insights.
  const language = detectLanguage(input.segments.map((segment) => segment.text).join(" "));
  if (!readsAsEnglish(language)) return emptyResult(`${language.name}: offline extraction reads English; configure a model`);

  const { turns, sentences } = splitIntoSentences(input.segments);
  const duration = estimateDurationSeconds(input.segments);
  const model = scoreSentences(sentences, { episodeTitle: input.episodeTitle, podcastTitle: input.podcastTitle });

  // A term matters for a headline or a label when the episode keeps returning to it (centroid) and
  // when it is specific (rare across sentences); either alone picks "AI" everywhere or one-off asides.
  const peak = [...model.centroid.values()].reduce((a, b) => Math.max(a, b), 0);
  const maxIdf = [...model.idf.values()].reduce((a, b) => Math.max(a, b), 1);
  const centrality = (term: string) => (peak > 0 ? (model.centroid.get(term) ?? 0) / peak : 0);
  const specificity = (term: string) => (model.idf.get(term) ?? 0) / maxIdf;
  const weight = (term: string) => 0.5 * centrality(term) + 0.5 * specificity(term);
  // Topic labels lean on what the episode returns to: a label names a subject, not a passing detail.
  const labelWeight = (term: string) => 0.75 * centrality(term) + 0.25 * specificity(term);
  const names = new Set(
    turns.flatMap((turn) => (turn.speaker ? wordsOf(turn.speaker.toLowerCase()) : [])).filter((word) => word.length > 2),
  );

  // A window no sentence of which makes a headline is not an insight: the next best is chosen instead.
  const headlines = new Map<Window, string>();
  const draftHeadline = headlineDrafter(weight);
  const withHeadline = (window: Window) => {
    const headline = draftHeadline(keySentences(window, model.scores));
    if (headline === null) return false;
    headlines.set(window, headline);
    return true;
  };
  const { windows, duplicates } = selectWindows(candidateWindows(sentences, model), duration.seconds, withHeadline);

  return {
    ...emptyResult(),
    insights: windows.map((window) => toInsight(window, headlines.get(window)!, sentences, turns, labelWeight, names)),
    dropped: { ungrounded: 0, duplicates, unfaithful: 0 },
  };
}

export function createOfflineExtractor(): Extractor {
  return {
    id: OFFLINE_EXTRACTOR_ID,
    extract: async (input) => extractOfflineInsights(input),
  };
}
