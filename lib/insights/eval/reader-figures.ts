/**
 * One episode's insights measured as a reader meets them: complete-sentence headlines, negations and
 * hedges lost, speech debris and leaning openings in bodies, numbers and names the transcript window
 * does not hold, and labels that name a subject. Each measure lives in its own module here; this one
 * runs them over an episode and keeps the findings for the eval to print.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { headlineMarkersLost, bodyMarkersLost, countLost } from "@/lib/insights/eval/lost-markers";
import { leaningOpening } from "@/lib/insights/eval/leaning-opening";
import { judgeHeadline } from "@/lib/insights/eval/sentence-headline";
import { speechDebrisIn } from "@/lib/insights/eval/speech-debris";
import { createWindowReader } from "@/lib/insights/eval/transcript-window";
import { unfaithfulSpecifics } from "@/lib/insights/eval/faithful-specifics";
import type { GroundedInsight } from "@/lib/insights/types";

export type LabelJudge = (label: string) => boolean;

export type ReaderFigures = {
  insights: number;
  sentenceHeadlines: number;
  /** Negations and hedges the headlines dropped from their source clause. */
  headlineMarkersLost: number;
  /** Negations and hedges the bodies dropped from their quote. */
  bodyMarkersLost: number;
  bodiesWithDebris: number;
  leaningOpenings: number;
  /** Insights whose every number and name in headline and body is in the transcript window. */
  faithful: number;
  labels: number;
  goodLabels: number;
  /** What was found, one line each, for a human to check the measure. */
  findings: string[];
};

export function emptyReaderFigures(): ReaderFigures {
  return { insights: 0, sentenceHeadlines: 0, headlineMarkersLost: 0, bodyMarkersLost: 0, bodiesWithDebris: 0, leaningOpenings: 0, faithful: 0, labels: 0, goodLabels: 0, findings: [] };
}

export function measureReaderFigures(
  insights: readonly Pick<GroundedInsight, "headline" | "body" | "quote" | "matchedText" | "topicLabels">[],
  segments: TranscriptSegment[],
  isGoodLabel: LabelJudge,
): ReaderFigures {
  const figures = emptyReaderFigures();
  const windowOf = createWindowReader(segments);
  for (const insight of insights) {
    figures.insights++;
    const verdict = judgeHeadline(insight.headline);
    if (verdict.complete) figures.sentenceHeadlines++;
    else figures.findings.push(`headline not a sentence (${verdict.problem}): "${insight.headline}"`);

    const window = windowOf(insight);
    const headlineLost = headlineMarkersLost(insight.headline, window);
    figures.headlineMarkersLost += countLost(headlineLost);
    if (countLost(headlineLost) > 0) {
      figures.findings.push(`headline lost ${[...headlineLost.negations, ...headlineLost.hedges].map((m) => `"${m}"`).join(", ")}: "${insight.headline}" ← "${headlineLost.from}"`);
    }
    const bodyLost = bodyMarkersLost(insight.body, insight.quote);
    figures.bodyMarkersLost += countLost(bodyLost);
    if (countLost(bodyLost) > 0) figures.findings.push(`body lost ${[...bodyLost.negations, ...bodyLost.hedges].map((m) => `"${m}"`).join(", ")} of "${bodyLost.from}"`);

    const debris = speechDebrisIn(insight.body);
    if (debris.length > 0) {
      figures.bodiesWithDebris++;
      figures.findings.push(`body has speech debris ${debris.map((d) => `"${d}"`).join(", ")}: "${insight.body.slice(0, 80)}…"`);
    }
    const leaning = leaningOpening(insight.body);
    if (leaning) {
      figures.leaningOpenings++;
      figures.findings.push(`body opens leaning on "${leaning}": "${insight.body.slice(0, 80)}…"`);
    }
    const missing = [...unfaithfulSpecifics(insight.headline, window), ...unfaithfulSpecifics(insight.body, window)];
    if (missing.length === 0) figures.faithful++;
    else figures.findings.push(`not in the window: ${missing.map((m) => `"${m}"`).join(", ")}: "${insight.headline}"`);

    for (const label of insight.topicLabels) {
      figures.labels++;
      if (isGoodLabel(label)) figures.goodLabels++;
    }
  }
  return figures;
}

export function addReaderFigures(total: ReaderFigures, row: ReaderFigures): ReaderFigures {
  return {
    insights: total.insights + row.insights,
    sentenceHeadlines: total.sentenceHeadlines + row.sentenceHeadlines,
    headlineMarkersLost: total.headlineMarkersLost + row.headlineMarkersLost,
    bodyMarkersLost: total.bodyMarkersLost + row.bodyMarkersLost,
    bodiesWithDebris: total.bodiesWithDebris + row.bodiesWithDebris,
    leaningOpenings: total.leaningOpenings + row.leaningOpenings,
    faithful: total.faithful + row.faithful,
    labels: total.labels + row.labels,
    goodLabels: total.goodLabels + row.goodLabels,
    findings: [...total.findings, ...row.findings],
  };
}
