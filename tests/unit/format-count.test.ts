import { describe, expect, it } from "vitest";
import { formatCount } from "@/lib/format";

describe("formatCount", () => {
  it("puts the noun in the singular for one and the plural otherwise", () => {
    expect(formatCount(1, "episode")).toBe("1 episode");
    expect(formatCount(0, "episode")).toBe("0 episodes");
    expect(formatCount(2, "insight")).toBe("2 insights");
  });

  it("takes an irregular plural and groups thousands", () => {
    expect(formatCount(1, "new podcast")).toBe("1 new podcast");
    expect(formatCount(1204, "person", "people")).toBe("1,204 people");
  });
});
