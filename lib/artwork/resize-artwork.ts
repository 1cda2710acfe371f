/**
 * Turns a feed image's bytes into the square images we store, or refuses them with a reason a reader
 * understands. Only raster formats are read, known by their first bytes, never by Content-Type; SVG
 * (it can carry scripts) and libvips's other loaders (PDF, TIFF, HTML via ImageMagick…) never are. The
 * pixel size is read from the header before decoding, so a decompression bomb is refused undecoded;
 * sharp's limitInputPixels stands behind that check.
 */
import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { SafeError } from "@/lib/errors";
import { ARTWORK_WIDTHS, type ArtworkFormat } from "@/lib/artwork/artwork-url";

/** Podcast apps ask for 3000×3000 at most; 6000×6000 leaves room and refuses bombs. */
export const MAX_ARTWORK_PIXELS = 6000 * 6000;

export type StoredImage = { width: number; format: ArtworkFormat; bytes: Buffer };
export type ResizedArtwork = { hash: string; sourceWidth: number; sourceHeight: number; images: StoredImage[] };

export class ArtworkRefused extends SafeError {
  constructor(message: string) {
    super(message, "artwork_refused");
    this.name = "ArtworkRefused";
  }
}

type Sniffed = "jpeg" | "png" | "gif" | "webp" | "avif";

/** The raster format the bytes begin with, or null. */
function sniffRaster(bytes: Buffer): Sniffed | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (bytes.subarray(0, 6).toString("latin1") === "GIF87a" || bytes.subarray(0, 6).toString("latin1") === "GIF89a") return "gif";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "webp";
  if (bytes.subarray(4, 8).toString("latin1") === "ftyp" && /^(avif|avis)$/.test(bytes.subarray(8, 12).toString("latin1"))) return "avif";
  return null;
}

/** What the bytes are, when they are no image we read: said to the reader. */
function describeNonImage(bytes: Buffer, contentType: string | null): string {
  const head = bytes.subarray(0, 1024).toString("utf8").replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (bytes.length === 0) return "the image address answered with nothing";
  if (/<svg[\s>]/.test(head) || (head.startsWith("<?xml") && head.includes("<svg")) || contentType?.includes("svg")) {
    return "the image is an SVG drawing, which Podbrief does not show (SVG can carry scripts)";
  }
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /<(head|body|script)[\s>]/.test(head)) {
    return `the image address serves a web page${contentType ? ` (sent as ${contentType.split(";")[0]})` : ""}, not an image`;
  }
  return `the image address serves something that is not a JPEG, PNG, GIF, WebP or AVIF image${contentType ? ` (sent as ${contentType.split(";")[0]})` : ""}`;
}

/** Every stored size in WebP and JPEG, squared from the centre, on white where the source is transparent. */
export async function resizeArtwork(bytes: Buffer, contentType: string | null): Promise<ResizedArtwork> {
  const format = sniffRaster(bytes);
  if (!format) throw new ArtworkRefused(describeNonImage(bytes, contentType));

  // Animated images become their first frame; failOn "error" refuses truncated or corrupt data.
  const input = { limitInputPixels: MAX_ARTWORK_PIXELS, failOn: "error", pages: 1 } as const;
  let width: number;
  let height: number;
  try {
    // Reading the header decodes no pixels; the pixel limit is checked below, in words.
    const metadata = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
    width = metadata.width;
    height = metadata.height;
  } catch {
    throw new ArtworkRefused(`the ${format.toUpperCase()} image is damaged and cannot be read`);
  }
  if (!width || !height) throw new ArtworkRefused(`the ${format.toUpperCase()} image has no size`);
  if (width * height > MAX_ARTWORK_PIXELS) {
    throw new ArtworkRefused(`the image is ${width}×${height} pixels, more than Podbrief unpacks (${MAX_ARTWORK_PIXELS / 1e6} million)`);
  }

  const images: StoredImage[] = [];
  try {
    // Decode once, at the largest stored size; the smaller ones come from that.
    const largest = Math.max(...ARTWORK_WIDTHS);
    const square = await sharp(bytes, input)
      .rotate()
      .resize(largest, largest, { fit: "cover", position: "attention", withoutEnlargement: false })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: square.info.width, height: square.info.height, channels: square.info.channels } };
    for (const size of ARTWORK_WIDTHS) {
      const sized = () => sharp(square.data, raw).resize(size, size);
      images.push({ width: size, format: "webp", bytes: await sized().webp({ quality: 80, effort: 4 }).toBuffer() });
      images.push({ width: size, format: "jpg", bytes: await sized().jpeg({ quality: 82, mozjpeg: true }).toBuffer() });
    }
  } catch {
    throw new ArtworkRefused(`the ${format.toUpperCase()} image is damaged and cannot be read`);
  }

  const hash = createHash("sha256");
  for (const image of images) hash.update(`${image.width}.${image.format}:`).update(image.bytes);
  return { hash: hash.digest("hex").slice(0, 24), sourceWidth: width, sourceHeight: height, images };
}
