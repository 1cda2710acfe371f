import { availableParallelism } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected the settings to be rejected");
}

describe("settings", () => {
  it("default to the embedded mode with nothing configured", () => {
    const env = parseEnv({}, "/srv/podbrief");
    expect(env.embeddedDatabase).toBe(true);
    expect(env.databaseUrl).toBe("postgresql://postgres@127.0.0.1:54329/postgres");
    expect(env.mailTransport).toBe("outbox");
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.dataDir).toBe(path.join("/srv/podbrief", ".data"));
    expect(env.AI_PROVIDER).toBeUndefined();
  });

  it("switch to the real services when they are configured", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://podbrief:secret@db.internal:5432/podbrief",
      SMTP_URL: "smtp://user:pass@mail.example.com:587",
      APP_URL: "https://podbrief.example.com/",
      PORT: "8080",
    });
    expect(env.embeddedDatabase).toBe(false);
    expect(env.databaseUrl).toBe("postgresql://podbrief:secret@db.internal:5432/podbrief");
    expect(env.mailTransport).toBe("smtp");
    expect(env.appUrl).toBe("https://podbrief.example.com");
    expect(env.PORT).toBe(8080);
  });

  it("treat empty values as unset, as .env files write them", () => {
    const env = parseEnv({ DATABASE_URL: "", SMTP_URL: "  ", PORT: "" });
    expect(env.embeddedDatabase).toBe(true);
    expect(env.mailTransport).toBe("outbox");
    expect(env.PORT).toBe(3000);
  });

  it("name each malformed setting", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://localhost/db", PORT: "eighty", SMTP_URL: "mail.example.com" });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith("DATABASE_URL "))).toMatch(/postgres/);
    expect(problems.find((p) => p.startsWith("PORT "))).toBeDefined();
    expect(problems.find((p) => p.startsWith("SMTP_URL "))).toMatch(/smtp:\/\//);
  });

  it("choose briefs on one thread per core unless BRIEF_THREADS says how many", () => {
    expect(parseEnv({}).BRIEF_THREADS).toBe(availableParallelism());
    expect(parseEnv({ BRIEF_THREADS: "1" }).BRIEF_THREADS).toBe(1);
    expect(problemsOf({ BRIEF_THREADS: "0" })).toEqual(["BRIEF_THREADS must be a whole number above 0"]);
    expect(problemsOf({ BRIEF_THREADS: "two" })).toHaveLength(1);
  });

  it("name the missing half of a pair", () => {
    expect(problemsOf({ AUTH_GITHUB_ID: "abc" })).toEqual(["AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set"]);
    expect(problemsOf({ AUTH_GOOGLE_SECRET: "xyz" })).toEqual(["AUTH_GOOGLE_ID is required when AUTH_GOOGLE_SECRET is set"]);
    expect(problemsOf({ AI_PROVIDER: "openai-compatible", AI_MODEL: "llama3.1" })).toEqual(["AI_BASE_URL is required when AI_PROVIDER is openai-compatible"]);
    expect(problemsOf({ AI_PROVIDER: "openai-compatible", AI_BASE_URL: "http://localhost:11434/v1" })).toEqual([
      "AI_MODEL is required when AI_PROVIDER is openai-compatible (the model your server serves, e.g. llama3.1)",
    ]);
    expect(problemsOf({ AI_TRANSCRIPTION_MODEL: "whisper-1" })).toEqual(["AI_TRANSCRIPTION_MODEL needs AI_PROVIDER openai or openai-compatible"]);
    expect(problemsOf({ AI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "k", AI_EMBEDDING_MODEL: "x" })).toEqual([
      "AI_EMBEDDING_MODEL needs AI_PROVIDER openai or openai-compatible (unset, the offline model is used)",
    ]);
  });

  it("reject a short AUTH_SECRET and an unknown provider", () => {
    expect(problemsOf({ AUTH_SECRET: "short" })[0]).toMatch(/^AUTH_SECRET must be at least 32 characters/);
    expect(problemsOf({ AI_PROVIDER: "skynet" })[0]).toMatch(/^AI_PROVIDER /);
  });

  it("say which settings are wrong in a message safe to print", () => {
    const error = (() => {
      try {
        parseEnv({ PORT: "0" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error!.message).toContain("PORT must be a port number");
    expect(error!.message).toContain(".env.example");
  });

  it("read the sign-up policy and the admins, lower-cased, and name what is missing", () => {
    expect(parseEnv({})).toMatchObject({ SIGNUPS: "open", SIGNUP_DOMAINS: [], ADMIN_EMAILS: [] });
    const env = parseEnv({ SIGNUPS: "Domains", SIGNUP_DOMAINS: " Example.org, staff.example.net ", ADMIN_EMAILS: "Ops@Example.com,ada@example.org" });
    expect(env).toMatchObject({ SIGNUPS: "domains", SIGNUP_DOMAINS: ["example.org", "staff.example.net"], ADMIN_EMAILS: ["ops@example.com", "ada@example.org"] });
    expect(problemsOf({ SIGNUPS: "domains" })).toEqual(["SIGNUP_DOMAINS is required when SIGNUPS is domains (e.g. example.com,example.org)"]);
    expect(problemsOf({ SIGNUPS: "invite-only" })).toEqual(["SIGNUPS must be open, closed or domains"]);
    expect(problemsOf({ SIGNUPS: "domains", SIGNUP_DOMAINS: "example.org,@example.com" })).toEqual(["SIGNUP_DOMAINS.1 must list domains, e.g. example.com,example.org"]);
    expect(problemsOf({ ADMIN_EMAILS: "ops" })).toEqual(["ADMIN_EMAILS.0 must list email addresses, e.g. ops@example.com"]);
  });

  it("take a generic OIDC provider as three settings together, named by OIDC_NAME", () => {
    const env = parseEnv({ OIDC_ISSUER: "https://auth.example.com/application/o/podbrief/", OIDC_CLIENT_ID: "podbrief", OIDC_CLIENT_SECRET: "s3cret", OIDC_NAME: "Authentik" });
    expect(env).toMatchObject({ OIDC_ISSUER: "https://auth.example.com/application/o/podbrief/", OIDC_NAME: "Authentik" });
    expect(parseEnv({}).OIDC_NAME).toBe("Single sign-on");
    expect(problemsOf({ OIDC_ISSUER: "https://auth.example.com" })).toEqual([
      "OIDC_CLIENT_ID is required when OIDC_ISSUER is set",
      "OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set",
    ]);
    expect(problemsOf({ OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toEqual(["OIDC_ISSUER is required when OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set"]);
    expect(problemsOf({ OIDC_ISSUER: "auth.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toEqual(["OIDC_ISSUER must be an http:// or https:// URL"]);
  });

  it("take a monthly model budget in dollars, only with the prices that count spend", () => {
    expect(parseEnv({ MODEL_BUDGET_USD_MONTHLY: "20", AI_PRICE_INPUT_PER_MTOK: "0.4", AI_PRICE_OUTPUT_PER_MTOK: "1.6" }).MODEL_BUDGET_USD_MONTHLY).toBe(20);
    expect(parseEnv({}).MODEL_BUDGET_USD_MONTHLY).toBeUndefined();
    expect(problemsOf({ MODEL_BUDGET_USD_MONTHLY: "20" })).toEqual(["MODEL_BUDGET_USD_MONTHLY needs AI_PRICE_INPUT_PER_MTOK and AI_PRICE_OUTPUT_PER_MTOK, to count what the model costs"]);
    expect(problemsOf({ MODEL_BUDGET_USD_MONTHLY: "twenty", AI_PRICE_INPUT_PER_MTOK: "0.4", AI_PRICE_OUTPUT_PER_MTOK: "1.6" })).toEqual(["MODEL_BUDGET_USD_MONTHLY must be a number of US dollars, e.g. 0.40"]);
  });
});
