import { SafeError } from "@/lib/errors";

/** A transcript that cannot be read; the message is written for the reader ("the transcript is empty"). */
export class TranscriptParseError extends SafeError {
  constructor(message: string) {
    super(message, "transcript_unreadable");
    this.name = "TranscriptParseError";
  }
}
