/**
 * YAML front matter at the top of a Markdown transcript (Bitcoin Transcripts and other static sites).
 * Only the speaker list is read, with a few line rules rather than a YAML parser: it is all we use.
 */

export type FrontMatter = { body: string; speakers: string[] };

// Front matter is short; a "---" that does not close near the top opens none.
const MAX_FRONT_MATTER_CHARS = 20_000;
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(source: string): FrontMatter {
  const match = FRONT_MATTER.exec(source.slice(0, MAX_FRONT_MATTER_CHARS));
  if (!match) return { body: source, speakers: [] };
  return { body: source.slice(match[0].length), speakers: readSpeakers((match[1] ?? "").split(/\r\n|\r|\n/)) };
}

function readSpeakers(header: string[]): string[] {
  const speakers: string[] = [];
  let inList = false;
  for (const line of header) {
    const key = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (key) {
      inList = key[1] === "speakers";
      const inline = inList ? (key[2] ?? "").trim() : "";
      // speakers: [A, B]  or  speakers: A
      if (inline) speakers.push(...inline.replace(/^\[|\]$/g, "").split(",").map(unquote));
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (inList && item) speakers.push(unquote(item[1] ?? ""));
  }
  return speakers.filter(Boolean);
}

function unquote(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, "$2").trim();
}
