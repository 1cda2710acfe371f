/**
 * Artwork (issue 15, item 1): the worker fetches a show's image from its feed's host through
 * safe-fetch, stores it resized, and our own origin serves it; an image too large, a web page sent
 * as an image, an SVG with a script and a decompression bomb are refused with the reason recorded,
 * and nothing is ever served from our origin as image/svg+xml.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";
import { rowFactory } from "@/tests/helpers/rows";

// The image host is on loopback, which safe fetching refuses unless allowed; allow exactly it,
// before any module reads the settings.
const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;

const { db } = await import("@/lib/db");
const { ARTWORK_MAX_BYTES, fetchArtworkFor, queueArtworkFetches } = await import("@/lib/artwork/fetch-artwork");
const { fetchArtworkJob } = await import("@/worker/handlers");
const { artworkSelect, artworkSrc } = await import("@/lib/artwork/artwork-src");
const { ARTWORK_WIDTHS, ARTWORK_FORMATS } = await import("@/lib/artwork/artwork-url");
const route = await import("@/app/art/[hash]/[file]/route");
const { insightCardSelect, toInsightCard } = await import("@/lib/cards/insight-card");
const { loadInsightCards } = await import("@/lib/cards/load-insight-cards");
const { closeQueue } = await import("@/lib/jobs/enqueue");

afterAll(async () => {
  await closeQueue();
  await server.close();
});

const prefix = `/${randomUUID()}`;
const MB = 1024 * 1024;

/** A photo-like picture: a gradient with noise, so it compresses like real artwork does. */
async function realPicture(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = ((x ^ y) * 7) & 0xff;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A valid PNG whose header claims `size`×`size` pixels: a decompression bomb's header, without its gigabytes. */
async function bombHeader(size: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer();
  const patched = Buffer.from(png);
  patched.writeUInt32BE(size, 16);
  patched.writeUInt32BE(size, 20);
  // The IHDR chunk's CRC covers its type and data (bytes 12..29).
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Streams a 50 MB "JPEG" with no Content-Length, counting what it managed to send before the client hung up. */
function hugeImage(sent: { bytes: number; finished: boolean }) {
  return (_request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(200, { "Content-Type": "image/jpeg" });
    const chunk = Buffer.alloc(256 * 1024, 0xab);
    chunk.set([0xff, 0xd8, 0xff, 0xe0]);
    const total = 50 * MB;
    const pump = () => {
      while (sent.bytes < total) {
        if (response.destroyed) return;
        sent.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      sent.finished = true;
      response.end();
    };
    pump();
  };
}

async function showWithImage(path: string) {
  return db.podcast.create({
    data: { feedUrl: `https://example.com/${randomUUID()}.xml`, title: "The Artwork Test Show", imageUrl: server.url(`${prefix}${path}`) },
  });
}

async function storedArtwork(podcastId: string) {
  const podcast = await db.podcast.findUniqueOrThrow({ where: { id: podcastId }, select: { artwork: { include: { images: true } } } });
  return podcast.artwork;
}

/** Requests our route as a browser would. */
async function requestArt(hash: string, file: string): Promise<Response> {
  return route.GET(new Request(`https://podbrief.test/art/${hash}/${file}`), { params: Promise.resolve({ hash, file }) });
}

const picture = await realPicture(1400, 1000);
server.serve(`${prefix}/cover.png`, { body: picture, contentType: "image/png" });
const huge = { bytes: 0, finished: false };
server.handle(`${prefix}/huge.jpg`, hugeImage(huge));
server.serve(`${prefix}/page.jpg`, {
  body: "<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>",
  contentType: "image/jpeg",
});
const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><script>alert(document.cookie)</script><rect width="600" height="600" fill="red"/></svg>`;
server.serve(`${prefix}/evil.svg`, { body: svg, contentType: "image/svg+xml" });
server.serve(`${prefix}/evil-png.png`, { body: svg, contentType: "image/png" });
server.serve(`${prefix}/bomb.png`, { body: await bombHeader(60_000), contentType: "image/png" });

describe("artwork", () => {
  it("stores a show's image resized, in WebP and JPEG, and serves it from our origin as immutable", async () => {
    const podcast = await showWithImage("/cover.png");
    await fetchArtworkFor({ kind: "podcast", id: podcast.id });

    const artwork = await storedArtwork(podcast.id);
    expect(artwork).toMatchObject({ status: "ready", error: null, sourceWidth: 1400, sourceHeight: 1000 });
    expect(artwork!.images).toHaveLength(ARTWORK_WIDTHS.length * ARTWORK_FORMATS.length);

    const src = artworkSrc(await db.podcast.findUniqueOrThrow({ where: { id: podcast.id }, select: { artwork: artworkSelect } }).then((p) => p.artwork));
    expect(src).toBe(`/art/${artwork!.hash}`);

    for (const width of ARTWORK_WIDTHS) {
      for (const [format, type, decoded] of [["webp", "image/webp", "webp"], ["jpg", "image/jpeg", "jpeg"]] as const) {
        const response = await requestArt(artwork!.hash!, `${width}.${format}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe(type);
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("cache-control")).toContain("immutable");
        const served = Buffer.from(await response.arrayBuffer());
        const metadata = await sharp(served).metadata();
        expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: decoded, width, height: width });
        // Resized: far smaller than the 1400×1000 original.
        expect(served.length).toBeLessThan(picture.length);
      }
    }
    // Sizes and formats we do not store are not made up on request.
    expect((await requestArt(artwork!.hash!, "1200.webp")).status).toBe(404);
    expect((await requestArt(artwork!.hash!, "600.svg")).status).toBe(404);

    // Another show naming the same address shares the stored copy: one fetch.
    const before = server.requests(`${prefix}/cover.png`).length;
    const twin = await showWithImage("/cover.png");
    await fetchArtworkFor({ kind: "podcast", id: twin.id });
    expect((await storedArtwork(twin.id))!.id).toBe(artwork!.id);
    expect(server.requests(`${prefix}/cover.png`)).toHaveLength(before);
  });

  it.each([
    ["a 50 MB image", "/huge.jpg", /larger than 10 MB/],
    ["a web page sent as image/jpeg", "/page.jpg", /serves a web page \(sent as image\/jpeg\), not an image/],
    ["an SVG with a script", "/evil.svg", /SVG drawing, which Podbrief does not show/],
    ["an SVG sent as image/png", "/evil-png.png", /SVG drawing, which Podbrief does not show/],
    ["a decompression bomb", "/bomb.png", /60000×60000 pixels, more than Podbrief unpacks/],
    ["a missing image", "/missing.png", /could not be fetched: the server answered 404/],
  ])("refuses %s with the reason recorded, and serves nothing for it", async (_name, path, reason) => {
    const podcast = await showWithImage(path);
    await fetchArtworkFor({ kind: "podcast", id: podcast.id });

    const artwork = await storedArtwork(podcast.id);
    expect(artwork).toMatchObject({ status: "failed", hash: null, images: [] });
    expect(artwork!.error).toMatch(reason);
    expect(artworkSrc(artwork)).toBeNull();
    // Whatever a browser asks our origin for, it gets no SVG (and no image) for it.
    for (const file of ["600.webp", "96.jpg", "600.svg"]) {
      const response = await requestArt(artwork!.id.padEnd(24, "0").slice(0, 24).replace(/[^0-9a-f]/g, "0"), file);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).not.toMatch(/svg/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("stops reading a huge image at the cap instead of buffering all of it", async () => {
    const podcast = await showWithImage("/huge.jpg");
    await fetchArtworkFor({ kind: "podcast", id: podcast.id });
    expect((await storedArtwork(podcast.id))!.error).toMatch(/larger than/);
    // What the server got out before we hung up: the cap plus what the sockets' buffers held, never 50 MB.
    expect(huge.finished).toBe(false);
    expect(huge.bytes).toBeLessThan(50 * MB);
    expect(huge.bytes).toBeGreaterThan(ARTWORK_MAX_BYTES);
  });

  it("stores an address shows share once, when all are fetched at the same time", async () => {
    server.serve(`${prefix}/shared.png`, { body: picture, contentType: "image/png" });
    // Six at once, so the two reads-then-inserts of a non-atomic upsert overlap on any machine.
    const shows = [];
    for (let i = 0; i < 6; i++) shows.push(await showWithImage("/shared.png"));
    await Promise.all(shows.map((show) => fetchArtworkFor({ kind: "podcast", id: show.id })));
    const stored = await Promise.all(shows.map((show) => storedArtwork(show.id)));
    expect(new Set(stored.map((artwork) => artwork!.id)).size).toBe(1);
    expect(stored[0]).toMatchObject({ status: "ready", error: null });
    expect(stored[0]!.images).toHaveLength(ARTWORK_WIDTHS.length * ARTWORK_FORMATS.length);
  });

  it("queues a fetch for a show whose image is not stored, and none once it is", async () => {
    const podcast = await showWithImage("/cover.png");
    expect(await queueArtworkFetches(podcast.id)).toBe(1);
    await fetchArtworkJob.run({ kind: "podcast", id: podcast.id, url: podcast.imageUrl! }, { jobId: "test", retryCount: 0 });
    expect((await storedArtwork(podcast.id))!.status).toBe("ready");
    expect(await queueArtworkFetches(podcast.id)).toBe(0);
  });

  it("gives an episode its own artwork only where it differs from its show's", async () => {
    const podcast = await showWithImage("/cover.png");
    const own = await db.episode.create({ data: { podcastId: podcast.id, guid: randomUUID(), title: "Own art", imageUrl: server.url(`${prefix}/page.jpg`) } });
    const same = await db.episode.create({ data: { podcastId: podcast.id, guid: randomUUID(), title: "Show art", imageUrl: podcast.imageUrl } });
    await fetchArtworkFor({ kind: "episode", id: own.id });
    await fetchArtworkFor({ kind: "episode", id: same.id });
    const episodes = await db.episode.findMany({ where: { podcastId: podcast.id }, select: { id: true, artwork: { select: { status: true, error: true } } } });
    expect(episodes.find((episode) => episode.id === own.id)!.artwork).toMatchObject({ status: "failed", error: expect.stringMatching(/web page/) });
    expect(episodes.find((episode) => episode.id === same.id)!.artwork).toBeNull();
  });

  it("puts the stored artwork on insight cards (both card queries), and none for a show without", async () => {
    const rows = rowFactory();
    const topic = await rows.makeTopic("art");
    const withArt = await showWithImage("/cover.png");
    await fetchArtworkFor({ kind: "podcast", id: withArt.id });
    const plain = await rows.makeShow("No image");
    const pictured = await rows.makeInsight(withArt.id, { topics: [topic.id], ageDays: 1 });
    const bare = await rows.makeInsight(plain, { topics: [topic.id], ageDays: 1 });
    const src = artworkSrc((await storedArtwork(withArt.id))!);
    expect(src).toMatch(/^\/art\/[0-9a-f]{24}$/);

    const cards = await loadInsightCards([pictured.id, bare.id], null);
    expect(cards.get(pictured.id)!.artwork).toBe(src);
    expect(cards.get(bare.id)!.artwork).toBeNull();
    const row = await db.insight.findUniqueOrThrow({ where: { id: pictured.id }, select: insightCardSelect(null) });
    expect(toInsightCard(row).artwork).toBe(src);
  });
});
