import { openApiDocument } from "@/lib/api/openapi";

/** The API's OpenAPI 3.1 document: public, like any API reference. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
