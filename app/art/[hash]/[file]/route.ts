import { loadArtworkImage } from "@/lib/artwork/load-artwork-image";

// Every response: nothing we serve here is ever read as a document or a script.
const SAFE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
} as const;

/**
 * A stored artwork image (see lib/artwork). Its URL names its content (the hash), so it is cached for
 * a year as immutable; a show that changes its image gets a new URL.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ hash: string; file: string }> }) {
  const image = await loadArtworkImage(await params);
  if (!image) {
    return new Response("Not found", { status: 404, headers: { ...SAFE_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" } });
  }
  return new Response(image.bytes, {
    headers: {
      ...SAFE_HEADERS,
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
