import { type NextRequest, NextResponse } from "next/server";
import { recordBriefClick } from "@/lib/brief/brief-feedback";
import { verifyBriefLink } from "@/lib/brief/brief-links";

/**
 * An insight's link in a brief email: records the click (a feed event the ranking reads) and
 * forwards to the insight's page at its moment. A link that no longer verifies still lands somewhere
 * useful: the reader's briefs, after signing in.
 */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("t") ?? "";
  try {
    const claims = verifyBriefLink(token, "click");
    const target = await recordBriefClick(claims.userId, claims.briefId, claims.insightId);
    return NextResponse.redirect(new URL(target, request.nextUrl.origin), 303);
  } catch {
    return NextResponse.redirect(new URL("/brief", request.nextUrl.origin), 303);
  }
}
