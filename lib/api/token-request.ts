/**
 * What every request with a personal access token goes through, the REST API's routes and the MCP
 * endpoint alike: the token checked for `scope`, its per-minute limit counted (429 with Retry-After
 * past it), then the work, its answer carrying the limit's headers; a refusal or failure answered as
 * application/problem+json with them too.
 */
import "server-only";
import { type AccessTokenIdentity, type AccessTokenScope, bearerToken, verifyAccessToken } from "@/lib/api/access-tokens";
import { problemFromError, problemResponse } from "@/lib/api/problem";
import { consumeTokenRateLimit } from "@/lib/api/token-rate-limit";

export async function withAccessToken(
  request: Request,
  scope: AccessTokenScope,
  /** Names the request in the log when it fails ("GET /feed"). */
  label: string,
  work: (identity: AccessTokenIdentity) => Promise<Response>,
): Promise<Response> {
  let rateHeaders: Record<string, string> = {};
  let response: Response;
  try {
    const identity = await verifyAccessToken(bearerToken(request.headers.get("authorization")), scope);
    const limit = await consumeTokenRateLimit(identity.tokenId);
    rateHeaders = limit.headers;
    if (!limit.allowed) {
      return problemResponse(429, `This token may make ${limit.limit} requests a minute: try again in ${limit.retryAfterSeconds} seconds.`, {
        headers: { ...rateHeaders, "Retry-After": String(limit.retryAfterSeconds) },
      });
    }
    response = await work(identity);
  } catch (error) {
    response = problemFromError(error, label);
  }
  for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
  return response;
}
