/**
 * Obsidian: one Markdown note per insight, with YAML front matter Obsidian reads as properties, in a
 * zip a reader unpacks into their vault. File names are safe on every OS and unique in the zip.
 */
import { zipSync, type Zippable } from "fflate";
import { formatTimestamp } from "@/lib/format";
import { asSaidLabel, quoteTime, quoteToShow } from "@/lib/insights/quote-attribution";
import { notePageUrl, notePlayUrl, type NoteItem } from "@/lib/exports/note-item";

/** The folder the notes unpack into, so they land together in the vault. */
export const OBSIDIAN_FOLDER = "Podbrief";
/** UTF-8 bytes of a name before ".md": well under the 255 that most file systems allow, with room for " 12". */
const MAX_NAME_BYTES = 150;
const RESERVED_ON_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name from a headline: no character Windows, macOS or Linux refuses, none that breaks an
 * Obsidian link (# ^ [ ]), no leading dot (hidden) or trailing dot or space (Windows drops them).
 */
export function obsidianFileStem(headline: string): string {
  let stem = headline
    .normalize("NFC")
    .replace(/[/\\:*?"<>|#^[\]\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const encoder = new TextEncoder();
  if (encoder.encode(stem).length > MAX_NAME_BYTES) {
    let cut = "";
    for (const char of stem) {
      if (encoder.encode(cut + char).length > MAX_NAME_BYTES) break;
      cut += char;
    }
    stem = cut;
  }
  stem = stem.replace(/[.\s]+$/, "");
  if (!stem) return "Untitled insight";
  return RESERVED_ON_WINDOWS.test(stem) ? `${stem} insight` : stem;
}

/** "Name.md", then "Name 2.md": names that differ only in case collide on macOS and Windows. */
export function uniqueFileNames(stems: string[]): string[] {
  const taken = new Set<string>();
  return stems.map((stem) => {
    let name = `${stem}.md`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} ${n}.md`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * A YAML double-quoted scalar. JSON's string syntax is a subset of it; what JSON leaves bare but a
 * YAML stream may not hold (DEL, C1 controls, line and paragraph separators, BOM) is escaped too.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value.toWellFormed()).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** An Obsidian tag: letters, digits, - and _, and not digits alone. */
function obsidianTag(slug: string): string {
  const tag = slug.replace(/[^\p{L}\p{N}_-]+/gu, "-");
  return /^\d+$/.test(tag) ? `topic-${tag}` : tag;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const day = (date: Date) => date.toISOString().slice(0, 10);

export function renderObsidianNote(item: NoteItem, { appUrl }: { appUrl: string }): string {
  const at = quoteTime(item);
  const page = notePageUrl(item, appUrl);
  const play = notePlayUrl(item, appUrl);
  const properties = [
    `title: ${yamlString(oneLine(item.headline))}`,
    `show: ${yamlString(oneLine(item.podcast.title))}`,
    `episode: ${yamlString(oneLine(item.episode.title))}`,
    ...(item.speaker?.trim() ? [`speaker: ${yamlString(oneLine(item.speaker))}`] : []),
    // Bare dates, so Obsidian shows them as date properties.
    `published: ${day(item.publishedAt)}`,
    ...(at === null ? [] : [`timestamp: ${yamlString(formatTimestamp(at))}`]),
    `url: ${yamlString(page)}`,
    ...(at === null || play === null ? [] : [`play: ${yamlString(play)}`]),
    item.topics.length ? `tags:\n${item.topics.map((topic) => `  - ${yamlString(obsidianTag(topic.slug))}`).join("\n")}` : "tags: []",
    `saved: ${day(item.addedAt)}`,
    `podbrief_id: ${yamlString(item.id)}`,
  ];
  const said = `— ${asSaidLabel(at, item.speaker)}`;
  const quote = quoteToShow(item.body, item.quote)?.trim();
  const quoted = quote ? `${quote.split(/\r?\n/).map((line) => `> ${line}`.trimEnd()).join("\n")}\n>\n> ${said}` : said;
  const links = [`[Open in Podbrief](${page})`, ...(at === null || play === null ? [] : [`[Play from ${formatTimestamp(at)}](${play})`])];
  const parts = [`# ${oneLine(item.headline)}`, item.body.trim(), quoted, links.join(" · ")];
  if (item.note?.trim()) parts.push("## My note", item.note.trim());
  return `---\n${properties.join("\n")}\n---\n\n${parts.join("\n\n")}\n`;
}

/**
 * The zip: one note per item under OBSIDIAN_FOLDER, each dated when the reader kept it. Names are
 * given oldest first, so a later export keeps every earlier note's name and unpacks over it.
 */
export function renderObsidianZip(items: NoteItem[], { appUrl }: { appUrl: string }): Uint8Array {
  const oldestFirst = items.toSorted((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.id.localeCompare(b.id));
  const names = uniqueFileNames(oldestFirst.map((item) => obsidianFileStem(item.headline)));
  const encoder = new TextEncoder();
  const files: Zippable = {};
  oldestFirst.forEach((item, index) => {
    files[`${OBSIDIAN_FOLDER}/${names[index]}`] = [encoder.encode(renderObsidianNote(item, { appUrl })), { mtime: item.addedAt }];
  });
  return zipSync(files);
}
