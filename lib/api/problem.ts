/**
 * Every REST API error as `application/problem+json` (RFC 9457): a status, a short title for the
 * kind, a detail in words a developer can act on, and for input that does not parse, each field's
 * problem. A SafeError's words are shown; anything else is logged and answered with a generic 500.
 */
import "server-only";
import { z } from "zod";
import { GENERIC_ERROR_MESSAGE, SafeError } from "@/lib/errors";
import { statusForCode } from "@/lib/http/json-error";
import { moduleLog } from "@/lib/log";

const log = moduleLog("api");

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem; `about:blank` when the status says it all." }),
    title: z.string().meta({ description: "The kind of problem, the same for every occurrence." }),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong this time, in words." }),
    errors: z
      .array(z.object({ in: z.enum(["path", "query", "body"]), path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "For input that does not parse: each field and its problem." }),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;
export type FieldProblem = NonNullable<Problem["errors"]>[number];

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function problemResponse(status: number, detail: string, { errors, headers }: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}): Response {
  const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail, ...(errors ? { errors } : {}) };
  const extra: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="podbrief"' } : {};
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...extra, ...headers },
  });
}

/** Input that does not parse, with each issue's field. */
export class InputProblem extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super("The request's input does not parse.");
    this.name = "InputProblem";
  }
}

export function inputProblem(where: FieldProblem["in"], error: z.ZodError): InputProblem {
  return new InputProblem(error.issues.map((issue) => ({ in: where, path: issue.path.map(String).join(".") || "(root)", message: issue.message })));
}

/** The answer for anything a handler threw. `route` names it in the log line of an unexpected error. */
export function problemFromError(error: unknown, route: string): Response {
  if (error instanceof InputProblem) {
    const first = error.errors[0];
    return problemResponse(400, first ? `${first.in} ${first.path}: ${first.message}` : error.message, { errors: error.errors });
  }
  if (error instanceof SafeError) return problemResponse(statusForCode(error.code), error.message);
  log.error({ err: error, route }, "api route failed");
  return problemResponse(500, GENERIC_ERROR_MESSAGE);
}
