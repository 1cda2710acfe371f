/**
 * A tiny OpenID Connect provider on loopback, as Authentik or Keycloak would answer Auth.js: a
 * discovery document, an authorization step the test plays (`authorize`, in place of the login page),
 * a token endpoint that checks the code and the PKCE verifier and returns an RS256-signed ID token,
 * the JWKS, and userinfo. Answers at once.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export type OidcClaims = { sub: string; email?: string; email_verified?: boolean; name?: string };

export type OidcServer = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * What the IdP's login page does once the person signs in: takes the authorization request Auth.js
   * redirected to, and answers the redirect back to Auth.js's callback with a one-time code.
   */
  authorize: (authorizationUrl: string, claims: OidcClaims) => string;
  /** Token requests refused, with why (a wrong verifier, an unknown code…). */
  refusals: string[];
  close: () => Promise<void>;
};

export async function startOidcServer(): Promise<OidcServer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const clientId = "podbrief-test";
  const clientSecret = randomBytes(16).toString("hex");
  const codes = new Map<string, { claims: OidcClaims; challenge: string | null; nonce: string | null; redirectUri: string }>();
  const refusals: string[] = [];
  const sockets = new Set<net.Socket>();
  let issuer = "";

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const url = new URL(request.url ?? "/", issuer);
      const json = (status: number, body: unknown) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      if (url.pathname === "/.well-known/openid-configuration") {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
      if (url.pathname === "/token" && request.method === "POST") {
        const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        const basic = request.headers.authorization?.replace(/^Basic /, "");
        const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent) : [form.get("client_id"), form.get("client_secret")];
        const grant = codes.get(form.get("code") ?? "");
        const refuse = (why: string) => {
          refusals.push(why);
          return json(400, { error: "invalid_grant", error_description: why });
        };
        if (id !== clientId || secret !== clientSecret) return refuse("client authentication failed");
        if (!grant) return refuse("unknown or used code");
        codes.delete(form.get("code")!);
        if (form.get("redirect_uri") !== grant.redirectUri) return refuse("redirect_uri differs");
        const verifier = form.get("code_verifier") ?? "";
        if (grant.challenge !== null && createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) return refuse("PKCE verifier does not match");
        const idToken = await new SignJWT({ ...grant.claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
          .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
          .setIssuer(issuer)
          .setAudience(clientId)
          .setSubject(grant.claims.sub)
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(privateKey);
        return json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken, scope: "openid email profile" });
      }
      json(404, { error: "not_found" });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    refusals,
    authorize: (authorizationUrl, claims) => {
      const params = new URL(authorizationUrl).searchParams;
      if (params.get("client_id") !== clientId || params.get("response_type") !== "code") throw new Error(`not an authorization request for this client: ${authorizationUrl}`);
      const code = randomBytes(16).toString("hex");
      const redirectUri = params.get("redirect_uri")!;
      codes.set(code, { claims, challenge: params.get("code_challenge"), nonce: params.get("nonce"), redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      if (params.get("state")) back.searchParams.set("state", params.get("state")!);
      back.searchParams.set("iss", issuer);
      return back.toString();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
