/**
 * Every server action, called directly as a forged request would call it: without a session it
 * refuses in words (an ActionResult, never a throw and never a write), and with input that does not
 * parse it answers field errors before its body runs. And defineAction itself: what it masks, what
 * it shows, and the redirects it lets through to Next.js.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action-result";
import type { CurrentUser } from "@/lib/session";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const auth = vi.hoisted(() => ({ signIn: vi.fn(async () => undefined), signOut: vi.fn(async () => undefined) }));
const revokeSessions = vi.hoisted(() => vi.fn(async () => undefined));

vi.mock("@/lib/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/session")>()),
  getCurrentUser: async () => session.user,
  revokeSessions,
}));
vi.mock("@/lib/auth", () => auth);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.ADMIN_EMAILS = "ops@example.com";
const { defineAction, NOT_FOUND_MESSAGE, SIGN_IN_AGAIN_MESSAGE } = await import("@/lib/actions/define-action");
const { SafeError, GENERIC_ERROR_MESSAGE } = await import("@/lib/errors");
const { setLogDestination, withLogContext } = await import("@/lib/log");
const { z } = await import("zod");
const actions = {
  ...(await import("@/lib/actions/access-token-actions")),
  ...(await import("@/lib/actions/admin-actions")),
  ...(await import("@/lib/actions/alert-actions")),
  ...(await import("@/lib/actions/auth-actions")),
  ...(await import("@/lib/actions/brief-actions")),
  ...(await import("@/lib/actions/insight-actions")),
  ...(await import("@/lib/actions/onboarding-actions")),
  ...(await import("@/lib/actions/podcast-actions")),
  ...(await import("@/lib/actions/settings-actions")),
  ...(await import("@/lib/actions/topic-actions")),
  ...(await import("@/lib/actions/topic-feed-actions")),
};
type ActionName = keyof typeof actions;
type AnyAction = (input: unknown) => Promise<ActionResult>;

const reader: CurrentUser = { id: "reader-1", email: "ada@example.com", name: "Ada" };
const admin: CurrentUser = { id: "admin-1", email: "ops@example.com", name: "Ops" };

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

/** What each action is called with: input that names nothing real, and input that does not parse. */
const calls: Record<ActionName, { session: "required" | "admin" | "optional" | "none"; plausible?: unknown; bad?: unknown }> = {
  createAccessTokenAction: { session: "required", plausible: form({ name: "Notes sync", scope: "read" }), bad: form({ name: "Notes sync", scope: "admin" }) },
  revokeAccessTokenAction: { session: "required", plausible: form({ tokenId: "t-1" }), bad: form({ tokenId: "x".repeat(65) }) },
  retryJobAction: { session: "admin", plausible: form({ name: "poll-podcast", id: "0b0c6d3e-9f5a-4c1e-8a7b-2d3e4f5a6b7c" }), bad: form({ name: "poll-podcast", id: "7" }) },
  createInvitationAction: { session: "admin", plausible: form({ note: "for Grace" }), bad: form({ note: "x".repeat(121) }) },
  revokeInvitationAction: { session: "admin", plausible: form({ invitationId: "inv-1" }), bad: form({}) },
  requestMagicLink: { session: "optional", bad: form({ email: "not an address" }) },
  signInWithOAuth: { session: "none", bad: form({ provider: "myspace" }) },
  signOutAction: { session: "optional" },
  signOutEverywhereAction: { session: "optional" },
  briefFeedbackAction: { session: "none", bad: form({ token: "t", direction: "sideways", target: "insight" }) },
  unsubscribeAction: { session: "none", bad: form({ token: "x".repeat(600) }) },
  recordBriefOpenAction: { session: "optional", bad: { briefId: "" } },
  recordBriefClickAction: { session: "none", bad: "x".repeat(600) },
  sendBriefNowAction: { session: "required", plausible: form({}), bad: "now" },
  stopSavedReturnAction: { session: "required", plausible: form({ insightId: "i-1" }), bad: form({ insightId: "" }) },
  stopSavedReturnFromMailAction: { session: "none", bad: form({ token: "x".repeat(600) }) },
  setSavedAction: { session: "required", plausible: { insightId: "i-1", saved: true }, bad: { insightId: "", saved: true } },
  setHiddenAction: { session: "required", plausible: { insightId: "i-1", hidden: true }, bad: { insightId: "i-1", hidden: "yes" } },
  feedbackAction: { session: "required", plausible: { insightId: "i-1", direction: "more" }, bad: { insightId: "i-1", direction: "sideways" } },
  recordOpenedAction: { session: "required", plausible: { insightId: "i-1" }, bad: { insightId: "x".repeat(65) } },
  completeOnboardingAction: { session: "required", plausible: form({ topic: "t-1", briefHour: "7", timeZone: "UTC" }), bad: form({ topic: "t-1", briefHour: "25", timeZone: "Mars/Olympus" }) },
  skipOnboardingAction: { session: "required", plausible: form({ timeZone: "UTC" }), bad: "skip" },
  addPodcastAction: { session: "required", plausible: form({ url: "https://example.com/feed.xml" }), bad: form({ url: "ftp://example.com/feed" }) },
  followPodcastAction: { session: "required", plausible: form({ podcastId: "p-1" }), bad: form({ podcastId: "" }) },
  unfollowPodcastAction: { session: "required", plausible: form({ podcastId: "p-1" }), bad: form({}) },
  updateBriefSettingsAction: { session: "required", plausible: form({ briefHour: "7", timeZone: "UTC" }), bad: form({ briefHour: "7", timeZone: "UTC", briefPausedUntil: "next week" }) },
  followTopicAction: { session: "required", plausible: form({ topicId: "t-1" }), bad: form({ topicId: "x".repeat(65) }) },
  unfollowTopicAction: { session: "required", plausible: form({ topicId: "t-1" }), bad: form({}) },
  createTopicAction: { session: "required", plausible: form({ phrase: "heat pumps" }), bad: form({ phrase: "heat\u0000pumps" }) },
  createAlertAction: { session: "required", plausible: form({ phrase: "Nvidia H20", delivery: "brief" }), bad: form({ phrase: "x".repeat(100_000) }) },
  deleteAlertAction: { session: "required", plausible: form({ alertId: "a-1" }), bad: form({ alertId: "" }) },
  changeTopicFeedLinksAction: { session: "required", plausible: form({ topicId: "t-1", intent: "regenerate" }), bad: form({ topicId: "t-1", intent: "publish" }) },
};

beforeEach(() => {
  session.user = null;
  vi.clearAllMocks();
});

describe("every server action", () => {
  it("is listed here, so a new one is checked too", () => {
    const folder = path.join(import.meta.dirname, "../../lib/actions");
    const files = fs.readdirSync(folder).filter((file) => fs.readFileSync(path.join(folder, file), "utf8").startsWith('"use server"'));
    expect(files.sort()).toEqual(["access-token-actions.ts", "admin-actions.ts", "alert-actions.ts", "auth-actions.ts", "brief-actions.ts", "insight-actions.ts", "onboarding-actions.ts", "podcast-actions.ts", "settings-actions.ts", "topic-actions.ts", "topic-feed-actions.ts"]);
    expect(Object.keys(actions).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [name, call] of Object.entries(calls).filter(([, call]) => call.session === "required")) {
    it(`${name} refuses a caller without a session in words, writing nothing`, async () => {
      const result = await (actions[name as ActionName] as AnyAction)(call.plausible);
      expect(result).toEqual({ ok: false, code: "unauthorized", error: SIGN_IN_AGAIN_MESSAGE });
    });
  }

  for (const [name, call] of Object.entries(calls).filter(([, call]) => call.session === "admin")) {
    it(`${name} is "not found" to a visitor and to a reader who is not an admin, whatever the input`, async () => {
      for (const user of [null, reader]) {
        session.user = user;
        for (const input of [call.plausible, call.bad]) {
          expect(await (actions[name as ActionName] as AnyAction)(input)).toEqual({ ok: false, code: "not_found", error: NOT_FOUND_MESSAGE });
        }
      }
    });
  }

  for (const [name, call] of Object.entries(calls).filter(([, call]) => call.bad !== undefined)) {
    it(`${name} answers input that does not parse with field errors, before its body runs`, async () => {
      session.user = call.session === "admin" ? admin : reader;
      const result = await (actions[name as ActionName] as AnyAction)(call.bad);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe("bad_request");
      expect(result.error).not.toBe(GENERIC_ERROR_MESSAGE);
      expect(Object.keys(result.fieldErrors ?? {}).length).toBeGreaterThan(0);
      expect(auth.signIn).not.toHaveBeenCalled();
    });
  }

  it("answers a form through useActionState's (previous result, form) call as well", async () => {
    session.user = reader;
    const result = await actions.addPodcastAction({ ok: true }, form({ url: "ftp://example.com/feed" }));
    expect(result).toMatchObject({ ok: false, error: "Enter a web address that starts with http:// or https://.", fieldErrors: { url: expect.any(Array) }, values: { url: "ftp://example.com/feed" } });
  });

  it("keeps each form's words for input it cannot read", async () => {
    session.user = reader;
    const settings = await actions.updateBriefSettingsAction(form({ briefHour: "7", timeZone: "Mars/Olympus" }));
    expect(settings).toMatchObject({ ok: false, error: "Choose an hour and a time zone for your brief, and a valid date for a pause." });
    const topic = await actions.createTopicAction(form({ phrase: "x".repeat(81) }));
    expect(topic).toMatchObject({ ok: false, error: "Keep the topic under 80 characters.", values: { phrase: "x".repeat(81) } });
    const alert = await actions.createAlertAction(form({ phrase: "x".repeat(81) }));
    expect(alert).toMatchObject({ ok: false, error: "Keep the phrase under 80 characters.", values: { phrase: "x".repeat(81) } });
    const email = await actions.requestMagicLink(form({ email: ["a@example.com", "b@example.com"] }));
    expect(email).toMatchObject({ ok: false, error: "Send one email address once." });
    const onboarding = await actions.completeOnboardingAction(form({ briefHour: "7", timeZone: "UTC" }));
    expect(onboarding).toMatchObject({ ok: false, error: "Pick at least one topic, describe your own, or skip for now." });
  });

  it("signs out a caller whose session has already gone, revoking nothing", async () => {
    expect(await actions.signOutAction(form({}))).toMatchObject({ ok: true });
    expect(auth.signOut).toHaveBeenCalledWith({ redirectTo: "/" });
    expect(revokeSessions).not.toHaveBeenCalled();
  });
});

describe("defineAction", () => {
  const logged: Record<string, unknown>[] = [];
  const previous = setLogDestination({ write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  afterAll(() => void setLogDestination(previous));
  beforeEach(() => void logged.splice(0));

  const failing = (error: unknown) =>
    defineAction({
      name: "test-failing",
      session: "none",
      input: z.object({}),
      run: async () => {
        throw error;
      },
    });

  it("shows a SafeError's words and code, and logs nothing", async () => {
    expect(await failing(new SafeError("That topic no longer exists.", "not_found"))({})).toEqual({ ok: false, error: "That topic no longer exists.", code: "not_found" });
    expect(logged).toEqual([]);
  });

  it("masks any other error and logs it once, with the request id to find it by", async () => {
    const result = await withLogContext({ requestId: "request-7" }, () => failing(new Error("connection refused at 10.0.0.5:5432"))({}));
    expect(result).toEqual({ ok: false, error: GENERIC_ERROR_MESSAGE, code: "internal" });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, requestId: "request-7", module: "action", action: "test-failing", err: { message: "connection refused at 10.0.0.5:5432" } });
  });

  it("lets a redirect through to Next.js, after revalidating", async () => {
    const { revalidatePath } = await import("next/cache");
    const done = defineAction({ name: "test-redirect", session: "none", input: z.object({}), run: async () => "slug", revalidate: ["/topics"], redirectTo: (slug) => `/topics/${slug}` });
    await expect(done({})).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(revalidatePath).toHaveBeenCalledWith("/topics");
    expect(logged).toEqual([]);
  });

  it("answers with data and a message when it is done", async () => {
    const done = defineAction({ name: "test-done", session: "optional", input: z.object({ n: z.coerce.number() }), run: async ({ input, user }) => ({ twice: input.n * 2, user: user?.id }), message: (data) => `Twice is ${data.twice}.` });
    session.user = reader;
    expect(await done(form({ n: "21" }))).toEqual({ ok: true, data: { twice: 42, user: "reader-1" }, message: "Twice is 42." });
  });
});
