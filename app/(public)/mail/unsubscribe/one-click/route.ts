import { type NextRequest, NextResponse } from "next/server";
import { unsubscribeFromBrief } from "@/lib/brief/brief-feedback";
import { verifyBriefLink } from "@/lib/brief/brief-links";
import { jsonError } from "@/lib/http/json-error";

/**
 * RFC 8058 one-click unsubscribe: the mail provider POSTs "List-Unsubscribe=One-Click" to the URL in
 * the List-Unsubscribe header, with no cookies and no redirects followed. A GET (a person, or a link
 * scanner) changes nothing and goes to the page that asks first.
 */
export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("t") ?? "";
  try {
    const claims = verifyBriefLink(token, "unsubscribe");
    await unsubscribeFromBrief(claims.userId);
    return NextResponse.json({ ok: true });
  } catch (error) {
    return jsonError(error, "one-click-unsubscribe");
  }
}

export function GET(request: NextRequest) {
  const page = new URL("/mail/unsubscribe", request.nextUrl.origin);
  page.searchParams.set("t", request.nextUrl.searchParams.get("t") ?? "");
  return NextResponse.redirect(page, 303);
}
