/**
 * The MCP server over Streamable HTTP, for assistants that reach Podbrief over the network. A
 * personal access token (Settings) names the reader: a read token may use the reading tools, a write
 * token all of them. Stateless: each POST carries one JSON-RPC exchange and is answered as JSON, so
 * any web server of several can answer it and nothing is held between requests.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { connection } from "next/server";
import { problemResponse } from "@/lib/api/problem";
import { withAccessToken } from "@/lib/api/token-request";
import { createPodbriefMcpServer } from "@/lib/mcp/podbrief-mcp";

export async function POST(request: Request): Promise<Response> {
  await connection();
  // A 401 carries WWW-Authenticate: Bearer, which is what tells an MCP client to send a token.
  return withAccessToken(request, "read", "POST /api/mcp", async (identity) => {
    const server = createPodbriefMcpServer({ userId: identity.userId, canWrite: identity.scope === "write" });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    return transport.handleRequest(request);
  });
}

/** No server-sent stream to resume and no session to end: a stateless server answers POSTs only. */
function methodNotAllowed(): Response {
  return problemResponse(405, "This MCP endpoint is stateless: send each JSON-RPC message as a POST.", { headers: { Allow: "POST" } });
}

export const GET = methodNotAllowed;
export const DELETE = methodNotAllowed;
