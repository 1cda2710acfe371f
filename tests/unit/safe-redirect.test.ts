/**
 * Where a reader goes after signing in. Every form below looks like a path on this site to a string
 * test, yet a browser given it as a Location goes to another host (or runs script); each must end at
 * the default instead.
 */
import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeCallbackUrl } from "@/lib/safe-redirect";

const app = "http://localhost:3000";

describe("the page after sign-in", () => {
  it.each([
    ["/\\evil.example/x", "backslash"],
    ["/%5Cevil.example/x".replace("%5C", "\\"), "decoded %5C"],
    ["/\t/evil.example/x", "tab"],
    ["/\n/evil.example", "newline"],
    ["//evil.example/x", "scheme-relative"],
    ["\\\\evil.example", "two backslashes"],
    ["https://evil.example/feed", "another origin"],
    ["http://localhost:3001/feed", "another port"],
    ["javascript:alert(1)", "javascript:"],
    [" javascript:alert(1)", "javascript: after a space"],
    ["data:text/html,hi", "data:"],
    ["", "empty"],
  ])("sends %j (%s) to the default", (value) => {
    expect(safeCallbackPath(value, app)).toBe("/feed");
  });

  it("keeps a path on this site with its query and hash", () => {
    expect(safeCallbackPath("/saved?topic=ai#top", app)).toBe("/saved?topic=ai#top");
    expect(safeCallbackPath("/podcasts", app)).toBe("/podcasts");
    expect(safeCallbackPath(`${app}/brief?date=2026-12-01`, app)).toBe("/brief?date=2026-12-01");
  });

  it("never returns a path a browser reads as another host", () => {
    // `/.//evil` resolves to the path `//evil` on our own origin; as a relative Location that is another host.
    for (const value of ["/.//evil.example/x", "/x/..//evil.example", "/%2e//evil.example"]) {
      const path = safeCallbackPath(value, app);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, app).origin).toBe(app);
    }
  });

  it("gives Auth.js an absolute URL on the same origin, or the default", () => {
    expect(safeCallbackUrl("/saved", app, "/")).toBe(`${app}/saved`);
    expect(safeCallbackUrl("/\\evil.example", app, "/")).toBe(`${app}/`);
    expect(safeCallbackUrl("https://evil.example", app, "/")).toBe(`${app}/`);
    expect(safeCallbackUrl(undefined, app, "/")).toBe(`${app}/`);
  });
});
