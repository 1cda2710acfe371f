import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { publicMessage } from "@/lib/errors";
import { clientIp, consumeMagicLinkQuota } from "@/lib/magic-link-quota";

export const GET = handlers.GET;

/** Direct POSTs to the email endpoint count against the same quota as the sign-in form. */
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith("/signin/nodemailer")) {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    try {
      await consumeMagicLinkQuota({ email, ip: clientIp(request.headers) });
    } catch (error) {
      return Response.json({ error: { code: "rate_limited", message: publicMessage(error, "magic-link") } }, { status: 429 });
    }
  }
  return handlers.POST(request);
}
