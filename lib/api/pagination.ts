/**
 * Cursor pagination, alike on every list: `?limit=` (1 to 50, 20 by default) and `?cursor=` from the
 * previous page's `nextCursor`, which is null on the last page. A cursor is opaque: each service
 * writes its own (a position in its order), and a cursor it did not write starts at the first page.
 */
import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `How many items a page holds (1 to ${MAX_PAGE_SIZE}).` }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,500}$/, "Pass back a nextCursor as it came.")
    .optional()
    .meta({ description: "The previous page's `nextCursor`; none for the first page." }),
});

/** A page of `item`s and where the next one starts. */
export function pageOf<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

/** A cursor for services that page by offset (search): the offset, opaque like the others. */
export const encodeOffsetCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString());
  return match ? Number(match[1]) : 0;
}
