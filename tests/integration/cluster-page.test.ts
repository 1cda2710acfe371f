/**
 * A story's full coverage against a real database: its takes in the order they aired, who said it
 * first, its title (the lead take's headline), a take that disagrees flagged by the offline rule when
 * no model is configured, and by the model's stored verdict (a scripted model) once one has checked it,
 * each labelled with its method. Growing stories count their shows of the last week.
 */
import type { LanguageModelV4GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { getClusterPage } = await import("@/lib/clusters/cluster-page");
const { checkClusterStances } = await import("@/lib/clusters/check-stances");
const { STANCE_PROMPT_VERSION } = await import("@/lib/clusters/stance-model");

const rows = rowFactory();
const { run } = rows;

// Talk Python To Me #554 at 08:07, as the lead take; the others tell the same point their own way.
const LEAD = {
  headline: `In high-stakes AI the usually right answer is the problem ${run}`,
  body: "Sumit Gundawar argues that in a high-stakes environment the model's answer is usually right, and the usually is the problem: the rare confident error reaches a real patient.",
  quote: "I think in a high stakes environment, what would happen is the answer is not a problem. The answer is usually right. But the keyword here is the usually part.",
};
const EARLIER = {
  headline: "High-stakes AI answers are usually right, and usually is the catch",
  body: "A clinical engineer says answers in a high-stakes environment are usually right; the keyword is usually, because the rare confident error reaches a patient.",
  quote: "The answer is usually right. The keyword here is the usually part.",
};
const DISAGREEING = {
  headline: "Worry about rare confident errors in high-stakes AI is overblown",
  body: "The host calls the fear of the rare confident error in high-stakes environments overblown: clinicians review every answer.",
  quote: "People say the rare confident error is the big risk, and I think that is overblown.",
};

let clusterId: string;
const ids = { earlier: "", lead: "", disagreeing: "", old: "" };
const shows = { earlier: "", lead: "", disagreeing: "" };
const asOf = new Date(rows.now);

beforeAll(async () => {
  clusterId = (await db.cluster.create({ data: { size: 4 } })).id;
  shows.earlier = await rows.makeShow(`Coverage early ${run}`);
  shows.lead = await rows.makeShow(`Coverage lead ${run}`);
  shows.disagreeing = await rows.makeShow(`Coverage doubter ${run}`);
  // The earliest take aired 20 days ago: it said it first, but outside this week.
  const earlier = await rows.makeInsight(shows.earlier, { topics: [], ageDays: 20, quality: 0.5, clusterId });
  const old = await rows.makeInsight(shows.earlier, { topics: [], ageDays: 4, quality: 0.4, clusterId });
  const lead = await rows.makeInsight(shows.lead, { topics: [], ageDays: 3, quality: 0.9, clusterId });
  const disagreeing = await rows.makeInsight(shows.disagreeing, { topics: [], ageDays: 1, quality: 0.6, clusterId });
  Object.assign(ids, { earlier: earlier.id, lead: lead.id, disagreeing: disagreeing.id, old: old.id });
  await db.insight.update({ where: { id: earlier.id }, data: EARLIER });
  await db.insight.update({ where: { id: old.id }, data: { ...EARLIER, headline: "The usually right answer is the catch in high-stakes AI" } });
  await db.insight.update({ where: { id: lead.id }, data: { ...LEAD, speaker: "Sumit Gundawar", startSeconds: 487.5, endSeconds: 498.3 } });
  await db.insight.update({ where: { id: disagreeing.id }, data: DISAGREEING });
  // What relating leaves behind: the best member as representative, its headline as the title.
  await db.cluster.update({ where: { id: clusterId }, data: { representativeInsightId: lead.id, label: LEAD.headline } });
});

function reply(text: string): LanguageModelV4GenerateResult {
  return {
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: { inputTokens: { total: 200, noCache: 200, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 8, text: 8, reasoning: undefined } },
    warnings: [],
  };
}

/** A model that disputes takes calling the point overblown and says the others add to it. */
function judge(answer: (prompt: string) => string) {
  return new MockLanguageModelV4({
    doGenerate: async (call) => {
      const user = call.prompt
        .filter((message) => message.role === "user")
        .flatMap((message) => message.content)
        .map((part) => (part.type === "text" ? part.text : ""))
        .join("\n");
      return reply(answer(user));
    },
  });
}

describe("a story's full coverage", () => {
  it("lists every take in the order aired, says who said it first, and titles it with the lead take's headline", async () => {
    const story = (await getClusterPage(clusterId, null, asOf))!;
    expect(story.title).toBe(LEAD.headline);
    expect(story.takes.map((take) => take.card.id)).toEqual([ids.earlier, ids.old, ids.lead, ids.disagreeing]);
    expect(story.first.card.id).toBe(ids.earlier);
    expect(story.first.card.podcast.title).toBe(`Coverage early ${run}`);
    expect(story.takes.filter((take) => take.isFirst).map((take) => take.card.id)).toEqual([ids.earlier]);
    expect(story.takes.filter((take) => take.isLead).map((take) => take.card.id)).toEqual([ids.lead]);
    const lead = story.takes.find((take) => take.isLead)!;
    expect(lead.card).toMatchObject({ quote: LEAD.quote, speaker: "Sumit Gundawar", saidAt: 487 });
    expect(lead.audioUrl).toMatch(/^https:\/\/example\.com\/\d+\.mp3$/);
    expect(story.shows).toBe(3);
    // The lead, the doubter and the early show's second take aired this week; the first take did not.
    expect(story.showsThisWeek).toBe(3);
  });

  it("flags the disagreeing take by the offline rule when no model is configured, and not the restatements", async () => {
    expect(await checkClusterStances([clusterId], null)).toEqual({ asked: 0, stored: 0, failed: 0 });
    const story = (await getClusterPage(clusterId, null, asOf))!;
    const stances = Object.fromEntries(story.takes.map((take) => [take.card.id, take.stance]));
    expect(stances[ids.disagreeing]).toEqual({
      verdict: "disagrees",
      method: "offline",
      model: null,
      evidence: { sentence: DISAGREEING.headline, marker: "overblown" },
    });
    expect(stances[ids.earlier]).toBeNull();
    expect(stances[ids.old]).toBeNull();
    expect(stances[ids.lead]).toBeNull();
  });

  it("keeps the offline flag when the model's answers do not fit, and stores nothing", async () => {
    const outcome = await checkClusterStances([clusterId], { model: judge(() => "not json"), id: "mock:garbled" });
    expect(outcome).toEqual({ asked: 3, stored: 0, failed: 0 });
    expect(await db.clusterStance.count({ where: { insightId: { in: Object.values(ids) } } })).toBe(0);
    const story = (await getClusterPage(clusterId, null, asOf))!;
    expect(story.takes.find((take) => take.card.id === ids.disagreeing)!.stance?.method).toBe("offline");
  });

  it("shows the model's verdicts once it has checked the takes, labelled with the model, and asks once per take", async () => {
    const model = judge((prompt) => JSON.stringify({ verdict: prompt.includes("overblown") ? "disagrees" : prompt.includes("<take>\nHeadline: The usually") ? "adds" : "agrees" }));
    expect(await checkClusterStances([clusterId], { model, id: "mock:stance" })).toEqual({ asked: 3, stored: 3, failed: 0 });
    const stored = await db.clusterStance.findMany({ where: { insightId: { in: Object.values(ids) } }, orderBy: { insightId: "asc" } });
    expect(stored.map((row) => [row.insightId, row.leadInsightId, row.verdict, row.model, row.promptVersion]).sort()).toEqual(
      [
        [ids.earlier, ids.lead, "agrees", "mock:stance", STANCE_PROMPT_VERSION],
        [ids.old, ids.lead, "adds", "mock:stance", STANCE_PROMPT_VERSION],
        [ids.disagreeing, ids.lead, "disagrees", "mock:stance", STANCE_PROMPT_VERSION],
      ].sort(),
    );

    const story = (await getClusterPage(clusterId, null, asOf))!;
    const stances = Object.fromEntries(story.takes.map((take) => [take.card.id, take.stance]));
    expect(stances[ids.disagreeing]).toEqual({ verdict: "disagrees", method: "model", model: "mock:stance", evidence: null });
    expect(stances[ids.old]).toEqual({ verdict: "adds", method: "model", model: "mock:stance", evidence: null });
    // Agreeing is what a story's takes do: no flag.
    expect(stances[ids.earlier]).toBeNull();

    // Checked already against this lead, by this model and prompt: not asked again.
    expect(await checkClusterStances([clusterId], { model, id: "mock:stance" })).toEqual({ asked: 0, stored: 0, failed: 0 });
    expect(model.doGenerateCalls).toHaveLength(3);
  });

  it("falls back to the offline rule when the lead has changed since the model was asked", async () => {
    await db.cluster.update({ where: { id: clusterId }, data: { representativeInsightId: ids.earlier, label: EARLIER.headline } });
    try {
      const story = (await getClusterPage(clusterId, null, asOf))!;
      expect(story.title).toBe(EARLIER.headline);
      const doubter = story.takes.find((take) => take.card.id === ids.disagreeing)!;
      expect(doubter.stance).toMatchObject({ verdict: "disagrees", method: "offline" });
    } finally {
      await db.cluster.update({ where: { id: clusterId }, data: { representativeInsightId: ids.lead, label: LEAD.headline } });
    }
  });

  it("answers nothing for a story that does not exist or an id that is not one", async () => {
    expect(await getClusterPage("no-such-cluster", null)).toBeNull();
    expect(await getClusterPage("../etc/passwd", null)).toBeNull();
    expect(await getClusterPage("x".repeat(65), null)).toBeNull();
  });
});
