/**
 * Admins are the readers whose address is in ADMIN_EMAILS: no role is stored, so changing the list
 * and restarting is the whole of granting or taking it away. To anyone else the admin page and its
 * actions do not exist (a 404), signed in or not.
 */
import "server-only";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { type CurrentUser, getCurrentUser } from "@/lib/session";

export function isAdmin(user: Pick<CurrentUser, "email"> | null, admins: readonly string[] = getEnv().ADMIN_EMAILS): boolean {
  return Boolean(user?.email && admins.includes(user.email.toLowerCase()));
}

/** The signed-in admin; anyone else gets the not-found page. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || !isAdmin(user)) notFound();
  return user;
}
