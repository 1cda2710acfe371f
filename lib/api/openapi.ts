/**
 * The REST API's OpenAPI 3.1 document, made from the route definitions (lib/api/v1/routes.ts): the
 * zod schemas that validate each request and shape each answer are the document's schemas. Served
 * at /api/v1/openapi.json; built once per process.
 */
import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { API_PREFIX } from "@/lib/api/define-route";
import { API_ROUTES } from "@/lib/api/v1/routes";
import { getEnv } from "@/lib/env";

export const OPENAPI_PATH = "/openapi.json";

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= buildDocument();
  return cached;
}

function buildDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {
    [OPENAPI_PATH]: {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        tags: ["Meta"],
        security: [],
        responses: { "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } } },
      },
    },
  };
  for (const route of API_ROUTES) {
    const { path, method } = route.definition;
    if (paths[path]?.[method]) throw new Error(`Two API routes for ${method.toUpperCase()} ${path}`);
    paths[path] = { ...paths[path], [method]: route.operation };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Podbrief API",
      version: "1.0.0",
      description:
        "Read a reader's feed, topics, search, saved insights, briefs and clusters; save, follow and send feedback. " +
        "Authenticate with a personal access token made in Settings: `Authorization: Bearer pb_…`. " +
        "Errors are application/problem+json; lists page by cursor; each token is rate-limited per minute.",
    },
    servers: [{ url: `${getEnv().appUrl}${API_PREFIX}` }],
    security: [{ accessToken: [] }],
    components: {
      securitySchemes: {
        accessToken: { type: "http", scheme: "bearer", description: "A personal access token (`pb_…`), read or write scope, from Settings." },
      },
    },
    paths,
  });
}
