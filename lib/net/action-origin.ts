/**
 * Server actions posted from another site. Next.js refuses them itself (Origin against
 * X-Forwarded-Host, then Host; `serverActions.allowedOrigins` left empty), but with a bare 500, so the
 * proxy makes the same comparison first and answers a 403 that says why. Keep it to Next's own rule
 * (node_modules/next/dist/server/app-render/action-handler.js): nothing it lets through may be
 * refused here, and nothing it refuses may get further.
 */

/** A POST Next.js may treat as a server action: one from its client (Next-Action), or a form posted without JavaScript. */
export function isServerActionRequest(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  return headers.has("next-action") || (headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

/** The host the request was sent to, as Next.js reads it for this check. */
function requestHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
}

/** The host of an Origin header, "null" for an opaque origin, or undefined when it is no URL at all. */
function originHost(origin: string): string | undefined {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const REFUSAL_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not accepted · Podbrief</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This form was sent from another website</h1>
<p>Podbrief only accepts its forms from its own pages, so nothing was changed. Open Podbrief itself and try again there.</p>
<p><a href="/">Go to Podbrief</a></p>
</body>
</html>
`;

/**
 * A 403 page for a server action whose Origin is not the host it was sent to, or null to let it
 * through. A request with no Origin passes, as in Next.js: browsers send one with every POST, so
 * only hand-written requests lack it, and those carry no reader's cookies they were not given.
 */
export function crossOriginActionRefusal(headers: Headers): Response | null {
  const origin = headers.get("origin");
  if (origin === null) return null;
  const host = requestHost(headers);
  if (host && originHost(origin) === host) return null;
  return new Response(REFUSAL_PAGE, {
    status: 403,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
