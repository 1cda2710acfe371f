import { describe, expect, it } from "vitest";
import { leadSentences } from "@/lib/cards/lead-sentences";

describe("leadSentences", () => {
  it("keeps the first two sentences of a longer body", () => {
    expect(leadSentences("Batteries set the price. They charge at noon. Gas plants close early.")).toBe("Batteries set the price. They charge at noon.");
  });

  it("keeps one sentence when two would make a long paragraph", () => {
    const first = `A first sentence that runs on ${"and on ".repeat(40)}to its end.`;
    expect(leadSentences(`${first} A second one. A third.`)).toBe(first);
  });

  it("does not end a sentence at an abbreviation or a decimal point", () => {
    expect(leadSentences("Dr. Ruiz measured a 3.5 percent drop. It held all year. Then it rose.")).toBe("Dr. Ruiz measured a 3.5 percent drop. It held all year.");
  });

  it("gives a one-sentence body whole, and nothing for an empty one", () => {
    expect(leadSentences("Only this.")).toBe("Only this.");
    expect(leadSentences("  ")).toBe("");
  });
});
