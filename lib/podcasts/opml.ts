/**
 * OPML, the file every podcast app imports and exports its subscriptions as. Reading is strict about
 * what could hurt (entity declarations, size) and tolerant about the rest (nesting, attribute case,
 * missing titles).
 */
import { XMLParser } from "fast-xml-parser";
import { SafeError } from "@/lib/errors";
import { OPML_MAX_BYTES, OPML_TOO_LARGE_MESSAGE } from "@/lib/podcasts/opml-limits";

export { OPML_MAX_BYTES } from "@/lib/podcasts/opml-limits";
export const OPML_MAX_FEEDS = 1000;

export type OpmlFeed = { title: string | null; xmlUrl: string };

type Outline = Record<string, unknown> & { outline?: Outline | Outline[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // Entity declarations are refused below; the five XML entities are still decoded.
  processEntities: true,
  isArray: (name) => name === "outline",
});

function attribute(outline: Outline, name: string): string | null {
  // Real exports spell it xmlUrl, xmlurl or XMLURL.
  const key = Object.keys(outline).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key ? outline[key] : undefined;
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function collect(outlines: Outline[] | undefined, into: OpmlFeed[]): void {
  for (const outline of outlines ?? []) {
    const xmlUrl = attribute(outline, "xmlUrl");
    if (xmlUrl) into.push({ title: attribute(outline, "text") ?? attribute(outline, "title"), xmlUrl });
    const children = outline.outline;
    collect(Array.isArray(children) ? children : children ? [children] : [], into);
  }
}

export function parseOpml(body: Buffer | string): OpmlFeed[] {
  if (body.length > OPML_MAX_BYTES) throw new SafeError(OPML_TOO_LARGE_MESSAGE);
  const text = (typeof body === "string" ? body : body.toString("utf8")).replace(/^\uFEFF/, "").trim();
  if (!text) throw new SafeError("That file is empty.");
  if (/<!ENTITY/i.test(text)) throw new SafeError("That file declares its own XML entities, which Podbrief does not read.");
  let document: { opml?: { body?: { outline?: Outline[] } } };
  try {
    document = parser.parse(text, true) as typeof document;
  } catch (error) {
    throw new SafeError(`That file is not valid OPML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!document.opml) throw new SafeError("That file is not OPML (it has no <opml> element).");
  const feeds: OpmlFeed[] = [];
  collect(document.opml.body?.outline, feeds);
  if (feeds.length > OPML_MAX_FEEDS) throw new SafeError(`That file lists ${feeds.length} feeds; Podbrief imports up to ${OPML_MAX_FEEDS} at a time.`);
  return feeds;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function buildOpml(title: string, podcasts: { title: string; feedUrl: string; siteUrl: string | null }[], now = new Date()): string {
  const outlines = podcasts
    .map(
      (podcast) =>
        `    <outline type="rss" text="${escapeXml(podcast.title)}" title="${escapeXml(podcast.title)}" xmlUrl="${escapeXml(podcast.feedUrl)}"${podcast.siteUrl ? ` htmlUrl="${escapeXml(podcast.siteUrl)}"` : ""}/>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(title)}</title>
    <dateCreated>${now.toUTCString()}</dateCreated>
  </head>
  <body>
${outlines}
  </body>
</opml>
`;
}
