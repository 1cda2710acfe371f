/** The sign-in buttons and the OIDC provider Auth.js is given, as the settings describe them. */
import { describe, expect, it } from "vitest";
import { oauthProviders, oidcProvider } from "@/lib/auth-providers";
import { parseEnv } from "@/lib/env";

const oidcSettings = { OIDC_ISSUER: "https://keycloak.example.com/realms/staff", OIDC_CLIENT_ID: "podbrief", OIDC_CLIENT_SECRET: "s3cret" };

describe("sign-in providers", () => {
  it("are none besides email with nothing configured", () => {
    const env = parseEnv({});
    expect(oauthProviders(env)).toEqual([]);
    expect(oidcProvider(env)).toBeNull();
  });

  it("list GitHub, Google and the OIDC provider under its own name, in that order", () => {
    const env = parseEnv({ AUTH_GITHUB_ID: "g", AUTH_GITHUB_SECRET: "gs", AUTH_GOOGLE_ID: "o", AUTH_GOOGLE_SECRET: "os", ...oidcSettings, OIDC_NAME: "Keycloak" });
    expect(oauthProviders(env)).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "oidc", name: "Keycloak" },
    ]);
    expect(oauthProviders(parseEnv(oidcSettings))).toEqual([{ id: "oidc", name: "Single sign-on" }]);
  });

  it("give Auth.js an OIDC provider found through the issuer, asking for the address, lower-cased", () => {
    const provider = oidcProvider(parseEnv({ ...oidcSettings, OIDC_NAME: "Keycloak" }))!;
    expect(provider).toMatchObject({ id: "oidc", type: "oidc", name: "Keycloak", issuer: oidcSettings.OIDC_ISSUER, clientId: "podbrief", clientSecret: "s3cret" });
    expect(provider.authorization).toEqual({ params: { scope: "openid email profile" } });
    const profile = provider.profile!({ sub: "u-1", email: "Ada@Example.com", email_verified: true, preferred_username: "ada" }, {});
    expect(profile).toEqual({ id: "u-1", name: "ada", email: "ada@example.com", image: null });
  });
});
