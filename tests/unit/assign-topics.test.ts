/**
 * Topic assignment: the rules on made-up scores, then the real thing (offline embedder, curated
 * topics) on the labelled set in tests/fixtures/topic-labels.json, held to the quality that
 * `npm run eval:topics` reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { offlineEmbedder } from "@/lib/insights/embeddings";
import { assignEpisodeTopics, assignTopics, prepareTopics, selectTopics, type AssignableTopic, type EpisodeContext, type TopicScore } from "@/lib/insights/topics/assign-topics";
import { CURATED_TOPICS, curatedTopicTexts, topicFromPhrase } from "@/lib/topics/curated-topics";
import { evaluateTopics, type TopicEvaluation } from "@/scripts/eval-topics";

const described = (topicId: string, score: number): TopicScore => ({ topicId, score, kind: "described" });
const phrase = (topicId: string, score: number): TopicScore => ({ topicId, score, kind: "phrase" });
const narrower = (topicId: string, score: number, parentId: string): TopicScore => ({ topicId, score, kind: "described", parentId });
const chosenIds = (scores: TopicScore[]) => selectTopics(scores).map((s) => s.topicId);

describe("selectTopics", () => {
  it("keeps at most three described topics, best first", () => {
    const scores = [described("a", 0.9), described("b", 0.85), described("c", 0.8), described("d", 0.78)];
    expect(selectTopics(scores).map((s) => s.topicId)).toEqual(["a", "b", "c"]);
  });

  it("leaves out topics far below the best one and anything under the floor", () => {
    expect(selectTopics([described("a", 1.1), described("b", 0.7)], { maxGapToBest: 0.23 }).map((s) => s.topicId)).toEqual(["a"]);
    expect(selectTopics([described("a", 0.3), described("b", 0.28)], { minScore: 0.35 })).toEqual([]);
  });

  it("chooses a narrower topic only when it scores clearly above its broader one", () => {
    // "AI business" on chatbot design: it shares the word "AI" with its parent and no more.
    expect(chosenIds([described("ai", 0.89), narrower("ai-business", 0.8, "ai")])).toEqual(["ai"]);
    expect(chosenIds([narrower("ai-safety", 0.8, "ai"), described("ai", 0.78)])).toEqual(["ai"]);
    // Regulation said outright: the narrower topic is what the insight is about.
    expect(chosenIds([narrower("ai-safety", 1.3, "ai"), described("ai", 0.9)])).toEqual(["ai-safety"]);
    // A parent that is not a topic here holds nothing back.
    expect(chosenIds([narrower("ai-safety", 0.8, "absent")])).toEqual(["ai-safety"]);
  });

  it("adds a second topic of the same family only when it scores about as high as the best", () => {
    const family = (second: number) => [described("tech", 0.2), narrower("open-source", 1.3, "tech"), narrower("languages", second, "software"), narrower("software", 0.1, "tech")];
    expect(chosenIds(family(1.15))).toEqual(["open-source"]);
    expect(chosenIds(family(1.25))).toEqual(["open-source", "languages"]);
    // Unrelated topics keep the wider gap.
    expect(chosenIds([described("bitcoin", 1.3), described("markets", 1.1)])).toEqual(["bitcoin", "markets"]);
  });

  it("judges phrase topics on their own, beside the described ones", () => {
    const scores = [described("a", 0.9), described("b", 0.85), described("c", 0.8), phrase("mine", 1.5), phrase("other", 1.2)];
    expect(selectTopics(scores, { phraseMinScore: 1.4 }).map((s) => s.topicId)).toEqual(["a", "b", "c", "mine"]);
  });
});

describe("assignTopics with the offline embedder and the curated topics", () => {
  let curated: AssignableTopic[];
  let evaluation: TopicEvaluation;

  beforeAll(async () => {
    curated = await prepareTopics(curatedTopicTexts(), offlineEmbedder);
    evaluation = await evaluateTopics(offlineEmbedder);
  }, 180_000);

  async function assign(text: string, topicLabels: string[], topics = curated) {
    const [embedding] = await offlineEmbedder.embed([text]);
    return assignTopics({ embedding: embedding!, topicLabels, text }, topics);
  }

  it("gives an insight the one to three topics it is about", async () => {
    const topics = await assign(
      "Stolen health records sell for more than credit cards because they bundle medical history, social security numbers and insurance details.",
      ["healthcare data breaches", "identity theft"],
    );
    expect(topics.length).toBeGreaterThanOrEqual(1);
    expect(topics.length).toBeLessThanOrEqual(3);
    expect(topics.map((t) => t.topicId)).toContain("cybersecurity");
    expect(topics.map((t) => t.topicId)).not.toContain("crypto-bitcoin");
    const labelled = Object.entries(evaluation.topicsPerInsight).filter(([n]) => Number(n) > 3);
    expect(labelled).toEqual([]);
  });

  it("follows the extractor's labels where the text alone is vague", async () => {
    const text = "Every year the authorities announce a crackdown, and every year the hash rate barely moves.";
    const withoutLabels = await assign(text, []);
    const withLabels = await assign(text, ["Bitcoin mining", "China"]);
    const score = (topics: { topicId: string; score: number }[]) => topics.find((t) => t.topicId === "crypto-bitcoin")?.score ?? 0;
    expect(withLabels[0]?.topicId).toBe("crypto-bitcoin");
    expect(score(withLabels)).toBeGreaterThan(score(withoutLabels));
  });

  it("gives an insight about AI in general the umbrella, and one about AI's money the narrower topic", async () => {
    const chat = await assign(
      "Not every interaction should be a chat interface: a business analyst wants a table with a sum, not a model confidently saying two million. Often a button that runs one focused prompt is the better user interface.",
      ["chatbots", "user interface design", "LLM products"],
    );
    expect(chat.map((t) => t.topicId)).toEqual(["artificial-intelligence"]);
    const cost = await assign(
      "Estimates from the AI Index and Epoch AI put the training cost of GPT-4 near $80 million and Gemini Ultra near $190 million, a curve rising almost exponentially. Labs are betting heavily that the scaling laws keep holding.",
      ["training costs", "frontier models", "scaling laws"],
    );
    expect(cost.map((t) => t.topicId)).toEqual(["ai-business"]);
  });

  it("files graphics cards under Technology when they are called GPUs, as people say", async () => {
    const nvidia = await assign("Nvidia's RTX 5090 sells for about $2,000, and GPU prices keep climbing as gamers compete with data centers for the same cards.", ["Nvidia GPUs", "GPU prices"]);
    expect(nvidia.map((t) => t.topicId)).toEqual(["technology"]);
    const amd = await assign("AMD's new GPUs undercut Nvidia by a third, so PC builders finally have a real choice of graphics card.", ["AMD GPUs", "PC building"]);
    expect(amd.map((t) => t.topicId)).toEqual(["technology"]);
  });

  // Real insights from the demo feed (Practical AI, "Stanford's AI Index Report 2024"), as the pipeline matched them.
  const aiIndex: EpisodeContext = { podcastTitle: "Practical AI", episodeTitle: "Stanford's AI Index Report 2024" };

  it("does not file an AI benchmark insight under Crypto & bitcoin because a label says \"developers\"", async () => {
    const text =
      "They're all benchmarking on MMLU, which is the benchmark of general language understanding. What you see when it comes to general capabilities is that a lot of these developers, they're all benchmarking on MMLU, which is the benchmark of general language understanding. They're all benchmarking on Codex, which is a benchmark of coding capabilities. They're all benchmarking on GSM8k, the benchmark of math...";
    const [embedding] = await offlineEmbedder.embed([text]);
    const topics = assignTopics({ embedding: embedding!, topicLabels: ["responsible AI benchmarks", "language understanding", "coding capabilities", "developers"], text, context: aiIndex }, curated);
    expect(topics.map((t) => t.topicId)).not.toContain("crypto-bitcoin");
  });

  it("has a well-formed curated hierarchy: every parent is a curated topic, and no topic is its own ancestor", () => {
    const parentOf = new Map(CURATED_TOPICS.map((t) => [t.slug, t.parent]));
    for (const topic of CURATED_TOPICS) {
      const seen = new Set([topic.slug]);
      for (let parent = topic.parent; parent; parent = parentOf.get(parent)) {
        expect(parentOf.has(parent), `${topic.slug}'s parent ${parent}`).toBe(true);
        expect(seen.has(parent), `${topic.slug} in a cycle`).toBe(false);
        seen.add(parent);
      }
    }
  });

  it("assigns nothing to an insight about none of the topics", async () => {
    expect(await assign("Spring is morel mushroom season, and families go out to hunt the wild mushrooms in the forest.", ["foraging"])).toEqual([]);
  });

  it("weighs the episode in: a topic foreign to the episode's title, show and other insights is left out", async () => {
    // The case: "Energy" on glucose metabolism, in a brain-science show.
    const context: EpisodeContext = { podcastTitle: "Brain Science", episodeTitle: "Burnout and the brain" };
    const texts = [
      "Glucose is the brain's fuel. When blood sugar runs low, the brain's energy supply drops and focus is the first thing to go.",
      "Burnout is more than an emotional reaction to long hours: chronic stress keeps cortisol high and changes the anatomy of the brain.",
      "The prefrontal cortex, responsible for attention and working memory, works differently under constant stress.",
    ];
    const embeddings = await offlineEmbedder.embed(texts);
    const insights = texts.map((text, i) => ({ embedding: embeddings[i]!, topicLabels: i === 0 ? ["glucose metabolism", "energy supply"] : [], text }));
    const ids = (assigned: { topicId: string }[]) => assigned.map((t) => t.topicId);

    const alone = ids(assignTopics(insights[0]!, curated));
    expect(alone).toContain("energy");
    const withContext = ids(assignTopics({ ...insights[0]!, context }, curated));
    const inEpisode = ids(assignEpisodeTopics(insights.map((insight) => ({ ...insight, context })), curated)[0]!);
    for (const assigned of [withContext, inEpisode]) {
      expect(assigned).toContain("neuroscience");
      expect(assigned).not.toContain("energy");
    }
  });

  it("catches an insight about export controls for \"semiconductor export controls and China\", not one that only mentions China", async () => {
    const [mine] = await prepareTopics([{ ...topicFromPhrase("semiconductor export controls and China"), id: "phrase:export-controls" }], offlineEmbedder);
    const topics = [...curated, mine!];
    const phraseTopics = async (text: string, labels: string[]) => (await assign(text, labels, topics)).map((t) => t.topicId).filter((id) => id.startsWith("phrase:"));

    // It never says "semiconductor": the key phrase "export controls" carries it.
    expect(await phraseTopics("The US tightened export controls on advanced AI chips, so Nvidia now sells a cut-down H20 to customers there.", ["export controls", "Nvidia"])).toEqual(["phrase:export-controls"]);
    expect(await phraseTopics("China announces a ban on Bitcoin mining almost every year, yet about 60% of the hash rate still runs in Chinese mining farms.", ["China mining ban", "hash rate"])).toEqual([]);
    expect(await phraseTopics("Mining pools are based in China or from China, because most miners are based in Chinese mining farms.", ["mining farms", "China"])).toEqual([]);
  });

  it("lets a reader's own phrase catch the insights that match it, without displacing curated topics", async () => {
    const phrases = await prepareTopics([topicFromPhrase("burnout"), topicFromPhrase("bitcoin mining pools")].map((t) => ({ ...t, id: `phrase:${t.slug}` })), offlineEmbedder);
    const topics = [...curated, ...phrases];
    const burnout = "A simple burnout check: if you repeated the last two months again and again, how long could you sustain it?";
    const pools = "Before Taproot, mining pool operators were polled and over 90% agreed to signal for the upgrade.";
    const other = "Open-source maintainers are flooded with AI-generated pull requests they cannot review.";

    const burnoutTopics = (await assign(burnout, ["burnout", "self-assessment"], topics)).map((t) => t.topicId);
    expect(burnoutTopics).toContain("phrase:burnout");
    expect(burnoutTopics).toContain("mental-health");
    expect(burnoutTopics).not.toContain("phrase:bitcoin-mining-pools");
    expect((await assign(pools, ["Taproot activation", "mining pools"], topics)).map((t) => t.topicId)).toEqual(expect.arrayContaining(["crypto-bitcoin", "phrase:bitcoin-mining-pools"]));
    expect((await assign(other, ["AI-generated pull requests"], topics)).filter((t) => t.topicId.startsWith("phrase:"))).toEqual([]);
  });

  // Quality floors: what `npm run eval:topics` measured when the thresholds were chosen, rounded
  // down a little. Falling below one means a change made topic assignment worse. The episode prior
  // cost recall here (88% to 84%, holdout 81% to 76%: second topics the rest of the episode is not
  // about), the price of leaving out topics foreign to the episode on real offline insights. The
  // hierarchy (childMargin, familyGap) raised strict precision from 66% to 75% (holdout 73% to 76%)
  // for 2.6 points of recall. Weighing matched words by how telling they are, and labels by their
  // mean, raised it to 82% (holdout 86%, recall 82% and 90%).
  it("meets the measured precision and recall on the labelled insights", () => {
    expect(evaluation.overall.lenientPrecision).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.overall.precision).toBeGreaterThanOrEqual(0.8);
    expect(evaluation.overall.recall).toBeGreaterThanOrEqual(0.81);
    // Written after the thresholds were chosen and never tuned on.
    expect(evaluation.holdout?.precision).toBeGreaterThanOrEqual(0.84);
    expect(evaluation.holdout?.lenientPrecision).toBeGreaterThanOrEqual(0.88);
    expect(evaluation.holdout?.recall).toBeGreaterThanOrEqual(0.75);
  });

  it("catches readers' phrases whose words the insights use", () => {
    const byPhrase = Object.fromEntries(evaluation.phrases.map((p) => [p.phrase, p]));
    for (const name of ["burnout", "bitcoin mining pools", "coding agents", "semiconductor export controls and China"]) {
      expect(byPhrase[name]?.missed).toEqual([]);
      expect(byPhrase[name]?.falseMatches).toEqual([]);
    }
  });

  it("clusters the same point made twice without merging different points", () => {
    expect(evaluation.pairs.count).toBeGreaterThanOrEqual(30);
    // A wrong merge hides an insight from the reader; a missed one only shows it twice. So: almost no wrong merges.
    expect(evaluation.pairs.differentMerged).toBeLessThanOrEqual(1);
    expect(evaluation.pairs.sameCaught).toBeGreaterThanOrEqual(5);
    expect(evaluation.pairs.correctByClusterRule / evaluation.pairs.count).toBeGreaterThanOrEqual(0.75);
  });
});
