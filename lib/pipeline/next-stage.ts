/**
 * The order of the pipeline, in one place: a read feed queues its newest episodes' transcripts (and
 * its artwork); a stored transcript queues extraction; extracted or re-embedded insights queue
 * relating; a stored transcript and stored insights are matched against readers' alerts. Each stage ends by calling the function here for what comes after it, and the next stage
 * is queued by its job definition, so no stage imports another's module. The sweep (sweep-insights)
 * calls these again for work a crash left between two stages; the jobs' keys make it run once.
 */
import "server-only";
import { queueArtworkFetches } from "@/lib/artwork/fetch-artwork";
import { queueTranscriptFetches } from "@/lib/ingest/fetch-transcript";
import { extractInsightsJob, matchAlertsJob, relateInsightsJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";

/** A feed was read (or answered "not modified"): fetch what its newest episodes still lack. */
export async function afterFeedRead(podcastId: string): Promise<void> {
  await queueTranscriptFetches(podcastId);
  await queueArtworkFetches(podcastId);
}

/** An episode's transcript was stored, or found missing: extraction reads it, or records why there is nothing to read. */
export async function afterTranscript(episodeId: string): Promise<void> {
  await enqueue(extractInsightsJob, { episodeId, force: false, reason: "transcript" });
  // Phrase alerts need only the transcript: they need not wait for extraction.
  await enqueue(matchAlertsJob, { episodeId, version: "transcript" });
}

/** An episode's insights were extracted (or re-embedded) as of `version`: relate them; the same version queues once. */
export async function afterInsights(episodeId: string, version: Date | string): Promise<void> {
  const stamp = typeof version === "string" ? version : version.toISOString();
  await enqueue(relateInsightsJob, { episodeId, version: stamp });
  await enqueue(matchAlertsJob, { episodeId, version: stamp });
}
