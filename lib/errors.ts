/**
 * Two kinds of error. A SafeError's message is written for the reader and may be shown as is;
 * anything else is logged with its context and the reader sees a generic message.
 */
export class SafeError extends Error {
  constructor(message: string, readonly code = "bad_request") {
    super(message);
    this.name = "SafeError";
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

/** The message a reader may see for any error, logging the ones that are not theirs to read. */
export function publicMessage(error: unknown, context: string): string {
  if (error instanceof SafeError) return error.message;
  console.error(`[${context}]`, error);
  return GENERIC_ERROR_MESSAGE;
}
