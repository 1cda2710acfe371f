/**
 * Podcasting 2.0 chapters files (`podcast:chapters`, application/json+chapters):
 * `{ version, chapters: [{ startTime, endTime?, title?, img?, url?, toc? }] }`.
 *
 * Decisions, since the spec leaves them to apps:
 *   - `toc: false` entries are left out. The spec uses them for artwork or location changes inside a
 *     chapter, not for chapters a listener navigates by; `Chapter` has no flag to hide them, and keeping
 *     them would list untitled points as chapters.
 *   - entries without a title, or with a time that is not a number, are skipped, not fatal: one bad
 *     entry should not cost an episode its other chapters.
 *   - `endSeconds` is the file's `endTime` when it gives one after the start, else null (a chapter then
 *     ends where the next begins; that is for the reader to work out, not for us to store as fact).
 *   - `img` and `url` are kept only when they are http(s) addresses: they end up as links and images.
 */
import { z } from "zod";
import { SafeError } from "@/lib/errors";
import type { Chapter } from "@/lib/ingest/types";
import { secondsSchema } from "@/lib/ingest/transcript/timestamp";

export class ChaptersParseError extends SafeError {
  constructor(message: string) {
    super(message, "chapters_unreadable");
    this.name = "ChaptersParseError";
  }
}

const chaptersFileSchema = z.object({ chapters: z.array(z.unknown()) });

const webAddress = z
  .url({ protocol: /^https?$/ })
  .nullish()
  .catch(null);

const chapterEntrySchema = z.object({
  startTime: secondsSchema,
  endTime: secondsSchema.nullish().catch(null),
  title: z.string().transform((title) => title.replace(/\s+/g, " ").trim()).pipe(z.string().min(1)),
  img: webAddress,
  url: webAddress,
  toc: z.boolean().nullish().catch(null),
});

export function parseChaptersJson(body: Buffer | string): Chapter[] {
  const source = (typeof body === "string" ? body : body.toString("utf8")).replace(/^\uFEFF/, "");
  if (source.includes("\u0000")) throw new ChaptersParseError("the chapters file is binary data, not JSON");
  if (!source.trim()) throw new ChaptersParseError("the chapters file is empty");
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    throw new ChaptersParseError("the chapters file is not valid JSON");
  }
  const file = chaptersFileSchema.safeParse(data);
  if (!file.success) throw new ChaptersParseError('the chapters file has no "chapters" list');

  const chapters: Chapter[] = [];
  for (const entry of file.data.chapters) {
    const parsed = chapterEntrySchema.safeParse(entry);
    if (!parsed.success || parsed.data.toc === false) continue;
    const { startTime, endTime, title, img, url } = parsed.data;
    chapters.push({
      startSeconds: startTime,
      endSeconds: endTime != null && endTime > startTime ? endTime : null,
      title,
      url: url ?? null,
      imageUrl: img ?? null,
    });
  }
  return chapters.sort((a, b) => a.startSeconds - b.startSeconds);
}
