import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { jsonError } from "@/lib/http/json-error";
import { consumeMagicLinkQuota } from "@/lib/magic-link-quota";
import { requestClientIp } from "@/lib/net/client-address";
import { readRequestUser } from "@/lib/session";
import { readSignInRequestEmail } from "@/lib/sign-in-email";
import { admitSignIn } from "@/lib/sign-ups/sign-up-policy";

export const GET = handlers.GET;

/** True for Auth.js's email sign-in action, matched as Auth.js parses the path (empty segments dropped). */
function isEmailSignIn(pathname: string): boolean {
  const segments = pathname.replace(/^\/api\/auth/, "").split("/").filter(Boolean);
  return segments.length === 2 && segments[0] === "signin" && segments[1] === "nodemailer";
}

/**
 * Direct POSTs to the email endpoint count against the same quota as the sign-in form, under the
 * address Auth.js will mail (read and normalized as Auth.js reads it); a body with a repeated field
 * or no usable address, or a new address the sign-up policy refuses, is refused before Auth.js sees it.
 */
export async function POST(request: NextRequest) {
  if (isEmailSignIn(request.nextUrl.pathname)) {
    try {
      const email = await readSignInRequestEmail(request);
      const reader = await readRequestUser(request.headers);
      await consumeMagicLinkQuota({ email, ip: requestClientIp(request.headers), sessionEmail: reader?.email });
      // No invitation comes this way: a new address the sign-up policy refuses is refused in words.
      await admitSignIn(email);
    } catch (error) {
      return jsonError(error, "magic-link");
    }
  }
  return handlers.POST(request);
}
