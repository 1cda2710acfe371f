/**
 * The one way Podbrief makes an outbound request. The addresses come from feed publishers, so every
 * connection, the first and each redirect, is checked against lib/net/address-policy.ts, inside the
 * socket's `lookup`: the socket connects only to addresses just checked, leaving DNS rebinding no
 * window. Node's http/https are used because global fetch has no hook on the address it connects to.
 */
import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { moduleLog } from "@/lib/log";
import { classifyAddress, hostPortKey, type BlockedAddress } from "@/lib/net/address-policy";

const log = moduleLog("fetch");

export type FetchErrorKind =
  | "bad_url"
  | "blocked_address"
  | "dns"
  | "connect"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "http_status"
  | "decode"
  | "network";

/** A request that could not be made or answered. The message says why, in words a reader understands. */
export class FetchError extends SafeError {
  /** The HTTP status, when the server answered with one that is not a success. */
  readonly status?: number;

  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    details: { status?: number; cause?: unknown } = {},
  ) {
    super(message, kind);
    this.name = "FetchError";
    this.status = details.status;
    if (details.cause !== undefined) this.cause = details.cause;
  }
}

/** Resolves a host name to every address it has, like `dns.promises.lookup(name, { all: true })`. */
export type ResolveHost = (hostname: string) => Promise<readonly dns.LookupAddress[]>;

export type SafeFetchOptions = {
  headers?: Record<string, string>;
  /** Sent as If-None-Match. */
  etag?: string | null;
  /** Sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Cap on the body, before and after decompression. Default 20 MB. */
  maxBytes?: number;
  /** Time to resolve the name and open the connection (TLS included), per connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time for the whole fetch: every redirect and the last byte of the body. Default 30 s. */
  totalTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** host:port pairs exempt from the address check (lower-case, IPv6 in brackets). Default FETCH_ALLOWED_HOSTS. */
  allowedHosts?: readonly string[];
  /** Aborting rejects with the signal's reason, as global fetch does. */
  signal?: AbortSignal;
  /** Replaces the system resolver; lets tests make a name point anywhere. Its answers are checked all the same. */
  lookup?: ResolveHost;
};

export type SafeFetchResult = {
  /** The final URL, after redirects. */
  url: string;
  /** 2xx, or 304 when notModified. */
  status: number;
  notModified: boolean;
  contentType: string | null;
  /** The validator to send next time; on a 304 that did not repeat it, the one that was sent. */
  etag: string | null;
  lastModified: string | null;
  /** Decoded; empty when notModified. */
  body: Buffer;
};

const MB = 1024 * 1024;
const DEFAULTS = { maxBytes: 20 * MB, connectTimeoutMs: 10_000, totalTimeoutMs: 30_000, maxRedirects: 5 };
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that identify the user to one site must not follow a redirect to another.
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

type Settings = {
  maxBytes: number;
  connectTimeoutMs: number;
  allowedHosts: ReadonlySet<string>;
  resolveHost: ResolveHost | undefined;
  signal: AbortSignal;
};

type Answer =
  | { kind: "redirect"; location: string }
  | { kind: "body"; status: number; headers: http.IncomingHttpHeaders; raw: Buffer };

/**
 * GETs a URL from the open internet, refusing private and special addresses, following redirects,
 * and decoding gzip, deflate and br. Every failure is a FetchError except the caller's own abort.
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  options.signal?.throwIfAborted();

  const stop = new AbortController();
  const timer = setTimeout(
    () => stop.abort(new FetchError("timeout", `the server took longer than ${formatDuration(totalTimeoutMs)}`)),
    totalTimeoutMs,
  );
  const forwardAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forwardAbort, { once: true });

  const settings: Settings = {
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    allowedHosts: new Set((options.allowedHosts ?? getEnv().FETCH_ALLOWED_HOSTS).map((host) => host.toLowerCase())),
    resolveHost: options.lookup,
    signal: stop.signal,
  };

  try {
    let target = parseTarget(url);
    let headers = requestHeaders(options);
    for (let redirects = 0; ; redirects++) {
      const answer = await requestOnce(target, headers, settings);
      if (answer.kind === "body") {
        const body = await untilAborted(decodeBody(answer.raw, answer.headers["content-encoding"], settings.maxBytes), stop.signal);
        return toResult(target, answer, body, options);
      }
      if (redirects >= maxRedirects) {
        throw new FetchError("too_many_redirects", `too many redirects (more than ${maxRedirects})`);
      }
      const next = parseTarget(answer.location, target);
      if (next.origin !== target.origin) headers = withoutCredentials(headers);
      target = next;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forwardAbort);
  }
}

function parseTarget(text: string, redirectedFrom?: URL): URL {
  const refuse = (shown: string, problem: string) =>
    new FetchError("bad_url", redirectedFrom ? `the server redirected to "${shown}", which ${problem}` : `"${shown}" ${problem}`);
  let url: URL;
  try {
    url = new URL(text, redirectedFrom);
  } catch {
    throw refuse(text.length > 200 ? `${text.slice(0, 200)}…` : text, "is not a web address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse(url.href.slice(0, 200), `is a ${url.protocol} address (Podbrief only fetches http and https)`);
  }
  if (url.username || url.password) {
    const shown = new URL(url.href);
    shown.username = "";
    shown.password = "";
    throw refuse(shown.href, "has a user name or password in it (Podbrief does not send those)");
  }
  url.hash = "";
  return url;
}

function requestHeaders(options: SafeFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "User-Agent": `Podbrief/0.1 (+${getEnv().appUrl})`,
    Accept: "*/*",
    "Accept-Encoding": "gzip, deflate, br",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    for (const existing of Object.keys(headers)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    }
    headers[name] = value;
  }
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;
  return headers;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

/** One GET on one fresh connection: a redirect to follow, or a complete raw body. */
function requestOnce(target: URL, headers: Record<string, string>, settings: Settings): Promise<Answer> {
  const { signal } = settings;
  const host = target.hostname;
  const exempt = settings.allowedHosts.has(hostPortKey(target));
  const literal = host.startsWith("[") ? host.slice(1, -1) : host;

  return new Promise<Answer>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    // An IP literal is connected to without any lookup, so it is checked here instead.
    const blocked = !exempt && net.isIP(literal) ? classifyAddress(literal) : null;
    if (blocked) return reject(blockedError(`the address points to`, literal, blocked, hostPortKey(target)));

    const transport = target.protocol === "https:" ? https : http;
    const request = transport.request(target, {
      method: "GET",
      headers,
      // A pooled socket may have been opened by code that never checked its address.
      agent: false,
      lookup: exempt ? settings.resolveHost && lookupWith(settings.resolveHost, false, hostPortKey(target)) : lookupWith(settings.resolveHost ?? resolveWithSystem, true, hostPortKey(target)),
    });

    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal.removeEventListener("abort", onAbort);
      request.destroy();
      outcome();
    };
    const fail = (error: unknown) => settle(() => reject(error));
    const succeed = (answer: Answer) => settle(() => resolve(answer));
    const onAbort = () => fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    const connectTimer = setTimeout(
      () => fail(new FetchError("timeout", `could not connect to ${host} within ${formatDuration(settings.connectTimeoutMs)}`)),
      settings.connectTimeoutMs,
    );
    request.on("socket", (socket) => {
      socket.once(target.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    request.on("error", (error) => fail(describeConnectionError(error, host)));

    request.on("response", (response) => {
      clearTimeout(connectTimer);
      const cut = (cause?: unknown) =>
        fail(new FetchError("network", `the connection to ${host} was cut before the whole response arrived`, { cause }));
      response.on("error", cut);
      response.on("close", () => {
        if (!response.complete) cut();
      });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) return succeed({ kind: "redirect", location });
      if (status === 304) return succeed({ kind: "body", status, headers: response.headers, raw: Buffer.alloc(0) });
      if (status < 200 || status > 299) return fail(statusError(status));

      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > settings.maxBytes) return fail(tooLarge(settings.maxBytes));
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > settings.maxBytes) return fail(tooLarge(settings.maxBytes));
        chunks.push(chunk);
      });
      response.on("end", () => succeed({ kind: "body", status, headers: response.headers, raw: Buffer.concat(chunks, received) }));
    });

    request.end();
  });
}

/**
 * A `lookup` for net.connect that answers only with addresses that passed the check. Every address
 * the name has is checked, not only the one used: a name with one private address is refused.
 */
function lookupWith(resolveHost: ResolveHost, check: boolean, key: string): net.LookupFunction {
  return (hostname, options, callback) => {
    Promise.resolve()
      .then(() => resolveHost(hostname))
      .then(
      (addresses) => {
        const blocked = check ? findBlocked(addresses) : null;
        if (blocked) return callback(blockedError(`the name ${hostname} points to`, blocked.address, blocked.reason, key), []);
        const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
        const usable = addresses.filter((address) => family === 0 || address.family === family);
        const first = usable[0];
        if (!first) return callback(new FetchError("dns", `the name ${hostname} has no address Podbrief can connect to`), []);
        if (options.all) callback(null, [...usable]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

function resolveWithSystem(hostname: string): Promise<dns.LookupAddress[]> {
  return dns.promises.lookup(hostname, { all: true });
}

function findBlocked(addresses: readonly dns.LookupAddress[]): { address: string; reason: BlockedAddress } | null {
  for (const { address } of addresses) {
    const reason = classifyAddress(address);
    if (reason) return { address, reason };
  }
  return null;
}

/**
 * The refusal a reader sees, and one line in the log for whoever runs Podbrief: a feed served on
 * this machine or the office network is refused too, and only the log may say how to allow it.
 * The metadata service gets no such hint: no feed lives there.
 */
function blockedError(subject: string, address: string, reason: BlockedAddress, key: string): FetchError {
  if (reason.category !== "cloud_metadata") {
    log.warn({ host: key, address }, `refused ${key}: it points to ${reason.description} (${address}). To fetch feeds from it on purpose, add ${key} to FETCH_ALLOWED_HOSTS.`);
  }
  return new FetchError("blocked_address", `${subject} ${reason.description} (${address}), which Podbrief does not fetch`);
}

function describeConnectionError(error: unknown, host: string): FetchError {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const because = (kind: FetchErrorKind, message: string) => new FetchError(kind, message, { cause: error });
  switch (code) {
    case "ENOTFOUND":
      return because("dns", `the name ${host} does not exist`);
    case "EAI_AGAIN":
      return because("dns", `the name ${host} could not be looked up just now`);
    case "ECONNREFUSED":
      return because("connect", `${host} refused the connection`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return because("connect", `${host} cannot be reached from here`);
    case "ECONNRESET":
    case "EPIPE":
      return because("network", `the connection to ${host} was cut`);
    case "EPROTO":
      return because("connect", `the secure connection to ${host} failed (the server may not speak https)`);
    case "ETIMEDOUT":
      return because("timeout", `could not connect to ${host} in time`);
  }
  if (code.startsWith("HPE_")) return because("network", `${host} sent an answer that is not valid HTTP`);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) {
    return because("connect", `the certificate of ${host} could not be trusted (${code})`);
  }
  if (/SSL|TLS/.test(code)) return because("connect", `the secure connection to ${host} failed (${code})`);
  return because("network", `the connection to ${host} failed${code ? ` (${code})` : ""}`);
}

function statusError(status: number): FetchError {
  const reason = http.STATUS_CODES[status];
  return new FetchError("http_status", `the server answered ${status}${reason ? ` (${reason})` : ""}`, { status });
}

function tooLarge(maxBytes: number): FetchError {
  return new FetchError("too_large", `the response is larger than ${formatBytes(maxBytes)}`);
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);

/**
 * Undoes Content-Encoding with the size cap on each decoded result, so a small gzip bomb stops at
 * the cap instead of filling memory. Bodies cut short decode as far as they go, as browsers do.
 */
async function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const encodings = (contentEncoding ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding && encoding !== "identity");
  let body = raw;
  // Encodings are listed in the order they were applied, so they come off last first.
  for (const encoding of encodings.reverse()) {
    if (body.length === 0) break;
    body = await decodeOnce(body, encoding, maxBytes);
  }
  return body;
}

async function decodeOnce(body: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  const zlibOptions = { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    switch (encoding) {
      case "gzip":
      case "x-gzip":
        return await gunzip(body, zlibOptions);
      case "deflate":
        // Some servers send raw deflate without the zlib header the name promises.
        return looksLikeZlib(body) ? await inflate(body, zlibOptions) : await inflateRaw(body, zlibOptions);
      case "br":
        return await brotliDecompress(body, { maxOutputLength: maxBytes, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new FetchError("decode", `the server sent a ${encoding} response that could not be unpacked`, { cause: error });
  }
  throw new FetchError("decode", `the server sent the response in an encoding Podbrief cannot read (${encoding})`);
}

function looksLikeZlib(body: Buffer): boolean {
  const [first = 0, second = 0] = body;
  return (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toResult(target: URL, answer: Extract<Answer, { kind: "body" }>, body: Buffer, options: SafeFetchOptions): SafeFetchResult {
  const notModified = answer.status === 304;
  const header = (name: string) => {
    const value = answer.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  return {
    url: target.href,
    status: answer.status,
    notModified,
    contentType: header("content-type"),
    // A 304 confirms the validators that were sent; a server need not repeat them.
    etag: header("etag") ?? (notModified ? (options.etag ?? null) : null),
    lastModified: header("last-modified") ?? (notModified ? (options.lastModified ?? null) : null),
    body,
  };
}

function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  return seconds === 1 ? "1 second" : `${Number(seconds.toFixed(1))} seconds`;
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
