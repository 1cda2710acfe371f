import type { NextRequest } from "next/server";
import { SafeError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { OPML_MAX_BYTES, OPML_TOO_LARGE_MESSAGE as TOO_LARGE } from "@/lib/podcasts/opml-limits";
import { exportOpml, importOpml } from "@/lib/podcasts/podcast-library";
import { getCurrentUser } from "@/lib/session";
import { formatCount } from "@/lib/format";

/** The reader's podcasts as OPML, to take to any other podcast app. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return refuse("Sign in to export your podcasts.", "unauthorized");
  return new Response(await exportOpml(user.id), {
    headers: {
      "Content-Type": "text/x-opml; charset=utf-8",
      "Content-Disposition": 'attachment; filename="podbrief-podcasts.opml"',
      "Cache-Control": "private, no-store",
    },
  });
}

/** Room for the multipart framing around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

function refuse(message: string, code: "bad_request" | "unauthorized" | "forbidden" | "too_large"): Response {
  return jsonError(new SafeError(message, code), "opml");
}

/** The body, read no further than `limit` bytes: null when it is longer. */
async function readBody(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/** No Origin (not a browser) or our own host's; a page elsewhere cannot post a reader's cookies here. */
function fromOwnPage(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return URL.canParse(origin) && new URL(origin).host === host;
}

/**
 * Imports an OPML file (multipart field "opml"). A route handler rather than a server action, so that
 * a file over the limit is refused in words with a 413: a server action's body limit fires before any
 * of our code runs, and the reader got an error page.
 */
export async function POST(request: NextRequest) {
  // Cross-site form posts are refused as server actions refuse them: by the Origin a browser sends.
  if (!fromOwnPage(request)) return refuse("This form can only be sent from Podbrief's own pages.", "forbidden");
  const user = await getCurrentUser();
  if (!user) return refuse("Sign in to import your podcasts.", "unauthorized");

  const body = await readBody(request, OPML_MAX_BYTES + FORM_OVERHEAD_BYTES);
  if (!body) return refuse(TOO_LARGE, "too_large");
  let file: FormDataEntryValue | null;
  try {
    const form = await new Response(new Uint8Array(body), { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
    file = form.get("opml");
  } catch {
    return refuse("Choose an OPML file to import.", "bad_request");
  }
  if (!(file instanceof File) || file.size === 0) return refuse("Choose an OPML file to import.", "bad_request");
  if (file.size > OPML_MAX_BYTES) return refuse(TOO_LARGE, "too_large");

  try {
    const result = await importOpml(user.id, Buffer.from(await file.arrayBuffer()));
    const parts = [`Following ${formatCount(result.followed, "new podcast")}`];
    if (result.alreadyFollowing) parts.push(`${result.alreadyFollowing} you already followed`);
    if (result.invalid.length) parts.push(`${result.invalid.length} skipped (not a web address: ${result.invalid.slice(0, 3).join(", ")})`);
    return Response.json({ message: `${parts.join("; ")}. New shows appear as their feeds are read.`, ...result });
  } catch (error) {
    return jsonError(error, "import-opml");
  }
}
