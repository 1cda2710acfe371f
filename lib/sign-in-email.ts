/**
 * The address a sign-in link goes to. One normalizer serves Auth.js (`normalizeIdentifier`) and the
 * rate limits, so the address counted is the address mailed; it does what Auth.js's default does (NFKC,
 * lower case, trimmed) and refuses what that one would cut or reject (quotes, a comma, a second @).
 * Direct POSTs are read as Auth.js reads them (@auth/core lib/utils/web.js getBody), except that a
 * repeated form field, of which Auth.js would take the last, is refused.
 */
import { z } from "zod";
import { SafeError } from "@/lib/errors";

const signInEmail = z.email("Enter a valid email address.").max(320, "That email address is too long.");

/** The address a link would be mailed to; throws a SafeError when it is not one. */
export function normalizeSignInEmail(value: unknown): string {
  if (typeof value !== "string") throw new SafeError("Enter a valid email address.");
  const parsed = signInEmail.safeParse(value.normalize("NFKC").toLowerCase().trim());
  if (!parsed.success) throw new SafeError(parsed.error.issues[0]?.message ?? "Enter a valid email address.");
  return parsed.data;
}

/** The one value of a form field; a field given twice is refused, as Auth.js would take the last. */
export function singleField(values: readonly unknown[], label: string): unknown {
  if (values.length > 1) throw new SafeError(`Send ${label} once.`);
  return values[0];
}

/**
 * The normalized address of a POST to Auth.js's email sign-in endpoint, read as Auth.js will read
 * it; throws a SafeError for a body Auth.js would not mail from, or one with a repeated field.
 */
export async function readSignInRequestEmail(request: Request): Promise<string> {
  const contentType = request.headers.get("content-type") ?? "";
  const text = await request.clone().text();
  if (contentType.includes("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SafeError("The request body is not valid JSON.");
    }
    // JSON.parse keeps the last of repeated keys, as Auth.js's request.json() does.
    return normalizeSignInEmail(body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).email : undefined);
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const fields = new URLSearchParams(text);
    for (const name of new Set(fields.keys())) singleField(fields.getAll(name), "each form field");
    return normalizeSignInEmail(fields.get("email"));
  }
  throw new SafeError("Send the sign-in form as application/x-www-form-urlencoded or JSON.");
}
