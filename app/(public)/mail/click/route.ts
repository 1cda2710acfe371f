import { type NextRequest, NextResponse } from "next/server";
import { briefClickTarget } from "@/lib/brief/brief-feedback";
import { BRIEF_CLICK_PARAM, verifyBriefLink } from "@/lib/brief/brief-links";

/**
 * An insight's link in a brief email: forwards to the insight's page at its moment, carrying the
 * link's token. Nothing is recorded here: mail scanners fetch every link in a mail, and a GET is all
 * they do. The page records the click once a browser has loaded it (RecordBriefClick). A link that
 * no longer verifies still lands somewhere useful: the reader's briefs, after signing in.
 */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("t") ?? "";
  try {
    const claims = verifyBriefLink(token, "click");
    const target = new URL(await briefClickTarget(claims.userId, claims.briefId, claims.insightId), request.nextUrl.origin);
    target.searchParams.set(BRIEF_CLICK_PARAM, token);
    return NextResponse.redirect(target, 303);
  } catch {
    return NextResponse.redirect(new URL("/brief", request.nextUrl.origin), 303);
  }
}
