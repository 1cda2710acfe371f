import { describe, expect, it } from "vitest";
import { jobIdForKey } from "@/lib/jobs/job-queue";

describe("job ids from idempotency keys", () => {
  it("are the same UUID for the same job and key, and differ otherwise", () => {
    const id = jobIdForKey("poll-feed", "podcast-1:2026-11-28T10");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdForKey("poll-feed", "podcast-1:2026-11-28T10")).toBe(id);
    expect(jobIdForKey("poll-feed", "podcast-1:2026-11-28T11")).not.toBe(id);
    expect(jobIdForKey("send-brief", "podcast-1:2026-11-28T10")).not.toBe(id);
  });
});
