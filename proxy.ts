import { type NextRequest, NextResponse } from "next/server";
import { crossOriginActionRefusal, isServerActionRequest } from "@/lib/net/action-origin";

/**
 * Two jobs, each on the requests that need it (see `config`):
 * - A server action posted from another site is refused here with a 403 page in words. Next.js
 *   refuses it too, but as a bare 500, as if our code had failed.
 * - An optimistic check only: a visitor with no session cookie at all is sent to sign in, and brought
 *   back to the exact page (path and query) afterwards. Every page and server action still checks the
 *   session itself, so a forged or stale cookie gets nothing here.
 */
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];
// The sections the first matcher below names; kept in step with it.
const signedInSections = /^\/(feed|topics|saved|podcasts|brief|settings|search|onboarding)(\/|$)/;

export function proxy(request: NextRequest) {
  if (isServerActionRequest(request.method, request.headers)) {
    const refusal = crossOriginActionRefusal(request.headers);
    if (refusal) return refusal;
  }
  if (!signedInSections.test(request.nextUrl.pathname)) return NextResponse.next();
  // Large sessions are split into numbered chunks (authjs.session-token.0, .1, …).
  const hasSession = request.cookies
    .getAll()
    .some(({ name }) => sessionCookies.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

// Only requests with no session cookie run the session check: for a signed-in reader (nearly every
// request to these pages) it has nothing to do, and running it cost about a millisecond of CPU per
// page view (npm run bench:feed). The names are Auth.js's, over http and https, whole or in chunks.
// Server actions (a Next-Action header, or a multipart form posted without JavaScript) also run it,
// for the origin check; they are a small share of requests.
export const config = {
  matcher: [
    {
      source: "/:section(feed|topics|saved|podcasts|brief|settings|search|onboarding)/:path*",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "authjs.session-token.0" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token.0" },
      ],
    },
    { source: "/((?!_next/|api/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!_next/|api/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
