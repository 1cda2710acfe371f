/**
 * A loopback web server for ingestion tests: serves feeds and transcripts with ETag and
 * Last-Modified like a real host, counts the bodies it sends, and lets a test swap a document or
 * install a hostile handler (endless body, gzip bomb…).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type net from "node:net";

export type Document = { body: Buffer | string; contentType?: string; lastModified?: Date };
export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export type FeedServer = {
  /** host:port, for FETCH_ALLOWED_HOSTS. */
  host: string;
  url: (path: string) => string;
  serve: (path: string, document: Document) => void;
  handle: (path: string, handler: Handler) => void;
  /** Full bodies sent for a path (a 304 sends none). */
  bodiesSent: (path: string) => number;
  requests: (path: string) => http.IncomingHttpHeaders[];
  close: () => Promise<void>;
};

export async function startFeedServer(): Promise<FeedServer> {
  const documents = new Map<string, Document>();
  const handlers = new Map<string, Handler>();
  const sent = new Map<string, number>();
  const seen = new Map<string, http.IncomingHttpHeaders[]>();
  const sockets = new Set<net.Socket>();

  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    seen.set(path, [...(seen.get(path) ?? []), request.headers]);
    const handler = handlers.get(path);
    if (handler) return handler(request, response);
    const document = documents.get(path);
    if (!document) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const body = Buffer.from(document.body);
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    const lastModified = (document.lastModified ?? new Date("2026-11-01T00:00:00Z")).toUTCString();
    const notModified =
      request.headers["if-none-match"] === etag ||
      (!request.headers["if-none-match"] && request.headers["if-modified-since"] === lastModified);
    if (notModified) {
      response.writeHead(304, { ETag: etag, "Last-Modified": lastModified }).end();
      return;
    }
    sent.set(path, (sent.get(path) ?? 0) + 1);
    response
      .writeHead(200, { "Content-Type": document.contentType ?? "application/rss+xml", "Content-Length": body.length, ETag: etag, "Last-Modified": lastModified })
      .end(body);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const host = `127.0.0.1:${port}`;

  return {
    host,
    url: (path) => `http://${host}${path}`,
    serve: (path, document) => {
      handlers.delete(path);
      documents.set(path, document);
    },
    handle: (path, handler) => handlers.set(path, handler),
    bodiesSent: (path) => sent.get(path) ?? 0,
    requests: (path) => seen.get(path) ?? [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
