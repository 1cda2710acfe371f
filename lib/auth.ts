/**
 * Sign-in: an email magic link always, GitHub, Google and a generic OpenID Connect provider when
 * their keys are set; who may create an account is the sign-up policy's call (lib/sign-ups). Sessions are
 * signed JWT cookies (web servers stay stateless); users, accounts and one-time email tokens live
 * in Postgres through the Prisma adapter.
 */
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type DefaultSession } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import { getAuthSecret } from "@/lib/auth-secret";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { authLogger } from "@/lib/auth-logger";
import { EMAIL_UNVERIFIED_ERROR, OIDC_PROVIDER_ID, oidcProvider } from "@/lib/auth-providers";
import { sendMagicLink } from "@/lib/mail/magic-link-mail";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { currentSessionVersion, revokeSessions, SESSION_VERSION_CLAIM, sessionIsCurrent } from "@/lib/session";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";
import { normalizeSignInEmail } from "@/lib/sign-in-email";
import { signInCallbackVerdict } from "@/lib/sign-ups/sign-up-policy";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

export const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    adapter: PrismaAdapter(db),
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    // Auth.js's token format, with the key derived once per secret (lib/session-token.ts).
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      Nodemailer({
        // Unused: sendMagicLink chooses SMTP or the local outbox through the one mail path.
        server: env.SMTP_URL ?? "smtp://localhost:25",
        from: env.MAIL_FROM,
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        // The rate limits count the address this returns (lib/sign-in-email.ts).
        normalizeIdentifier: normalizeSignInEmail,
        sendVerificationRequest: ({ identifier, url, expires }) => sendMagicLink(identifier, url, expires),
      }),
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
        : []),
      ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
        ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
        : []),
      ...[oidcProvider(env)].filter((provider) => provider !== null),
    ],
    logger: authLogger,
    callbacks: {
      // Every provider ends here: new accounts only as the sign-up policy allows (lib/sign-ups), and
      // an OIDC address only when the IdP says it verified it (admins are named by address).
      async signIn({ user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && profile?.email_verified === false) return `/sign-in?error=${EMAIL_UNVERIFIED_ERROR}`;
        return signInCallbackVerdict(user);
      },
      async jwt({ token, user }) {
        // At sign-in the cookie is sealed with the reader's session version; afterwards (Auth.js's
        // own session endpoint) a cookie from before the last sign-out is dropped, as lib/session.ts does.
        if (user?.id) return { ...token, sub: user.id, [SESSION_VERSION_CLAIM]: await currentSessionVersion(user.id) };
        const version = token[SESSION_VERSION_CLAIM];
        if (!token.sub || !(await sessionIsCurrent({ id: token.sub, sessionVersion: typeof version === "number" ? version : 0 }))) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
      // Only somewhere on this site, parsed as a browser would (lib/safe-redirect.ts).
      redirect({ url, baseUrl }) {
        return safeCallbackUrl(url, baseUrl, "/");
      },
    },
    events: {
      // Any sign-out, through our action or a direct POST to /api/auth/signout, ends every session
      // issued under this version: a copy of the cookie made before stops working too.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sub) return;
        const version = token[SESSION_VERSION_CLAIM];
        await revokeSessions(token.sub, typeof version === "number" ? version : 0);
      },
    },
  };
});
