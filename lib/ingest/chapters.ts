/**
 * Podcasting 2.0 chapters files (`podcast:chapters`): `{ version, chapters: [{ startTime, endTime?,
 * title?, img?, url?, toc? }] }`. Where the spec leaves it to apps: `toc: false` entries (artwork or
 * location changes, not chapters to navigate by) are left out; an entry without a title or a numeric
 * time is skipped, not fatal; `endSeconds` is null unless `endTime` comes after the start; `img` and
 * `url` are kept only when http(s), since they end up as links and images.
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
