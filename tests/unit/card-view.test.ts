import { describe, expect, it } from "vitest";
import { type InsightCardData, toCardView } from "@/lib/cards/insight-card";

const card: InsightCardData = {
  id: "ins_1",
  headline: "Chips stay scarce until 2027",
  body: "Ana Ruiz says chips will stay scarce until 2027.",
  quote: "Chips are scarce, and they will be until 2027.",
  startSeconds: 754.2,
  saidAt: 754,
  speaker: "Ana Ruiz",
  publishedAt: new Date("2026-11-30T08:00:00Z"),
  clusterId: "clu_9",
  episode: { id: "ep_3", title: "The chip squeeze" },
  podcast: { id: "pod_2", title: "Silicon Weekly" },
  artwork: "/art/abc",
  topics: [{ id: "top_1", slug: "semiconductors", name: "Semiconductors" }],
};

describe("what a card sends to the browser", () => {
  it("carries what the card shows and acts on, and not the read model's ids, raw time or cluster", () => {
    const view = toCardView(card);
    expect(view).toEqual({
      id: "ins_1",
      headline: "Chips stay scarce until 2027",
      body: "Ana Ruiz says chips will stay scarce until 2027.",
      quote: "Chips are scarce, and they will be until 2027.",
      saidAt: 754,
      speaker: "Ana Ruiz",
      publishedAt: new Date("2026-11-30T08:00:00Z"),
      episodeTitle: "The chip squeeze",
      podcast: { id: "pod_2", title: "Silicon Weekly" },
      artwork: "/art/abc",
      topics: [{ id: "top_1", slug: "semiconductors", name: "Semiconductors" }],
    });
    const sent = JSON.stringify(view);
    for (const unused of ["754.2", "clu_9", "ep_3"]) expect(sent).not.toContain(unused);
  });

  it("leaves out the quote when the body already says it", () => {
    const view = toCardView({ ...card, body: "Chips are scarce.", quote: "Um, chips are scarce." });
    expect(view.quote).toBeNull();
    expect(JSON.stringify(view)).not.toContain("Um,");
  });

  it("drops fields a page's row adds to the card, such as the episode page's end time and saved flag", () => {
    const row = { ...card, endSeconds: 790, saved: true, topics: [{ ...card.topics[0]!, score: 0.8 }] };
    expect(Object.keys(toCardView(row))).not.toContain("endSeconds");
    expect(toCardView(row).topics).toEqual(card.topics);
  });
});
