/** Turning ts_headline's marked text into segments the page renders as <mark>, and the search input rules. */
import { describe, expect, it } from "vitest";
import { hasMatch, MATCH_END, MATCH_START, parseHighlight } from "@/lib/search/highlight";
import { searchInsightsInput } from "@/lib/search/search-insights";

const marked = (text: string) => text.replaceAll("[", MATCH_START).replaceAll("]", MATCH_END);

describe("parseHighlight", () => {
  it("splits text at the markers", () => {
    expect(parseHighlight(marked("New [regulation] grounds [drones]"))).toEqual([
      { text: "New ", match: false },
      { text: "regulation", match: true },
      { text: " grounds ", match: false },
      { text: "drones", match: true },
    ]);
  });

  it("keeps markup as text: the page renders it as text", () => {
    const segments = parseHighlight(marked("<b>[bold]</b> & <script>"));
    expect(segments.map((s) => s.text).join("")).toBe("<b>bold</b> & <script>");
    expect(segments.filter((s) => s.match)).toEqual([{ text: "bold", match: true }]);
  });

  it("drops unbalanced markers instead of leaking them", () => {
    const segments = parseHighlight(marked("a]b[c[d"));
    expect(segments.map((s) => s.text).join("")).toBe("abcd");
    for (const segment of segments) expect(segment.text).not.toMatch(new RegExp(`[${MATCH_START}${MATCH_END}]`));
  });

  it("knows text with no match, including empty marks", () => {
    expect(hasMatch(parseHighlight("nothing here"))).toBe(false);
    expect(hasMatch(parseHighlight(marked("empty [] mark")))).toBe(false);
    expect(hasMatch(parseHighlight(marked("a [b]")))).toBe(true);
    expect(parseHighlight("")).toEqual([]);
  });
});

describe("search input", () => {
  const parse = (input: Record<string, unknown>) => searchInsightsInput.safeParse(input);

  it("trims the query and folds control characters and highlight markers to spaces", () => {
    expect(parse({ q: `  chip\u0000exports${MATCH_START}  ` }).data?.q).toBe("chip exports");
  });

  it("refuses an empty or too long query with a message for the reader", () => {
    expect(parse({ q: " \t " }).error?.issues[0]?.message).toBe("Type a word or two to search for.");
    expect(parse({ q: "a".repeat(201) }).error?.issues[0]?.message).toMatch(/200 characters or fewer/);
    expect(parse({ q: "a".repeat(200) }).success).toBe(true);
  });

  it("reads empty filter fields as no filter, and pages from the start", () => {
    expect(parse({ q: "x", topic: "", podcastId: "  " }).data).toEqual({ q: "x", topic: undefined, podcastId: undefined, offset: 0, take: 20 });
  });
});
