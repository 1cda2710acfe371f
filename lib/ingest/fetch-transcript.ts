/**
 * An episode's transcript: the best of the transcripts its feed offers, or its show notes, marked as
 * such, when it offers none that can be read. Chapters from `podcast:chapters` come along. Storing is
 * one transaction keyed by episode, so a retried job never makes a second transcript.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseChaptersJson } from "@/lib/ingest/chapters";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { rankTranscriptLinks } from "@/lib/ingest/transcript/pick-transcript";
import type { ParsedTranscript, TranscriptLink } from "@/lib/ingest/types";
import { fetchTranscriptJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";
import { safeFetch } from "@/lib/net/safe-fetch";
import { configuredTranscriber, type Transcriber } from "@/lib/ai/transcription";

/** Only the newest episodes of a show are read: a new show's back catalogue is listed, not processed. */
export const RECENT_EPISODES_PER_PODCAST = 10;
const TRANSCRIPT_MAX_BYTES = 10 * 1024 * 1024;

const transcriptLinks = z.array(
  z.object({ url: z.string(), type: z.string().nullable(), language: z.string().nullable(), rel: z.string().nullable() }),
);

export type TranscriptOutcome = "fetched" | "show_notes" | "missing" | "already_done";

type Found = { parsed: ParsedTranscript; link: TranscriptLink } | { parsed: null; errors: string[] };

/** Where transcript and chapter files come from: the web, or (demo content) files in the repo. */
export type Loader = (url: string, maxBytes: number) => Promise<{ body: Buffer; contentType: string | null; url: string }>;

const fromTheWeb: Loader = (url, maxBytes) => safeFetch(url, { maxBytes });

async function firstReadableTranscript(links: TranscriptLink[], load: Loader): Promise<Found> {
  const errors: string[] = [];
  for (const link of rankTranscriptLinks(links)) {
    try {
      const response = await load(link.url, TRANSCRIPT_MAX_BYTES);
      const parsed = parseTranscript(response.body, { contentType: link.type ?? response.contentType, url: response.url });
      if (parsed.segments.length) return { parsed, link };
      errors.push(`${link.url}: the transcript is empty`);
    } catch (error) {
      if (!(error instanceof SafeError)) throw error;
      errors.push(`${link.url}: ${error.message}`);
    }
  }
  return { parsed: null, errors };
}

async function fetchChapters(url: string, load: Loader) {
  try {
    const response = await load(url, 2 * 1024 * 1024);
    return parseChaptersJson(response.body);
  } catch (error) {
    // Chapters are a nicety: an unreadable chapters file must not cost the episode its transcript.
    if (error instanceof SafeError) return null;
    throw error;
  }
}

export type TranscriptSources = {
  load?: Loader;
  /** Speech-to-text for episodes with no readable transcript; null: never download audio. */
  transcriber?: Transcriber | null;
};

type TranscriptRow = Omit<Prisma.TranscriptUncheckedCreateInput, "episodeId">;

export async function fetchEpisodeTranscript(
  episodeId: string,
  { load = fromTheWeb, transcriber = configuredTranscriber() }: TranscriptSources = {},
): Promise<TranscriptOutcome> {
  const episode = await db.episode.findUnique({
    where: { id: episodeId },
    select: {
      id: true,
      audioUrl: true,
      showNotesHtml: true,
      chaptersUrl: true,
      transcriptLinks: true,
      transcript: { select: { id: true } },
      _count: { select: { chapters: true } },
    },
  });
  if (!episode || episode.transcript) return "already_done";

  const links = transcriptLinks.safeParse(episode.transcriptLinks);
  const found = await firstReadableTranscript(links.success ? links.data : [], load);
  const chapters = episode.chaptersUrl && episode._count.chapters === 0 ? await fetchChapters(episode.chaptersUrl, load) : null;
  const problems = found.parsed ? [] : [...found.errors];

  let transcript: TranscriptRow | null = found.parsed
    ? {
        sourceFormat: found.parsed.format,
        sourceUrl: found.link.url,
        language: found.link.language,
        text: found.parsed.text,
        segments: found.parsed.segments as Prisma.InputJsonValue,
      }
    : null;
  if (!transcript && transcriber && episode.audioUrl) {
    try {
      const heard = await transcriber(episode.audioUrl);
      transcript = { sourceFormat: "transcription", sourceUrl: episode.audioUrl, language: heard.language, text: heard.text, segments: heard.segments as Prisma.InputJsonValue };
    } catch (error) {
      if (!(error instanceof SafeError)) throw error;
      problems.push(`transcribing the audio: ${error.message}`);
    }
  }
  const showNotes = episode.showNotesHtml ? htmlToText(episode.showNotesHtml) : "";
  const fallback = !transcript && showNotes;
  if (fallback) {
    transcript = {
      sourceFormat: "show_notes",
      text: showNotes,
      segments: showNotes.split(/\n{2,}/).map((text) => ({ start: 0, end: 0, speaker: null, text })) as Prisma.InputJsonValue,
      isShowNotesFallback: true,
    };
  }
  const reason = !fallback && transcript
    ? null
    : `${problems.length ? `No transcript could be read (${problems.join("; ")}).` : "The feed offers no transcript for this episode."}${
        fallback ? " Using its show notes instead." : " It has no show notes either."
      }`;

  await db.$transaction(async (tx) => {
    if (transcript) await tx.transcript.createMany({ data: [{ episodeId, ...transcript }], skipDuplicates: true });
    if (chapters?.length) {
      await tx.chapter.deleteMany({ where: { episodeId } });
      await tx.chapter.createMany({ data: chapters.map((chapter) => ({ episodeId, ...chapter })) });
    }
    await tx.episode.update({ where: { id: episodeId }, data: { transcriptStatus: fallback || !transcript ? "missing" : "fetched", transcriptError: reason } });
  });
  return fallback ? "show_notes" : transcript ? "fetched" : "missing";
}

/** Queues transcript fetches for a show's newest episodes that have none yet; safe to repeat. */
export async function queueTranscriptFetches(podcastId: string): Promise<number> {
  const recent = await db.episode.findMany({
    where: { podcastId },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: RECENT_EPISODES_PER_PODCAST,
    select: { id: true, transcriptStatus: true },
  });
  const pending = recent.filter((episode) => episode.transcriptStatus === "pending");
  for (const episode of pending) await enqueue(fetchTranscriptJob, { episodeId: episode.id });
  return pending.length;
}
