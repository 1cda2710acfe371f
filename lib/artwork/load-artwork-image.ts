import "server-only";
import { z } from "zod";
import { ARTWORK_CONTENT_TYPES, ARTWORK_FORMATS, ARTWORK_WIDTHS, type ArtworkFormat } from "@/lib/artwork/artwork-url";
import { db } from "@/lib/db";

/** The route's parameters: `/art/<hash>/<width>.<format>`, only the sizes and formats we store. */
export const artworkImageParams = z.object({
  hash: z.string().regex(/^[0-9a-f]{24}$/),
  file: z
    .string()
    .regex(/^\d+\.[a-z]+$/)
    .transform((file) => {
      const [width, format] = file.split(".");
      return { width: Number(width), format: format as ArtworkFormat };
    })
    .refine(({ width, format }) => (ARTWORK_WIDTHS as readonly number[]).includes(width) && ARTWORK_FORMATS.includes(format)),
});

export type ArtworkImage = { bytes: Uint8Array<ArrayBuffer>; contentType: string };

/**
 * One stored image of a stored artwork, or null. Public, like the insight pages that show it: an
 * image a feed publishes to everyone is no reader's data.
 */
export async function loadArtworkImage(raw: unknown): Promise<ArtworkImage | null> {
  const parsed = artworkImageParams.safeParse(raw);
  if (!parsed.success) return null;
  const { hash, file } = parsed.data;
  const image = await db.artworkImage.findFirst({
    where: { width: file.width, format: file.format, artwork: { hash, status: "ready" } },
    select: { bytes: true },
  });
  // The type comes from what we stored, never from what the feed's server said.
  return image ? { bytes: new Uint8Array(image.bytes), contentType: ARTWORK_CONTENT_TYPES[file.format] } : null;
}
