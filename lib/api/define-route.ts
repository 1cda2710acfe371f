/**
 * The one way to write a REST API route: its method and path, the scope a token needs, zod schemas
 * for path, query, body and response, and the handler, all in one definition. The same definition
 * validates requests, checks and strips what the handler answers, and is the route's entry in the
 * OpenAPI document (lib/api/openapi.ts), so the document cannot drift from the code. A route file
 * under app/api/v1 only binds a definition's `handle` to its method.
 *
 * A request goes: token (verifyAccessToken) → per-token rate limit → path, query, body parsed →
 * handler → response parsed by its schema. Every refusal is application/problem+json (problem.ts).
 */
import "server-only";
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import type { AccessTokenScope } from "@/lib/api/access-tokens";
import { inputProblem, PROBLEM_CONTENT_TYPE, problemSchema } from "@/lib/api/problem";
import { withAccessToken } from "@/lib/api/token-request";

export type HttpMethod = "get" | "put" | "post" | "delete";

/** Zod objects whose every field is a string at the wire: path and query parameters. */
type ParamsSchema = z.ZodObject;

type RouteContext<Params extends ParamsSchema | undefined, Query extends ParamsSchema | undefined, Body extends z.ZodType | undefined> = {
  /** The reader the token acts for. */
  userId: string;
  params: Params extends ParamsSchema ? z.output<Params> : Record<string, never>;
  query: Query extends ParamsSchema ? z.output<Query> : Record<string, never>;
  body: Body extends z.ZodType ? z.output<Body> : undefined;
};

/** What a route answers: a JSON body its schema describes, or no content. */
type Reply<Response extends z.ZodType | undefined> = Response extends z.ZodType ? z.input<Response> : void;

export type RouteDefinition<
  Params extends ParamsSchema | undefined = ParamsSchema | undefined,
  Query extends ParamsSchema | undefined = ParamsSchema | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, parameters in braces: `/topics/{slug}`. */
  path: `/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** What the token must be allowed to do. */
  scope: AccessTokenScope;
  params?: Params;
  query?: Query;
  body?: Body;
  /** The success answer: 200 with `schema`, or 204 with nothing. */
  success: Response extends z.ZodType ? { status: 200 | 201; description: string; schema: Response } : { status: 204; description: string; schema?: undefined };
  /** Refusals the handler itself may answer, beyond those every route may (400, 401, 403, 429). */
  errors?: { status: 404 | 409; description: string }[];
  run: (context: RouteContext<Params, Query, Body>) => Promise<Reply<Response>>;
};

export const API_PREFIX = "/api/v1";

/** Next.js's second argument to a route handler. */
type HandlerContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type ApiRoute = {
  definition: RouteDefinition;
  /** The route handler to export as the method's name from the route file. */
  handle: (request: Request, context: HandlerContext) => Promise<Response>;
  /** The route's operation in the OpenAPI document. */
  operation: ZodOpenApiOperationObject;
};

export function defineRoute<
  Params extends ParamsSchema | undefined = undefined,
  Query extends ParamsSchema | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<Params, Query, Body, Response>): ApiRoute {
  const route = definition as unknown as RouteDefinition;
  return { definition: route, handle: (request, context) => handleRequest(route, request, context), operation: operationFor(route) };
}

async function handleRequest(route: RouteDefinition, request: Request, context: HandlerContext): Promise<Response> {
  return withAccessToken(request, route.scope, `${route.method.toUpperCase()} ${route.path}`, async (identity) => {
    const params = parseOrThrow("path", route.params, await context.params);
    const query = parseOrThrow("query", route.query, searchParamsObject(new URL(request.url).searchParams));
    const body = route.body ? parseOrThrow("body", route.body, await readJsonBody(request)) : undefined;
    const result = await route.run({ userId: identity.userId, params, query, body } as never);
    if (route.success.status === 204) return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
    // Parsed on the way out too: only what the document describes leaves, and a mismatch is our bug (a 500), not the client's.
    const output = route.success.schema!.parse(result);
    return Response.json(output, { status: route.success.status, headers: { "Cache-Control": "private, no-store" } });
  });
}

function parseOrThrow(where: "path" | "query" | "body", schema: z.ZodType | undefined, value: unknown): Record<string, unknown> {
  if (!schema) return {};
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw inputProblem(where, parsed.error);
  return parsed.data as Record<string, unknown>;
}

/** A query string as an object; a parameter given twice keeps its list, which a single-valued schema refuses. */
function searchParamsObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** Caps a body: every body this API takes is a few fields. */
const MAX_BODY_BYTES = 16 * 1024;

async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) throw inputProblem("body", new z.ZodError([{ code: "custom", path: [], message: "Send the body as JSON, with Content-Type: application/json.", input: type }]));
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw inputProblem("body", new z.ZodError([{ code: "custom", path: [], message: `Keep the body under ${MAX_BODY_BYTES} bytes.`, input: text.length }]));
  try {
    return JSON.parse(text);
  } catch {
    throw inputProblem("body", new z.ZodError([{ code: "custom", path: [], message: "The body is not valid JSON.", input: text.slice(0, 100) }]));
  }
}

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } };

const COMMON_ERRORS: Record<number, string> = {
  400: "The path, query or body does not parse; `errors` names each field.",
  401: "No token, or one that is malformed, unknown or revoked.",
  403: "The token's scope does not allow this (a read token on a write route).",
  429: "Too many requests for this token: wait for `Retry-After` seconds.",
};

const rateLimitHeaders = z.object({
  "RateLimit-Limit": z.string().meta({ description: "Requests this token may make a minute." }),
  "RateLimit-Remaining": z.string().meta({ description: "Requests left in this minute." }),
});

function operationFor(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {
    [String(route.success.status) as `2${string}`]: {
      description: route.success.description,
      headers: rateLimitHeaders,
      ...(route.success.schema ? { content: { "application/json": { schema: route.success.schema } } } : {}),
    },
  };
  for (const [status, description] of Object.entries(COMMON_ERRORS)) {
    responses[status as `4${string}`] = {
      description,
      content: problemContent,
      ...(status === "429" ? { headers: z.object({ "Retry-After": z.string().meta({ description: "Seconds until the token may call again." }) }) } : {}),
    };
  }
  for (const error of route.errors ?? []) responses[String(error.status) as `4${string}`] = { description: error.description, content: problemContent };
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: [{ accessToken: [route.scope] }],
    ...(route.params || route.query ? { requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) } } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses,
  };
}
