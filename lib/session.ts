import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";

export type CurrentUser = { id: string; email: string | null; name: string | null };

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { id: session.user.id, email: session.user.email ?? null, name: session.user.name ?? null };
}

/** The signed-in reader; anyone else is sent to sign in and brought back to `returnTo` afterwards. */
export async function requireUser(returnTo = "/feed"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
