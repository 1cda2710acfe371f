/**
 * Every job Podbrief runs, as data: its name, payload schema, idempotency key, retry, expiry and
 * cron. The web server imports this to enqueue work without loading the code that does it; the
 * worker binds each definition to its handler in worker/handlers.ts. Nothing here imports a handler.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { SEND_LEASE_MS } from "@/lib/brief/send-lease";
import { defineJob } from "@/lib/jobs/define-job";

// Housekeeping

/** Hourly: used-up sign-in tokens, outbox sign-in links past their expiry and rate-limit windows that ended a day ago. */
export const purgeExpired = defineJob({
  id: "purge-expired",
  payload: z.object({}),
  cron: "17 * * * *",
  retry: { limit: 2, delaySeconds: 60, backoff: true },
});

// Feeds: a reader adds a show, the worker reads it, then polls it.

/** Attempts of one first read: the job's first run and its retries. */
export const FIRST_READ_ATTEMPTS = 3;

/** The first read of a show a reader added (lib/podcasts/read-new-podcast.ts). */
export const addPodcastJob = defineJob({
  id: "add-podcast",
  payload: z.object({ podcastId: z.string().min(1), requestedAt: z.string() }),
  key: ({ podcastId, requestedAt }) => `${podcastId}:${requestedAt}`,
  retry: { limit: FIRST_READ_ATTEMPTS - 1, delaySeconds: 30, backoff: true },
  // Fetch (30 s at most) plus parse and store in batches; a worker killed mid-read is noticed after this.
  expireInSeconds: 3 * 60,
});

/** Every minute, one poll per podcast that is due, keyed by the podcast and the moment it fell due. */
export const schedulePollsJob = defineJob({
  id: "schedule-polls",
  payload: z.object({}),
  cron: "* * * * *",
  retry: { limit: 1, delaySeconds: 30, backoff: false },
});

export const pollPodcastJob = defineJob({
  id: "poll-podcast",
  payload: z.object({ podcastId: z.string().min(1), dueAt: z.string() }),
  key: ({ podcastId, dueAt }) => `${podcastId}:${dueAt}`,
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  // Fetch (30 s at most) plus parse and store; a worker killed mid-poll is noticed after this.
  expireInSeconds: 3 * 60,
});

export const loadDemoContentJob = defineJob({
  id: "load-demo-content",
  payload: z.object({ reason: z.string() }),
  key: ({ reason }) => reason,
  retry: { limit: 2, delaySeconds: 10, backoff: true },
});

export const artworkOwner = z.object({ kind: z.enum(["podcast", "episode"]), id: z.string().min(1) });

export const fetchArtworkJob = defineJob({
  id: "fetch-artwork",
  payload: artworkOwner.extend({ url: z.string() }),
  // One job per owner and address: a changed image is a new job; the same one is not queued twice.
  key: ({ kind, id, url }) => `${kind}:${id}:${createHash("sha256").update(url).digest("hex").slice(0, 16)}`,
  retry: { limit: 2, delaySeconds: 120, backoff: true },
  expireInSeconds: 2 * 60,
});

// An episode's pipeline: transcript, then insights, then relations (the order: lib/pipeline/next-stage.ts).

export const fetchTranscriptJob = defineJob({
  id: "fetch-transcript",
  payload: z.object({ episodeId: z.string().min(1) }),
  key: ({ episodeId }) => episodeId,
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  expireInSeconds: 5 * 60,
});

export const extractInsightsJob = defineJob({
  id: "extract-insights",
  payload: z.object({ episodeId: z.string().min(1), force: z.boolean().default(false), reason: z.string().default("transcript") }),
  key: ({ episodeId, reason }) => `${episodeId}:${reason}`,
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  // A long transcript through a model is several calls of up to a minute each, with retries.
  expireInSeconds: 30 * 60,
});

export const relateInsightsJob = defineJob({
  id: "relate-insights",
  payload: z.object({ episodeId: z.string().min(1), version: z.string() }),
  key: ({ episodeId, version }) => `${episodeId}:${version}`,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  // The first relate in a new process may load the index from the database (minutes at a million insights).
  expireInSeconds: 60 * 60,
});

export const reembedInsightsJob = defineJob({
  id: "reembed-insights",
  payload: z.object({ embedderId: z.string(), reason: z.string() }),
  key: ({ embedderId, reason }) => `${embedderId}:${reason}`,
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  expireInSeconds: 60 * 60,
});

/**
 * An episode's transcript (and, after extraction, its insights) against every reader's alerts, then
 * the email of those set to email. Keyed by what was stored, so each version matches once; a rerun adds nothing.
 */
export const matchAlertsJob = defineJob({
  id: "match-alerts",
  payload: z.object({ episodeId: z.string().min(1), version: z.string() }),
  key: ({ episodeId, version }) => `${episodeId}:${version}`,
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  expireInSeconds: 5 * 60,
});

/** Every few minutes, queues whatever a crash between two pipeline steps left behind. */
export const sweepInsightsJob = defineJob({
  id: "sweep-insights",
  payload: z.object({}),
  cron: "*/5 * * * *",
});

// The daily brief

const briefDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD");

/** Every few minutes, one send-brief job per reader whose brief is due, keyed by reader and brief date. */
export const scheduleBriefsJob = defineJob({
  id: "schedule-briefs",
  payload: z.object({}),
  cron: "*/5 * * * *",
});

export const sendBriefJob = defineJob({
  id: "send-brief",
  payload: z.object({ userId: z.string().min(1), briefDate }),
  key: ({ userId, briefDate }) => `${userId}:${briefDate}`,
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  // Longer than a send's lease, so a retry of a killed job finds an abandoned send resolvable.
  expireInSeconds: Math.ceil((SEND_LEASE_MS * 2) / 1000),
});

/** "Send a brief now" (development, local outbox only): the reader's next brief at once. */
export const sendBriefNowJob = defineJob({
  id: "send-brief-now",
  payload: z.object({ userId: z.string().min(1), requestedAt: z.string() }),
  key: ({ userId, requestedAt }) => `${userId}:${requestedAt}`,
  retry: { limit: 2, delaySeconds: 5, backoff: false },
});
