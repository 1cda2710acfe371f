import { describe, expect, it } from "vitest";
import { newestItems } from "@/lib/ingest/feed/newest-items";

const at = (day: number | null) => (day === null ? null : new Date(Date.UTC(2026, 0, day)));

describe("newestItems", () => {
  it("keeps the newest by date, in the feed's order; undated items count as the oldest, ties keep feed order", () => {
    const items = [
      { name: "a", day: 3 },
      { name: "b", day: null },
      { name: "c", day: 9 },
      { name: "d", day: 5 },
      { name: "e", day: 5 },
      { name: "f", day: 1 },
    ];
    expect(newestItems(items, (item) => at(item.day), 3).map((item) => item.name)).toEqual(["c", "d", "e"]);
    expect(newestItems(items, (item) => at(item.day), 2).map((item) => item.name)).toEqual(["c", "d"]);
    expect(newestItems(items, (item) => at(item.day), 6)).toBe(items);
    expect(newestItems(items, (item) => at(item.day), 5).map((item) => item.name)).toEqual(["a", "c", "d", "e", "f"]);
  });
});
