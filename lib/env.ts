/**
 * The one place that reads process.env. Every setting has a default that makes the embedded mode
 * (PGlite, local mail outbox, offline extractor) work with no configuration at all; setting a
 * variable switches that part to the real service. `.env.example` documents each one.
 */
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { isAddressOrRange, isLoopbackAddress } from "@/lib/net/address-range";

const optionalString = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().optional(),
);

const port = (fallback: number, { allowAny = false } = {}) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? fallback : value),
    z.coerce
      .number()
      .int()
      .min(allowAny ? 0 : 1, "must be a port number")
      .max(65535, "must be a port number"),
  );

const priceOrUnset = z.preprocess(
  (value) => (value === undefined || value === "" ? undefined : Number(value)),
  z.number({ error: "must be a number of US dollars, e.g. 0.40" }).nonnegative().finite().optional(),
);

const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? fallback : value),
    z.coerce.number().int().positive("must be a whole number above 0"),
  );

const postgresUrl = optionalString.refine(
  (value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value),
  "must be a postgres:// or postgresql:// URL",
);

const httpUrl = optionalString.refine(
  (value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value),
  "must be an http:// or https:// URL",
);

const smtpUrl = optionalString.refine(
  (value) => value === undefined || /^smtps?:\/\/[^\s]+$/.test(value),
  "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587",
);

/** A comma-separated list, trimmed and lower-cased, each entry checked by `entry`. */
const lowerCaseList = (entry: z.ZodType<string>) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((item) => item.trim().toLowerCase()).filter(Boolean) : []),
    z.array(entry),
  );

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const logLevel = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
  z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: port(3000),
    // The address the web server listens on. Unset: this computer only (127.0.0.1) while mail stays in
    // the local outbox, since sign-in links are then readable here only; every interface once SMTP is set.
    HOST: optionalString.refine(
      (value) => value === undefined || isIP(value) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value),
      "must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0",
    ),
    APP_URL: httpUrl,
    DATA_DIR: optionalString,
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_SIZE: positiveInt(5),
    // 0 lets the system pick a free port; start.ts hands the real one to its children.
    EMBEDDED_DB_PORT: port(54329, { allowAny: true }),
    AUTH_SECRET: optionalString.refine(
      (value) => value === undefined || value.length >= 32,
      "must be at least 32 characters (try: openssl rand -base64 32)",
    ),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    // A generic OpenID Connect provider (Authentik, Keycloak, Google Workspace…), found through the
    // issuer's /.well-known/openid-configuration; OIDC_NAME labels its button.
    OIDC_ISSUER: httpUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : "Single sign-on"), z.string().max(60, "must be at most 60 characters")),
    // Who may create an account: anyone ("open"), nobody without an invitation ("closed"), or
    // addresses at SIGNUP_DOMAINS ("domains"). Existing readers always sign in.
    SIGNUPS: z.preprocess((value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value), z.enum(["open", "closed", "domains"], { error: "must be open, closed or domains" }).default("open")),
    SIGNUP_DOMAINS: lowerCaseList(z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must list domains, e.g. example.com,example.org")),
    // Readers with these addresses see the admin page (/admin).
    ADMIN_EMAILS: lowerCaseList(z.email("must list email addresses, e.g. ops@example.com")),
    SMTP_URL: smtpUrl,
    MAIL_FROM: z.preprocess(
      (value) => (value === undefined || value === "" ? "Podbrief <brief@podbrief.local>" : value),
      z.string().regex(/^(.+<[^\s@]+@[^\s@]+>|[^\s@]+@[^\s@]+)$/, "must be an address like Podbrief <brief@example.com>"),
    ),
    // Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed. Empty: the
    // client is whoever opened the socket, and X-Forwarded-For is ignored.
    TRUSTED_PROXIES: z.preprocess(
      (value) => (typeof value === "string" ? value.split(",").map((entry) => entry.trim()).filter(Boolean) : []),
      z.array(z.string().refine(isAddressOrRange, "must list IP addresses or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8")),
    ),
    // "on" serves the local outbox (/dev/outbox) to every client, not only to this computer.
    MAIL_OUTBOX: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["on", "loopback"]).default("loopback")),
    // Sign-in links one client IP may ask for in an hour. Per address there is no setting: a
    // growing wait, capped below a link's life (lib/magic-link-quota.ts).
    MAGIC_LINK_LIMIT_PER_IP: positiveInt(20),
    // REST API requests one personal access token may make a minute (lib/api/rate-limit-token.ts).
    API_RATE_LIMIT_PER_MINUTE: positiveInt(120),
    WORKER_CONCURRENCY: positiveInt(2),
    // Threads that choose the scheduler's briefs; 1 chooses them on the worker's main thread.
    BRIEF_THREADS: positiveInt(availableParallelism()),
    // Unset: info (warn under tests, whose runs would drown in every job's line).
    LOG_LEVEL: logLevel,
    // Demo shows and transcripts from demo/: "auto" loads them on the embedded database only.
    DEMO_CONTENT: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["auto", "on", "off"]).default("auto")),
    // host:port pairs that outbound fetches may reach although they resolve to a private or loopback
    // address: feeds on an intranet, or the test feed server. Empty: every private address is refused.
    FETCH_ALLOWED_HOSTS: z.preprocess(
      (value) => (typeof value === "string" ? value.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean) : []),
      z.array(z.string().regex(/^[a-z0-9.\-]+:\d{1,5}$|^\[[0-9a-f:.]+\]:\d{1,5}$/, "must list host:port pairs, e.g. feeds.intranet:8080")),
    ),
    AI_PROVIDER: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.enum(["offline", "openai", "anthropic", "openai-compatible"]).optional(),
    ),
    AI_MODEL: optionalString,
    AI_EMBEDDING_MODEL: optionalString,
    // Speech-to-text for episodes without a transcript (e.g. whisper-1); unset: no audio is downloaded.
    AI_TRANSCRIPTION_MODEL: optionalString,
    AI_BASE_URL: httpUrl,
    // Seconds to wait for the model's answer to one part of a transcript, per try (3 tries).
    AI_TIMEOUT_SECONDS: positiveInt(60),
    AI_API_KEY: optionalString,
    // The provider's prices in US dollars per million tokens, to show what extraction costs per episode.
    AI_PRICE_INPUT_PER_MTOK: priceOrUnset,
    AI_PRICE_OUTPUT_PER_MTOK: priceOrUnset,
    // US dollars of model spend a calendar month (UTC) may reach; then extraction falls back to the offline extractor.
    MODEL_BUDGET_USD_MONTHLY: priceOrUnset,
    OPENAI_API_KEY: optionalString,
    ANTHROPIC_API_KEY: optionalString,
    // "on" serves Prometheus metrics at /metrics: to this computer, and to clients that send
    // METRICS_TOKEN as a bearer token. Off by default: the counters say how busy the app is.
    METRICS_ENABLED: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["on", "off"]).default("off")),
    METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, "must be at least 16 characters (try: openssl rand -hex 24)"),
    // The loopback port where a worker serves its counters to the web server's /metrics.
    METRICS_WORKER_PORT: port(9464),
    // "1" serves the pages bench:feed measures against (/bench/*); unset, they answer 404.
    PODBRIEF_BENCH_PAGES: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["0", "1"]).default("0")),
  })
  .superRefine((env, ctx) => {
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
    ] as const;
    for (const [id, secret] of pairs) {
      if (Boolean(env[id]) !== Boolean(env[secret])) {
        const missing = env[id] ? secret : id;
        const present = env[id] ? id : secret;
        ctx.addIssue({ code: "custom", path: [missing], message: `is required when ${present} is set` });
      }
    }
    const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
    const oidcSet = oidc.filter((name) => env[name]);
    if (oidcSet.length > 0 && oidcSet.length < oidc.length) {
      for (const name of oidc.filter((name) => !env[name])) {
        ctx.addIssue({ code: "custom", path: [name], message: `is required when ${oidcSet.join(" and ")} ${oidcSet.length === 1 ? "is" : "are"} set` });
      }
    }
    if (env.SIGNUPS === "domains" && env.SIGNUP_DOMAINS.length === 0) {
      ctx.addIssue({ code: "custom", path: ["SIGNUP_DOMAINS"], message: "is required when SIGNUPS is domains (e.g. example.com,example.org)" });
    }
    if (env.MODEL_BUDGET_USD_MONTHLY !== undefined && (env.AI_PRICE_INPUT_PER_MTOK === undefined || env.AI_PRICE_OUTPUT_PER_MTOK === undefined)) {
      ctx.addIssue({ code: "custom", path: ["MODEL_BUDGET_USD_MONTHLY"], message: "needs AI_PRICE_INPUT_PER_MTOK and AI_PRICE_OUTPUT_PER_MTOK, to count what the model costs" });
    }
    if (env.AI_PROVIDER === "openai-compatible" && !env.AI_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["AI_BASE_URL"], message: "is required when AI_PROVIDER is openai-compatible" });
    }
    if (env.AI_PROVIDER === "openai-compatible" && !env.AI_MODEL) {
      ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: "is required when AI_PROVIDER is openai-compatible (the model your server serves, e.g. llama3.1)" });
    }
    if (env.AI_PROVIDER === "openai" && !env.OPENAI_API_KEY && !env.AI_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_API_KEY"], message: "is required when AI_PROVIDER is openai" });
    }
    if (env.AI_EMBEDDING_MODEL && env.AI_PROVIDER !== "openai" && env.AI_PROVIDER !== "openai-compatible") {
      ctx.addIssue({ code: "custom", path: ["AI_EMBEDDING_MODEL"], message: "needs AI_PROVIDER openai or openai-compatible (unset, the offline model is used)" });
    }
    if (env.AI_TRANSCRIPTION_MODEL && env.AI_PROVIDER !== "openai" && env.AI_PROVIDER !== "openai-compatible") {
      ctx.addIssue({ code: "custom", path: ["AI_TRANSCRIPTION_MODEL"], message: "needs AI_PROVIDER openai or openai-compatible" });
    }
    if (env.AI_PROVIDER === "anthropic" && !env.ANTHROPIC_API_KEY && !env.AI_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["ANTHROPIC_API_KEY"], message: "is required when AI_PROVIDER is anthropic" });
    }
  });

type RawEnv = z.infer<typeof envSchema>;

export type Env = RawEnv & {
  appUrl: string;
  dataDir: string;
  /** True when no DATABASE_URL is set and the app runs on its own embedded PGlite. */
  embeddedDatabase: boolean;
  /** The connection string every process uses, in both modes. */
  databaseUrl: string;
  mailTransport: "smtp" | "outbox";
  /** The address the web server listens on; undefined: every interface (node's default, IPv6 and IPv4). */
  listenHost: string | undefined;
  /** True when other computers may reach the web server (HOST is not a loopback address). */
  listensBeyondLoopback: boolean;
  /** Load the demo shows from demo/ at start. */
  demoContent: boolean;
  /** Serve the bench's baseline pages (app/(bench)); off in production. */
  benchPages: boolean;
  /** Serve /metrics (METRICS_ENABLED=on); the worker then serves its counters on METRICS_WORKER_PORT. */
  metricsEnabled: boolean;
};

/** A setting is missing or malformed. Its message names each bad setting and is safe to print as is. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Podbrief cannot start: ${problems.length === 1 ? "a setting is" : "some settings are"} wrong.\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting and its default.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  const raw = result.data;
  const dataDir = path.resolve(cwd, raw.DATA_DIR ?? ".data");
  return {
    ...raw,
    appUrl: (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ""),
    dataDir,
    embeddedDatabase: raw.DATABASE_URL === undefined,
    databaseUrl: raw.DATABASE_URL ?? embeddedDatabaseUrl(raw.EMBEDDED_DB_PORT),
    mailTransport: raw.SMTP_URL ? "smtp" : "outbox",
    ...listenAddress(raw.HOST, raw.SMTP_URL !== undefined),
    demoContent: raw.DEMO_CONTENT === "on" || (raw.DEMO_CONTENT === "auto" && raw.DATABASE_URL === undefined),
    benchPages: raw.PODBRIEF_BENCH_PAGES === "1",
    metricsEnabled: raw.METRICS_ENABLED === "on",
  };
}

function listenAddress(host: string | undefined, smtp: boolean): Pick<Env, "listenHost" | "listensBeyondLoopback"> {
  const listenHost = host ?? (smtp ? undefined : "127.0.0.1");
  const loopback = listenHost !== undefined && (listenHost.toLowerCase() === "localhost" || isLoopbackAddress(listenHost));
  return { listenHost, listensBeyondLoopback: !loopback };
}

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

/**
 * The log level alone, read without the other settings: the logger has to work while they are wrong,
 * to report them. A malformed LOG_LEVEL reads as the default here; getEnv names it with the rest.
 */
export function getLogLevel(source: Record<string, string | undefined> = process.env): LogLevel {
  const parsed = logLevel.safeParse(source.LOG_LEVEL);
  return (parsed.success ? parsed.data : undefined) ?? (source.NODE_ENV === "test" ? "warn" : "info");
}

let cached: Env | undefined;

/** The validated settings of this process, read once. Throws EnvError naming any bad setting. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
