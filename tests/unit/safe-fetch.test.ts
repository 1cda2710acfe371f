import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogDestination } from "@/lib/log";
import { FetchError, safeFetch, type FetchErrorKind, type SafeFetchOptions } from "@/lib/net/safe-fetch";

const MB = 1024 * 1024;
const FEED = "<rss><channel><title>Tech &amp; Society</title></channel></rss>";
const FEED_ETAG = '"v1"';
const FEED_LAST_MODIFIED = "Sun, 29 Nov 2026 00:00:00 GMT";

/** Writes `total` bytes in 1 MB chunks, waiting for the reader, and stops when the reader hangs up. */
function writeMegabytes(res: http.ServerResponse, total: number) {
  const chunk = Buffer.alloc(MB, 0x61);
  let written = 0;
  const pump = () => {
    while (written < total && !res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void> = {
  "/hello": (_req, res) => res.end("hello"),
  "/headers": (req, res) => res.end(JSON.stringify(req.headers)),
  "/feed": (req, res) => {
    if (req.headers["if-none-match"] === FEED_ETAG || req.headers["if-modified-since"] === FEED_LAST_MODIFIED) {
      res.writeHead(304, { ETag: FEED_ETAG });
      return void res.end();
    }
    res.writeHead(200, { "Content-Type": "application/rss+xml", ETag: FEED_ETAG, "Last-Modified": FEED_LAST_MODIFIED });
    res.end(FEED);
  },
  // /hop/3 -> 2 -> 1 -> 0 with relative Locations.
  "/hop": (_req, res, url) => {
    const left = Number(url.searchParams.get("left"));
    if (left === 0) return void res.end("arrived");
    res.writeHead(302, { Location: `hop?left=${left - 1}` });
    res.end();
  },
  "/redirect": (_req, res, url) => {
    res.writeHead(Number(url.searchParams.get("status") ?? 302), { Location: url.searchParams.get("to") ?? "/" });
    res.end();
  },
  "/missing": (_req, res) => {
    res.writeHead(404);
    res.end("not here");
  },
  "/broken": (_req, res) => {
    res.writeHead(500);
    res.end("oops");
  },
  "/huge-declared": (_req, res) => {
    res.writeHead(200, { "Content-Length": String(50 * MB) });
    writeMegabytes(res, 50 * MB);
  },
  "/huge-chunked": (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/octet-stream" });
    writeMegabytes(res, 50 * MB);
  },
  "/endless": (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    const drip = setInterval(() => res.write("."), 50);
    res.on("close", () => clearInterval(drip));
  },
  "/cut-short": (_req, res) => {
    res.writeHead(200, { "Content-Length": "1000" });
    res.write("only the start");
    setTimeout(() => res.destroy(), 20);
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip" });
    res.end(zlib.gzipSync(FEED));
  },
  "/br": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "br" });
    res.end(zlib.brotliCompressSync(FEED));
  },
  "/deflate": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "deflate" });
    res.end(zlib.deflateSync(FEED));
  },
  "/raw-deflate": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "deflate" });
    res.end(zlib.deflateRawSync(FEED));
  },
  "/gzip-bomb": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": String(gzipBomb.length) });
    res.end(gzipBomb);
  },
  "/br-bomb": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "br" });
    res.end(zlib.brotliCompressSync(Buffer.alloc(4 * MB)));
  },
  "/not-gzip": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip" });
    res.end("this is not gzip at all");
  },
  "/zstd": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "zstd" });
    res.end("whatever");
  },
};

let gzipBomb: Buffer;
let server: http.Server;
let origin: string;
let port: number;
let allowedHosts: string[];
let silent: net.Server;
let silentOrigin: string;
const silentSockets = new Set<net.Socket>();

async function listen(target: net.Server): Promise<number> {
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  return (target.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  // 64 MB of zeros packs into about 64 KB of gzip: small on the wire, far over the 20 MB cap unpacked.
  gzipBomb = zlib.gzipSync(Buffer.alloc(64 * MB));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://test.local");
    const route = routes[url.pathname];
    if (route) route(req, res, url);
    else res.writeHead(404).end();
  });
  port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`];

  // Accepts connections and never says a word.
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on("close", () => silentSockets.delete(socket));
  });
  silentOrigin = `http://127.0.0.1:${await listen(silent)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  for (const socket of silentSockets) socket.destroy();
  await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => silent.close(resolve))]);
});

function fetchFromTestServer(path: string, options: SafeFetchOptions = {}) {
  return safeFetch(`${origin}${path}`, { allowedHosts, totalTimeoutMs: 5000, ...options });
}

async function failure(attempt: Promise<unknown>, kind: FetchErrorKind): Promise<FetchError> {
  const error = await attempt.then(
    () => {
      throw new Error("expected the fetch to fail");
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).kind).toBe(kind);
  expect((error as FetchError).message).not.toMatch(/\n\s+at /);
  return error as FetchError;
}

describe("safeFetch refuses addresses inside the network", () => {
  // Loopback targets use the test server's own port, so only the check stands between them and an answer.
  const privateTargets = (loopbackPort = port): [url: string, where: string][] => [
    [`http://127.0.0.1:${loopbackPort}/hello`, "this computer (127.0.0.1)"],
    ["http://10.0.0.1/", "a private network (10.0.0.1)"],
    ["http://172.16.0.1/", "a private network (172.16.0.1)"],
    ["http://192.168.1.1/", "a private network (192.168.1.1)"],
    ["http://169.254.169.254/latest/meta-data/", "the cloud metadata service (169.254.169.254)"],
    [`http://[::1]:${loopbackPort}/hello`, "this computer (::1)"],
    [`http://[::ffff:127.0.0.1]:${loopbackPort}/hello`, "this computer (::ffff:7f00:1)"],
    [`http://0.0.0.0:${loopbackPort}/hello`, "this computer (0.0.0.0)"],
    [`http://2130706433:${loopbackPort}/hello`, "this computer (127.0.0.1)"],
    [`http://0177.0.0.1:${loopbackPort}/hello`, "this computer (127.0.0.1)"],
    [`http://0x7f.1:${loopbackPort}/hello`, "this computer (127.0.0.1)"],
    ["http://[fd00:ec2::254]/", "a private network (fd00:ec2::254)"],
    ["http://[64:ff9b::a00:1]/", "a private network (64:ff9b::a00:1)"],
  ];

  it("when the URL names them, in any notation", async () => {
    for (const [url, where] of privateTargets()) {
      const error = await failure(safeFetch(url, { allowedHosts: [], totalTimeoutMs: 2000 }), "blocked_address");
      expect(error.message).toBe(`the address points to ${where}, which Podbrief does not fetch`);
    }
  });

  it("tells the operator, in the log only, how to allow a feed on this computer", async () => {
    const logged: string[] = [];
    const previous = setLogDestination({ write: (line: string) => void logged.push((JSON.parse(line) as { msg: string }).msg) });
    try {
      const error = await failure(safeFetch(`http://127.0.0.1:${port}/hello`, { allowedHosts: [] }), "blocked_address");
      expect(error.message).not.toContain("FETCH_ALLOWED_HOSTS");
      await failure(safeFetch(`http://localhost:${port}/hello`, { allowedHosts: [] }), "blocked_address");
      const lines = [...logged];
      expect(lines).toContainEqual(expect.stringContaining(`add 127.0.0.1:${port} to FETCH_ALLOWED_HOSTS`));
      expect(lines).toContainEqual(expect.stringContaining(`add localhost:${port} to FETCH_ALLOWED_HOSTS`));
      // No hint to open up the cloud metadata service.
      logged.length = 0;
      await failure(safeFetch("http://169.254.169.254/latest/meta-data/", { allowedHosts: [], totalTimeoutMs: 2000 }), "blocked_address");
      expect(logged.filter((line) => line.includes("FETCH_ALLOWED_HOSTS"))).toEqual([]);
    } finally {
      setLogDestination(previous);
    }
  });

  it("when an allowed server redirects to them", async () => {
    // Not the test server's port: 127.0.0.1 on that port is exempt, in any notation.
    for (const [url, where] of privateTargets(6379)) {
      const error = await failure(fetchFromTestServer(`/redirect?to=${encodeURIComponent(url)}`, { totalTimeoutMs: 2000 }), "blocked_address");
      expect(error.message).toBe(`the address points to ${where}, which Podbrief does not fetch`);
    }
  });

  it("when a name resolves to them, checking every address the name has", async () => {
    const error = await failure(
      safeFetch("http://feeds.example.com/rss", { allowedHosts: [], lookup: async () => [{ address: "10.0.0.5", family: 4 }] }),
      "blocked_address",
    );
    expect(error.message).toBe("the name feeds.example.com points to a private network (10.0.0.5), which Podbrief does not fetch");

    const mixed = await failure(
      safeFetch("http://feeds.example.com/rss", {
        allowedHosts: [],
        lookup: async () => [
          { address: "93.184.215.14", family: 4 },
          { address: "fe80::1", family: 6 },
        ],
      }),
      "blocked_address",
    );
    expect(mixed.message).toContain("a link-local network (fe80::1)");

    const localhost = await failure(safeFetch(`http://localhost:${port}/hello`, { allowedHosts: [] }), "blocked_address");
    expect(localhost.message).toMatch(/^the name localhost points to this computer \((127\.0\.0\.1|::1)\)/);
  });

  it("checks the address of every redirect hop, not only the first", async () => {
    const lookup = async (hostname: string) => [{ address: hostname === "public.test" ? "127.0.0.1" : "192.168.1.20", family: 4 }];
    const error = await failure(
      safeFetch(`http://public.test:${port}/redirect?to=${encodeURIComponent(`http://intranet.test:${port}/hello`)}`, {
        allowedHosts: [`public.test:${port}`],
        lookup,
      }),
      "blocked_address",
    );
    expect(error.message).toBe("the name intranet.test points to a private network (192.168.1.20), which Podbrief does not fetch");
  });

  it("exempts exactly the allowed host:port pairs, and connects to the address the lookup gave", async () => {
    const lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    const allowed = await safeFetch(`http://feeds.test:${port}/hello`, { allowedHosts: [`FEEDS.test:${port}`], lookup });
    expect(allowed.body.toString()).toBe("hello");

    await failure(safeFetch(`http://feeds.test:${port}/hello`, { allowedHosts: [`feeds.test:${port + 1}`], lookup }), "blocked_address");
    await failure(safeFetch(`http://feeds.test:${port}/hello`, { allowedHosts: [`127.0.0.1:${port}`], lookup }), "blocked_address");
  });

  it("refuses what is not an http(s) address, and addresses with credentials", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/feed.xml", "javascript:alert(1)", "data:text/plain,hello", "gopher://example.com/"]) {
      const error = await failure(safeFetch(url, { allowedHosts: [] }), "bad_url");
      expect(error.message).toContain("Podbrief only fetches http and https");
    }
    expect((await failure(safeFetch("not a url", { allowedHosts: [] }), "bad_url")).message).toBe('"not a url" is not a web address');

    const withPassword = await failure(safeFetch("https://user:hunter2@example.com/feed", { allowedHosts: [] }), "bad_url");
    expect(withPassword.message).toBe('"https://example.com/feed" has a user name or password in it (Podbrief does not send those)');

    const redirected = await failure(fetchFromTestServer(`/redirect?to=${encodeURIComponent("file:///etc/passwd")}`), "bad_url");
    expect(redirected.message).toBe('the server redirected to "file:///etc/passwd", which is a file: address (Podbrief only fetches http and https)');
  });

  it("says when a name does not exist", async () => {
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND feeds.example.invalid"), { code: "ENOTFOUND" });
    };
    const error = await failure(safeFetch("http://feeds.example.invalid/rss", { allowedHosts: [], lookup }), "dns");
    expect(error.message).toBe("the name feeds.example.invalid does not exist");
  });
});

describe("safeFetch", () => {
  it("sends a User-Agent naming Podbrief and asks for compressed bodies", async () => {
    const sent = JSON.parse((await fetchFromTestServer("/headers", { headers: { Accept: "application/rss+xml" } })).body.toString());
    expect(sent["user-agent"]).toMatch(/^Podbrief\/0\.1 \(\+https?:\/\/\S+\)$/);
    expect(sent["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent.accept).toBe("application/rss+xml");
  });

  it("makes conditional GETs and reports an unchanged feed", async () => {
    const first = await fetchFromTestServer("/feed");
    expect(first).toMatchObject({ status: 200, notModified: false, etag: FEED_ETAG, lastModified: FEED_LAST_MODIFIED, contentType: "application/rss+xml" });
    expect(first.body.toString()).toBe(FEED);

    const byEtag = await fetchFromTestServer("/feed", { etag: first.etag });
    expect(byEtag).toMatchObject({ status: 304, notModified: true, etag: FEED_ETAG });
    expect(byEtag.body.length).toBe(0);

    const byDate = await fetchFromTestServer("/feed", { lastModified: first.lastModified });
    expect(byDate).toMatchObject({ status: 304, notModified: true, lastModified: FEED_LAST_MODIFIED });
    expect(byDate.body.length).toBe(0);
  });

  it("follows redirects, relative ones too, up to the cap", async () => {
    const result = await fetchFromTestServer("/hop?left=5");
    expect(result.body.toString()).toBe("arrived");
    expect(result.url).toBe(`${origin}/hop?left=0`);

    expect((await failure(fetchFromTestServer("/hop?left=6"), "too_many_redirects")).message).toBe("too many redirects (more than 5)");
    await failure(fetchFromTestServer("/hop?left=2", { maxRedirects: 1 }), "too_many_redirects");
    for (const status of [301, 303, 307, 308]) {
      expect((await fetchFromTestServer(`/redirect?status=${status}&to=/hello`)).body.toString()).toBe("hello");
    }
  });

  it("does not carry credentials to another site on a redirect", async () => {
    const lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    const result = await safeFetch(`${origin}/redirect?to=${encodeURIComponent(`http://other.test:${port}/headers`)}`, {
      allowedHosts: [...allowedHosts, `other.test:${port}`],
      lookup,
      headers: { Authorization: "Bearer secret", "X-Trace": "kept" },
    });
    const sent = JSON.parse(result.body.toString());
    expect(sent.authorization).toBeUndefined();
    expect(sent["x-trace"]).toBe("kept");
  });

  it("decodes gzip, br and deflate bodies", async () => {
    for (const path of ["/gzip", "/br", "/deflate", "/raw-deflate"]) {
      expect((await fetchFromTestServer(path)).body.toString()).toBe(FEED);
    }
  });

  it("names the status when the server answers with an error", async () => {
    const missing = await failure(fetchFromTestServer("/missing"), "http_status");
    expect(missing.message).toBe("the server answered 404 (Not Found)");
    expect(missing.status).toBe(404);
    const broken = await failure(fetchFromTestServer("/broken"), "http_status");
    expect(broken.message).toBe("the server answered 500 (Internal Server Error)");
    expect(broken.status).toBe(500);
  });
});

describe("safeFetch stops bad answers", () => {
  it("refuses a body declared larger than the cap", async () => {
    const error = await failure(fetchFromTestServer("/huge-declared"), "too_large");
    expect(error.message).toBe("the response is larger than 20 MB");
  });

  it("cuts off a streamed body once it passes the cap", async () => {
    expect((await failure(fetchFromTestServer("/huge-chunked"), "too_large")).message).toBe("the response is larger than 20 MB");
    expect((await failure(fetchFromTestServer("/huge-chunked", { maxBytes: 2 * MB }), "too_large")).message).toBe("the response is larger than 2 MB");
  });

  it("stops a gzip or br bomb at the cap on the decoded bytes", async () => {
    expect(gzipBomb.length).toBeLessThan(MB);
    expect((await failure(fetchFromTestServer("/gzip-bomb"), "too_large")).message).toBe("the response is larger than 20 MB");
    await failure(fetchFromTestServer("/br-bomb", { maxBytes: MB }), "too_large");
  });

  it("gives up on a body that never ends", async () => {
    const error = await failure(fetchFromTestServer("/endless", { totalTimeoutMs: 1500 }), "timeout");
    expect(error.message).toBe("the server took longer than 1.5 seconds");
  });

  it("gives up on a server that accepts the connection and never answers", async () => {
    const error = await failure(
      safeFetch(`${silentOrigin}/feed`, { allowedHosts: [new URL(silentOrigin).host], totalTimeoutMs: 1000 }),
      "timeout",
    );
    expect(error.message).toBe("the server took longer than 1 second");
  });

  it("gives up on a connection that cannot be made in time", async () => {
    const error = await failure(
      safeFetch("http://slow.test/feed", { allowedHosts: [], connectTimeoutMs: 300, lookup: () => new Promise(() => {}) }),
      "timeout",
    );
    expect(error.message).toBe("could not connect to slow.test within 0.3 seconds");
  });

  it("says when nothing listens, TLS fails, or the connection is cut mid-body", async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(safeFetch(`http://127.0.0.1:${closedPort}/`, { allowedHosts: [`127.0.0.1:${closedPort}`] }), "connect");
    expect(refused.message).toBe("127.0.0.1 refused the connection");

    const notTls = await failure(safeFetch(`https://127.0.0.1:${port}/hello`, { allowedHosts: [`127.0.0.1:${port}`] }), "connect");
    expect(notTls.message).toMatch(/^the secure connection to 127\.0\.0\.1 failed/);

    const cut = await failure(fetchFromTestServer("/cut-short"), "network");
    expect(cut.message).toBe("the connection to 127.0.0.1 was cut before the whole response arrived");
  });

  it("says when a compressed body cannot be unpacked", async () => {
    expect((await failure(fetchFromTestServer("/not-gzip"), "decode")).message).toBe("the server sent a gzip response that could not be unpacked");
    expect((await failure(fetchFromTestServer("/zstd"), "decode")).message).toBe(
      "the server sent the response in an encoding Podbrief cannot read (zstd)",
    );
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const attempt = fetchFromTestServer("/endless", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("shutting down")), 100);
    await expect(attempt).rejects.toThrow("shutting down");
  });
});
