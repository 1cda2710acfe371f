import { describe, expect, it } from "vitest";
import { catalogue, suggestedShows } from "@/lib/podcasts/catalogue";

describe("suggestedShows", () => {
  it("leaves out a show the reader follows, by its feed address", () => {
    const practicalAi = catalogue.find((entry) => entry.title === "Practical AI")!;
    const titles = suggestedShows([{ feedUrl: practicalAi.feedUrl, title: "Practical AI Podcast" }]).map((entry) => entry.title);
    expect(titles).not.toContain("Practical AI");
    expect(titles).toHaveLength(catalogue.length - 1);
  });

  it("leaves out a show already here under another address, such as the demo's copy, by its title", () => {
    const titles = suggestedShows([
      { feedUrl: "file:///demo/practical-ai.xml", title: "Practical AI" },
      { feedUrl: "file:///demo/changelog.xml", title: "the  changelog" },
    ]).map((entry) => entry.title);
    expect(titles).not.toContain("Practical AI");
    expect(titles).not.toContain("The Changelog");
    expect(titles).toContain("Talk Python To Me");
  });

  it("suggests the whole catalogue to a Podbrief with no shows", () => {
    expect(suggestedShows([])).toEqual([...catalogue]);
  });
});
