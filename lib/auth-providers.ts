/**
 * The sign-in providers besides the email link, as the settings configure them: GitHub, Google and a
 * generic OpenID Connect provider (Authentik, Keycloak, Google Workspace…). Kept apart from lib/auth.ts,
 * which opens the database, so the sign-in buttons and the tests read the list without it.
 */
import type { OIDCConfig } from "next-auth/providers";
import { type Env, getEnv } from "@/lib/env";

/** The id of the generic OIDC provider: its callback is $APP_URL/api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc" as const;

/** The error code the sign-in page words for an identity provider that has not verified the address. */
export const EMAIL_UNVERIFIED_ERROR = "EmailUnverified";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string; picture?: string };

/**
 * The generic OpenID Connect provider the settings describe, or null. Auth.js finds its endpoints
 * through the issuer's discovery document and checks the ID token's signature, issuer, audience and
 * PKCE; the address comes from the `email` claim (ask the IdP for the `email` scope).
 */
export function oidcProvider(env: Pick<Env, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_NAME">): OIDCConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME,
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    profile: (profile) => ({
      id: profile.sub,
      name: profile.name ?? profile.preferred_username ?? null,
      email: profile.email?.toLowerCase() ?? null,
      image: profile.picture ?? null,
    }),
  };
}

export const OAUTH_PROVIDER_IDS = ["github", "google", OIDC_PROVIDER_ID] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

/** The OAuth and OIDC providers configured in this deployment, for the sign-in buttons. */
export function oauthProviders(env: Env = getEnv()): { id: OAuthProviderId; name: string }[] {
  const oidc = oidcProvider(env);
  return [
    ...(env.AUTH_GITHUB_ID ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(env.AUTH_GOOGLE_ID ? [{ id: "google" as const, name: "Google" }] : []),
    ...(oidc ? [{ id: OIDC_PROVIDER_ID, name: env.OIDC_NAME }] : []),
  ];
}
