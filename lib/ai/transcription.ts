/**
 * Transcribing audio when a feed offers no transcript: only with a transcription model configured
 * (AI_TRANSCRIPTION_MODEL with an OpenAI or OpenAI-compatible provider). Without one, no audio is
 * ever downloaded.
 */
import "server-only";
import { APICallError, transcribe, type TranscriptionModel } from "ai";
import { transcriptionModel } from "@/lib/ai/models";
import { SafeError } from "@/lib/errors";
import type { TranscriptSegment } from "@/lib/ingest/types";
import { safeFetch } from "@/lib/net/safe-fetch";

/** OpenAI's upload limit; longer audio would need splitting, which we leave to a later day. */
export const AUDIO_MAX_BYTES = 25 * 1024 * 1024;

export type Transcription = { text: string; segments: TranscriptSegment[]; language: string | null; model: string };
export type Transcriber = (audioUrl: string) => Promise<Transcription>;

export function createTranscriber(model: TranscriptionModel): Transcriber {
  return async (audioUrl) => {
    const audio = await safeFetch(audioUrl, { maxBytes: AUDIO_MAX_BYTES, totalTimeoutMs: 120_000 });
    try {
      const result = await transcribe({ model, audio: audio.body, maxRetries: 2 });
      return {
        text: result.text,
        segments: result.segments.map((segment) => ({ start: segment.startSecond, end: segment.endSecond, speaker: null, text: segment.text.trim() })),
        language: result.language ?? null,
        model: typeof model === "string" ? model : model.modelId,
      };
    } catch (error) {
      if (APICallError.isInstance(error)) throw new SafeError(`the transcription service answered ${error.statusCode ?? "with an error"}: ${error.message}`);
      throw error;
    }
  };
}

/** The transcriber the settings ask for, or null when none is configured. */
export function configuredTranscriber(): Transcriber | null {
  const model = transcriptionModel();
  return model ? createTranscriber(model) : null;
}
