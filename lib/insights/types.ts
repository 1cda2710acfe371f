/**
 * The shapes the insight pipeline passes between its parts: extraction (a model or the offline
 * extractor), grounding, embedding, topic assignment and relating.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";

/** One insight as an extractor proposes it, before it is grounded in the transcript. */
export type InsightCandidate = {
  headline: string;
  /** Two to four sentences, standalone. */
  body: string;
  /** Verbatim from the transcript (tolerantly matched by grounding). */
  quote: string;
  speaker: string | null;
  /** Free-text topic labels the extractor suggests ("AI geopolitics", "chips"). */
  topicLabels: string[];
  /** 0..1, the extractor's own judgement of how worth reading it is. */
  qualityScore: number;
};

/** A candidate whose quote was found: its times and speaker come from the matched segments. */
export type GroundedInsight = InsightCandidate & {
  startSeconds: number;
  endSeconds: number;
  /** The transcript text the quote matched, as it stands there. */
  matchedText: string;
};

export type ExtractionUsage = { inputTokens: number; outputTokens: number };

export type ExtractionResult = {
  insights: GroundedInsight[];
  /** Which model (or "offline:<version>") and prompt version made them. */
  model: string;
  promptVersion: string;
  usage: ExtractionUsage | null;
  /**
   * Candidates dropped: quote not found in the transcript, the same point made twice, or a number
   * or name in the headline or body that the transcript passage does not hold (lib/insights/faithfulness.ts).
   */
  dropped: { ungrounded: number; duplicates: number; unfaithful: number };
  /**
   * Set when the extractor read nothing of this episode on purpose, in words for the reader
   * ("Spanish: offline extraction reads English; configure a model"); insights is then empty.
   */
  skippedReason?: string;
};

export type ExtractionInput = {
  segments: TranscriptSegment[];
  /** Context for the extractor; never instructions. */
  episodeTitle: string;
  podcastTitle: string;
  /** The episode's show notes as plain text, when the feed has them: context for topics. */
  episodeNotes?: string;
};

export interface Extractor {
  readonly id: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}
