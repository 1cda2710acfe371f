/** Server actions posted from another site are refused with a 403 in words, by Next.js's own rule. */
import { describe, expect, it } from "vitest";
import { crossOriginActionRefusal, isServerActionRequest } from "@/lib/net/action-origin";

const refusedWith = (headers: Record<string, string>) => crossOriginActionRefusal(new Headers(headers));

describe("server actions from another site", () => {
  it("knows a server action: a POST with Next-Action, or a multipart form", () => {
    expect(isServerActionRequest("POST", new Headers({ "next-action": "abc" }))).toBe(true);
    expect(isServerActionRequest("POST", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isServerActionRequest("GET", new Headers({ "next-action": "abc" }))).toBe(false);
    // Route handlers' bodies (one-click unsubscribe, Auth.js) are not actions.
    expect(isServerActionRequest("POST", new Headers({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
  });

  it("refuses an Origin that is not the host, an opaque one, and one that is no URL, with a 403 page in words", async () => {
    for (const origin of ["https://evil.example", "http://localhost:3001", "null", "not a url"]) {
      const response = refusedWith({ host: "localhost:3000", origin });
      expect(response?.status, origin).toBe(403);
      expect(response!.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response!.text()).toContain("This form was sent from another website");
    }
  });

  it("lets through its own origin (X-Forwarded-Host first, as Next.js reads it) and requests with no Origin", () => {
    expect(refusedWith({ host: "localhost:3000", origin: "http://localhost:3000" })).toBeNull();
    expect(refusedWith({ host: "podbrief.example", origin: "https://podbrief.example" })).toBeNull();
    expect(refusedWith({ host: "127.0.0.1:3000", "x-forwarded-host": "podbrief.example, proxy.internal", origin: "https://podbrief.example" })).toBeNull();
    expect(refusedWith({ host: "podbrief.example", "x-forwarded-host": "other.example", origin: "https://podbrief.example" })?.status).toBe(403);
    expect(refusedWith({ host: "localhost:3000" })).toBeNull();
  });
});
