import type { z } from "zod";

/**
 * Two kinds of error. A SafeError's message is written for the reader and may be shown as is;
 * anything else is logged with its context and the reader sees a generic message.
 */
export class SafeError extends Error {
  /** Trying the same work again later may succeed (a busy or slow service); false when it cannot. */
  readonly retryable: boolean;

  constructor(message: string, readonly code: SafeErrorCode = "bad_request", options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SafeError";
    this.retryable = options.retryable ?? false;
  }
}

/**
 * What kind of refusal a SafeError is. The named kinds have an HTTP status (see lib/http/json-error.ts);
 * a module may use its own code (a brief link's "link_expired") for a page that words each case its own way.
 */
export type SafeErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "too_large" | "rate_limited" | (string & {});

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

/** The message a reader may see for any error, logging the ones that are not theirs to read. */
export function publicMessage(error: unknown, context: string): string {
  if (error instanceof SafeError) return error.message;
  console.error(`[${context}]`, error);
  return GENERIC_ERROR_MESSAGE;
}

/**
 * Reads input a reader sent, refusing it in words: the schema's own message where it has one, else
 * `fallback`. zod's default wording ("Too big: expected int to be <=9007199254740991") is for
 * developers and never reaches a reader.
 */
export function parseReaderInput<Schema extends z.ZodType>(schema: Schema, value: unknown, fallback: string): z.output<Schema> {
  const parsed = schema.safeParse(value, { error: () => fallback });
  // Several checks may fail at once: a message written for this field says more than the fallback.
  if (!parsed.success) throw new SafeError(parsed.error.issues.find((issue) => issue.message !== fallback)?.message ?? fallback, "bad_request");
  return parsed.data;
}
