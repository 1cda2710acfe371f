/**
 * Who may create an account (SIGNUPS): anyone, nobody without an invitation, or addresses at some
 * domains (SIGNUP_DOMAINS). Checked where a sign-in starts (the form, a direct POST to Auth.js's email
 * endpoint) and again where it ends (Auth.js's signIn callback, which every provider passes), so
 * neither a forged request nor an OAuth or OIDC account gets round it. A reader who already has an
 * account always signs in, whatever the policy says now.
 */
import "server-only";
import { db } from "@/lib/db";
import { type Env, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { acceptInvitation, hasAcceptedInvitation } from "@/lib/sign-ups/invitations";

/** `admins` (ADMIN_EMAILS) may always make their account: otherwise nobody could open a closed Podbrief's admin page. */
export type SignUpPolicy = { mode: "open" | "closed" | "domains"; domains: readonly string[]; admins?: readonly string[] };

export function signUpPolicyFromEnv(env: Pick<Env, "SIGNUPS" | "SIGNUP_DOMAINS" | "ADMIN_EMAILS"> = getEnv()): SignUpPolicy {
  return { mode: env.SIGNUPS, domains: env.SIGNUP_DOMAINS, admins: env.ADMIN_EMAILS };
}

/** The domain of an address, lower case: what follows its last @. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** True when the policy alone lets this address create an account. */
export function policyAdmits(policy: SignUpPolicy, email: string): boolean {
  if (policy.mode === "open" || policy.admins?.includes(email.toLowerCase())) return true;
  if (policy.mode === "closed") return false;
  return policy.domains.includes(emailDomain(email));
}

/** What a new address the policy does not admit is told. */
export function refusalMessage(policy: SignUpPolicy): string {
  if (policy.mode === "domains") {
    const domains = policy.domains.map((domain) => `@${domain}`);
    const listed = domains.length === 1 ? domains[0] : `${domains.slice(0, -1).join(", ")} or ${domains.at(-1)}`;
    return `New accounts here are for ${listed} addresses only. To join with another address, ask whoever runs this Podbrief for an invitation link.`;
  }
  return "Sign-ups are closed: this Podbrief is by invitation only. Ask whoever runs it for an invitation link.";
}

/** The reader with this id or address, if they have an account already. */
async function hasAccount({ id, email }: { id?: string; email?: string | null }): Promise<boolean> {
  const or = [...(id ? [{ id }] : []), ...(email ? [{ email }] : [])];
  if (or.length === 0) return false;
  return (await db.user.count({ where: { OR: or } })) > 0;
}

/**
 * Lets the address sign in or throws a SafeError ("forbidden") that says why not. With an invitation
 * token, a new address the policy refuses takes the invitation (lib/sign-ups/invitations.ts).
 */
export async function admitSignIn(email: string, { invitation, policy = signUpPolicyFromEnv() }: { invitation?: string; policy?: SignUpPolicy } = {}): Promise<void> {
  if (policyAdmits(policy, email) || (await hasAccount({ email }))) return;
  if (invitation) return acceptInvitation(invitation, email);
  if (await hasAcceptedInvitation(email)) return;
  throw new SafeError(refusalMessage(policy), "forbidden");
}

/**
 * Auth.js's signIn callback: true, or where to send a visitor the policy refuses. `user` is the
 * account when the sign-in is one the reader used before, else who the provider says they are.
 */
export async function signInCallbackVerdict(user: { id?: string; email?: string | null }, policy = signUpPolicyFromEnv()): Promise<true | string> {
  const email = user.email?.toLowerCase();
  if (email && policyAdmits(policy, email)) return true;
  if (await hasAccount(user)) return true;
  if (email && (await hasAcceptedInvitation(email))) return true;
  return `/sign-in?error=${SIGN_UPS_CLOSED_ERROR}`;
}

/** The error code the sign-in page turns into refusalMessage. */
export const SIGN_UPS_CLOSED_ERROR = "SignUpsClosed";
