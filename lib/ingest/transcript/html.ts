/**
 * HTML transcripts. The Podcasting 2.0 shape is a run of `<cite>Speaker:</cite><time>0:00</time><p>…</p>`;
 * any other page is read as untimed paragraphs.
 */
import { DomUtils, parseDocument } from "htmlparser2";
import type { ParsedTranscript } from "@/lib/ingest/types";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { type DraftSegment, finishTranscript } from "@/lib/ingest/transcript/segments";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";

const TRANSCRIPT_TAGS = new Set(["cite", "time", "p"]);
// Elements whose text is never speech: code and styles (a script inside a paragraph once became an
// insight's headline), and the page's head, whose title names the page.
const NOT_SPEECH = new Set(["script", "style", "noscript", "template", "head", "title", "svg"]);

type Element = ReturnType<typeof DomUtils.findAll>[number];

export function parseHtmlTranscript(source: string): ParsedTranscript {
  const document = parseDocument(source);
  for (const element of DomUtils.findAll((candidate) => NOT_SPEECH.has(candidate.name), document.children)) DomUtils.removeElement(element);
  const elements = DomUtils.findAll((element) => TRANSCRIPT_TAGS.has(element.name), document.children);
  const isPodcastingTranscript = elements.some((element) => element.name === "cite" || element.name === "time");
  if (isPodcastingTranscript) return readCitedParagraphs(elements);

  const paragraphs = elements.map(textOf);
  const texts = paragraphs.some(Boolean) ? paragraphs : htmlToText(DomUtils.getOuterHTML(document)).split("\n\n");
  return finishTranscript(
    "html",
    texts.map((text) => ({ start: 0, end: 0, speaker: null, text, breakBefore: true })),
    false,
  );
}

function readCitedParagraphs(elements: Element[]): ParsedTranscript {
  const segments: DraftSegment[] = [];
  let speaker: string | null = null;
  let time: number | null = null;
  let lastTime = 0;
  let timed = false;
  for (const element of elements) {
    const text = textOf(element);
    if (element.name === "cite") {
      speaker = text.replace(/:\s*$/, "") || null;
    } else if (element.name === "time") {
      time = parseTimestamp(text);
    } else {
      if (time !== null) {
        timed = true;
        lastTime = time;
      }
      // Each paragraph ends where the next begins; the last one's end is unknown, so it ends where it starts.
      segments.push({ start: lastTime, end: null, speaker, text, breakBefore: true });
      time = null;
    }
  }
  return finishTranscript("html", segments, timed);
}

function textOf(element: Element): string {
  return DomUtils.textContent(element).trim();
}
