/**
 * The API's OpenAPI document: served at /api/v1/openapi.json, valid OpenAPI 3.1 (swagger-parser),
 * and in step with the route files. A route file under app/api/v1 without a document entry, or an
 * entry without a route file, fails here; so does a route file that binds another route's handler.
 */
import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";

const { API_PREFIX } = await import("@/lib/api/define-route");
const { API_ROUTES } = await import("@/lib/api/v1/routes");
const openApiRoute = await import("@/app/api/v1/openapi.json/route");

const root = path.join(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;

/** Every route file under app/api/v1, with its OpenAPI path (`[slug]` → `{slug}`). */
function routeFiles(dir = root): { file: string; path: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(root, path.dirname(full)).split(path.sep).join("/");
    return [{ file: full, path: `/${relative}`.replace(/\[(\w+)\]/g, "{$1}") }];
  });
}

async function servedDocument(): Promise<OpenAPIV3_1.Document> {
  const response = openApiRoute.GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as OpenAPIV3_1.Document;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const document = await servedDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: expect.stringMatching(new RegExp(`${API_PREFIX}$`)) }]);
    // swagger-parser dereferences in place: it gets a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it("lists every route file's methods, and nothing without a route file", async () => {
    const document = await servedDocument();
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(10);
    const served = new Set<string>();
    for (const { file, path: apiPath } of files) {
      const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const methods = METHODS.filter((method) => typeof routeModule[method] === "function");
      expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const method of methods) {
        served.add(`${method} ${apiPath}`);
        expect(document.paths?.[apiPath]?.[method.toLowerCase() as "get"], `${method} ${apiPath} has no entry in the document`).toBeDefined();
        // The file serves the very definition the document was made from.
        const route = API_ROUTES.find((r) => r.definition.path === apiPath && r.definition.method === method.toLowerCase());
        if (apiPath !== "/openapi.json") expect(routeModule[method], `${method} ${apiPath} binds another route's handler`).toBe(route?.handle);
      }
    }
    const documented = Object.entries(document.paths ?? {}).flatMap(([apiPath, item]) =>
      METHODS.filter((method) => item?.[method.toLowerCase() as "get"]).map((method) => `${method} ${apiPath}`),
    );
    expect(documented.sort()).toEqual([...served].sort());
  });

  it("documents each route's token scope, path parameters and refusals as problem+json", async () => {
    const document = await servedDocument();
    for (const { definition } of API_ROUTES) {
      const operation = document.paths![definition.path]![definition.method]!;
      expect(operation.security).toEqual([{ accessToken: [definition.scope] }]);
      const pathParams = [...definition.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const documented = (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      expect(documented.filter((param) => param.in === "path").map((param) => param.name).sort()).toEqual(pathParams.sort());
      for (const status of ["400", "401", "403", "429"]) {
        const response = operation.responses![status] as OpenAPIV3_1.ResponseObject;
        expect(Object.keys(response.content ?? {}), `${definition.method} ${definition.path} ${status}`).toEqual(["application/problem+json"]);
      }
      expect((operation.responses!["429"] as OpenAPIV3_1.ResponseObject).headers).toHaveProperty("Retry-After");
    }
  });
});
