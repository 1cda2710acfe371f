/**
 * The MCP server over Streamable HTTP, for assistants that reach Podbrief over the network. A
 * personal access token (Settings) names the reader: a read token may use the reading tools, a write
 * token all of them. Stateless: each POST carries one JSON-RPC exchange and is answered as JSON, so
 * any web server of several can answer it and nothing is held between requests.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { connection } from "next/server";
import { bearerToken, verifyAccessToken } from "@/lib/api/access-tokens";
import { problemFromError, problemResponse } from "@/lib/api/problem";
import { consumeTokenRateLimit } from "@/lib/api/token-rate-limit";
import { createPodbriefMcpServer } from "@/lib/mcp/podbrief-mcp";

export async function POST(request: Request): Promise<Response> {
  await connection();
  let rateHeaders: Record<string, string> = {};
  try {
    const identity = await verifyAccessToken(bearerToken(request.headers.get("authorization")), "read");
    const limit = await consumeTokenRateLimit(identity.tokenId);
    rateHeaders = limit.headers;
    if (!limit.allowed) {
      return problemResponse(429, `This token may make ${limit.limit} requests a minute: try again in ${limit.retryAfterSeconds} seconds.`, {
        headers: { ...rateHeaders, "Retry-After": String(limit.retryAfterSeconds) },
      });
    }
    const server = createPodbriefMcpServer({ userId: identity.userId, canWrite: identity.scope === "write" });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
    return response;
  } catch (error) {
    // A 401 carries WWW-Authenticate: Bearer, which is what tells an MCP client to send a token.
    const response = problemFromError(error, "POST /api/mcp");
    for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
    return response;
  }
}

/** No server-sent stream to resume and no session to end: a stateless server answers POSTs only. */
function methodNotAllowed(): Response {
  return problemResponse(405, "This MCP endpoint is stateless: send each JSON-RPC message as a POST.", { headers: { Allow: "POST" } });
}

export const GET = methodNotAllowed;
export const DELETE = methodNotAllowed;
