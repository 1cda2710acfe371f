/**
 * Podbrief's Prometheus metrics: one registry per process, shared through globalThis so the custom
 * web server (scripts/web-server.ts, run by tsx) and the route handlers Next.js bundles count into the
 * same one. Counting is always on and costs a few additions; only serving them is opt-in
 * (METRICS_ENABLED, see lib/metrics/serve-metrics.ts).
 *
 * Labels never carry personal data nor anything unbounded: no user, email, podcast or episode id, no
 * raw path. They are a job's queue, an outcome from a short fixed list, a route pattern, a model's
 * name, a mail's kind.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export type MetricsProcess = "web" | "worker";

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requestDuration: new Histogram({
      name: "podbrief_http_request_duration_seconds",
      help: "Time from a request's arrival to its response's end, by route pattern (never the raw path) and status class.",
      labelNames: ["method", "route", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobs: new Counter({
      name: "podbrief_jobs_total",
      help: "Jobs a worker finished, by queue and outcome (a failed try is retried while it has tries left).",
      labelNames: ["queue", "outcome"] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: "podbrief_job_duration_seconds",
      help: "How long a job ran, by queue and outcome.",
      labelNames: ["queue", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900],
      registers,
    }),
    feedPolls: new Counter({
      name: "podbrief_feed_polls_total",
      help: "Feeds polled, by outcome: updated, not_modified, failed, skipped.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    transcripts: new Counter({
      name: "podbrief_transcripts_total",
      help: "Transcript fetches, by outcome: fetched, show_notes (none found, show notes used), missing.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    extractions: new Counter({
      name: "podbrief_extractions_total",
      help: "Episodes read for insights, by outcome: extracted, skipped, failed.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    insights: new Counter({
      name: "podbrief_insights_made_total",
      help: "Insights stored by extractions.",
      registers,
    }),
    briefs: new Counter({
      name: "podbrief_briefs_composed_total",
      help: "Briefs composed and stored, by outcome: with_items, or empty (nothing new to send).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    modelTokens: new Counter({
      name: "podbrief_model_tokens_total",
      help: "Tokens the model provider reported for extractions, by model and direction (input, output).",
      labelNames: ["model", "direction"] as const,
      registers,
    }),
    modelCost: new Counter({
      name: "podbrief_model_cost_usd_total",
      help: "What extractions cost in US dollars at AI_PRICE_INPUT_PER_MTOK and AI_PRICE_OUTPUT_PER_MTOK (counted only when both are set).",
      labelNames: ["model"] as const,
      registers,
    }),
    mailSent: new Counter({
      name: "podbrief_mail_sent_total",
      help: "Mails sent (or kept in the local outbox), by kind (magic-link, brief) and transport (smtp, outbox).",
      labelNames: ["kind", "transport"] as const,
      registers,
    }),
    mailFailed: new Counter({
      name: "podbrief_mail_failed_total",
      help: "Mails that failed, by kind and transport: refused by the mail server, or lost on the way with their fate unknown.",
      labelNames: ["kind", "transport"] as const,
      registers,
    }),
    process: undefined as MetricsProcess | undefined,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { podbriefMetrics?: Metrics };

/** This process's metrics, created on first use. */
export function metrics(): Metrics {
  globalForMetrics.podbriefMetrics ??= createMetrics();
  return globalForMetrics.podbriefMetrics;
}

/**
 * Names this process in every series (process="web" or "worker") and adds node's own metrics (memory,
 * CPU, event loop lag). Called once at start by the web server and the worker when metrics are on.
 */
export function startProcessMetrics(process: MetricsProcess): void {
  const current = metrics();
  if (current.process) return;
  current.process = process;
  current.registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: current.registry });
}

/** "2xx", "4xx"…: what a dashboard groups by, without one series per status code. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other";
}
