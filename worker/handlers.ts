/**
 * Every job the worker runs: each definition in lib/jobs/definitions.ts bound to its handler. Only
 * the worker (and tests that run jobs) imports this module, so the web server, which enqueues by
 * definition, never loads extraction, the vector index or the model SDKs. A job not listed in
 * `handlers` is never picked up.
 */
import "server-only";
import { deliverAlertMail } from "@/lib/alerts/deliver-alert-mail";
import { matchEpisodeAlerts } from "@/lib/alerts/match-alerts";
import { fetchArtworkFor } from "@/lib/artwork/fetch-artwork";
import { queueDueBriefs, runBrief, settleAbandonedSends } from "@/lib/brief/brief-jobs";
import { sendNextBriefNow } from "@/lib/brief/send-brief-now";
import { checkClusterStances, clustersOfEpisode } from "@/lib/clusters/check-stances";
import { loadDemoContent } from "@/lib/ingest/demo-content";
import { fetchEpisodeTranscript } from "@/lib/ingest/fetch-transcript";
import { pollPodcast } from "@/lib/ingest/poll-podcast";
import { queueDuePolls } from "@/lib/ingest/queue-due-polls";
import { configuredEmbedder } from "@/lib/insights/embeddings";
import { extractEpisodeInsights } from "@/lib/insights/extract-episode";
import { reembedInsights } from "@/lib/insights/reembed";
import { relateEpisodeInsights } from "@/lib/insights/relate/relate-episode";
import { sweepInsights } from "@/lib/insights/sweep-insights";
import { handleJob, type RunnableJob } from "@/lib/jobs/define-job";
import * as job from "@/lib/jobs/definitions";
import { purgeExpiredRows } from "@/lib/jobs/purge-expired";
import { moduleLog } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { afterInsights, afterTranscript } from "@/lib/pipeline/next-stage";
import { readNewPodcast } from "@/lib/podcasts/read-new-podcast";

const pollLog = moduleLog("poll");
const demoLog = moduleLog("demo");

/** Thrown so the job runner retries later (a busy or slow provider); the episode already shows why. */
class RetryLater extends Error {}

export const purgeExpired = handleJob(job.purgeExpired, purgeExpiredRows);

export const addPodcastJob = handleJob(job.addPodcastJob, async ({ podcastId }, { retryCount }) => {
  await readNewPodcast(podcastId, { lastAttempt: retryCount >= job.FIRST_READ_ATTEMPTS - 1 });
});

export const schedulePollsJob = handleJob(job.schedulePollsJob, async () => {
  const queued = await queueDuePolls();
  if (queued) pollLog.info({ queued }, "queued polls");
});

export const pollPodcastJob = handleJob(job.pollPodcastJob, async ({ podcastId }) => {
  const outcome = await pollPodcast(podcastId);
  metrics().feedPolls.inc({ outcome: outcome.status });
  if (outcome.status === "failed") pollLog.info({ podcastId }, `poll failed: ${outcome.error}`);
});

export const loadDemoContentJob = handleJob(job.loadDemoContentJob, async () => {
  demoLog.info(await loadDemoContent(), "demo content loaded");
});

export const fetchArtworkJob = handleJob(job.fetchArtworkJob, async ({ kind, id }) => fetchArtworkFor({ kind, id }));

export const fetchTranscriptJob = handleJob(job.fetchTranscriptJob, async ({ episodeId }) => {
  // Also when it found none: extraction then records why the episode has no insights.
  const outcome = await fetchEpisodeTranscript(episodeId);
  if (outcome === "already_done") return;
  metrics().transcripts.inc({ outcome });
  await afterTranscript(episodeId);
});

export const extractInsightsJob = handleJob(job.extractInsightsJob, async ({ episodeId, force }) => {
  const outcome = await extractEpisodeInsights(episodeId, { force });
  if (outcome.status !== "already_done") metrics().extractions.inc({ outcome: outcome.status });
  if (outcome.status === "failed" && outcome.retry) throw new RetryLater(outcome.reason);
  if (outcome.status === "extracted") await afterInsights(episodeId, outcome.extractedAt);
});

export const relateInsightsJob = handleJob(job.relateInsightsJob, async ({ episodeId }) => {
  await relateEpisodeInsights(episodeId);
  // With a model configured, its verdicts on the takes of this episode's stories (none offline).
  await checkClusterStances(await clustersOfEpisode(episodeId));
});

export const reembedInsightsJob = handleJob(job.reembedInsightsJob, async () => {
  const episodes = await reembedInsights(configuredEmbedder());
  for (const episode of episodes) await afterInsights(episode.episodeId, episode.version);
});

export const matchAlertsJob = handleJob(job.matchAlertsJob, async ({ episodeId }) => {
  const outcome = await matchEpisodeAlerts(episodeId);
  // Also with nothing new: a batch a stopped worker claimed is sent from here.
  await deliverAlertMail(outcome.userIds);
});

export const sweepInsightsJob = handleJob(job.sweepInsightsJob, sweepInsights);

export const scheduleBriefsJob = handleJob(job.scheduleBriefsJob, async () => {
  await queueDueBriefs(new Date());
  await settleAbandonedSends(new Date());
});

export const sendBriefJob = handleJob(job.sendBriefJob, async ({ userId, briefDate }) => {
  await runBrief(userId, briefDate);
});

export const sendBriefNowJob = handleJob(job.sendBriefNowJob, async ({ userId }) => {
  await sendNextBriefNow(userId, new Date());
});

export const handlers: readonly RunnableJob[] = [
  purgeExpired,
  schedulePollsJob,
  pollPodcastJob,
  addPodcastJob,
  fetchTranscriptJob,
  fetchArtworkJob,
  loadDemoContentJob,
  extractInsightsJob,
  relateInsightsJob,
  reembedInsightsJob,
  matchAlertsJob,
  sweepInsightsJob,
  scheduleBriefsJob,
  sendBriefJob,
  sendBriefNowJob,
];
