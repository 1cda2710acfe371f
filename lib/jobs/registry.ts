import { fetchArtworkJob } from "@/lib/artwork/fetch-artwork";
import { scheduleBriefsJob, sendBriefJob } from "@/lib/brief/brief-jobs";
import { sendBriefNowJob } from "@/lib/brief/send-brief-now";
import { loadDemoContentJob } from "@/lib/ingest/demo-content";
import { fetchTranscriptJob } from "@/lib/ingest/fetch-transcript";
import { pollPodcastJob, schedulePollsJob } from "@/lib/ingest/poll-jobs";
import { extractInsightsJob, reembedInsightsJob, relateInsightsJob, sweepInsightsJob } from "@/lib/insights/insight-jobs";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { purgeExpired } from "@/lib/jobs/purge-expired";
import { addPodcastJob } from "@/lib/podcasts/add-podcast";

/** Every job the worker runs. A job not listed here is never picked up. */
export const jobs: readonly JobDefinition[] = [
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
  sweepInsightsJob,
  scheduleBriefsJob,
  sendBriefJob,
  sendBriefNowJob,
];
