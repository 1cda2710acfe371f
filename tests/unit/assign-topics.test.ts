/**
 * Topic assignment: the rules on made-up scores, then the real thing (offline embedder, curated
 * topics) on the labelled set in tests/fixtures/topic-labels.json, held to the quality that
 * `npm run eval:topics` reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { offlineEmbedder } from "@/lib/insights/embeddings";
import { assignEpisodeTopics, assignTopics, selectTopics, type AssignableTopic, type EpisodeContext, type TopicScore } from "@/lib/insights/topics/assign-topics";
import { prepareTopics } from "@/lib/topics/prepare-topics";
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

  it("keeps at most two topics of one family, however close the third", () => {
    // Open source, AI and software engineering all within reach on a distillation insight: the third says nothing new.
    const scores = [narrower("open-source", 0.65, "tech"), narrower("ai", 0.62, "tech"), narrower("software", 0.6, "tech")];
    expect(chosenIds(scores)).toEqual(["open-source", "ai"]);
    // A third topic from another family still counts.
    expect(chosenIds([...scores.slice(0, 2), described("health", 0.6)])).toEqual(["open-source", "ai", "health"]);
  });

  it("holds a second topic of a family to the family's best score, even when that was a narrower topic giving way to its parent", () => {
    // AI safety leads but gives way to AI; cybersecurity, a neighbour, must come close to AI safety, not to AI.
    const scores = [narrower("ai-safety", 0.67, "ai"), narrower("ai", 0.66, "tech"), narrower("cybersecurity", 0.565, "tech")];
    expect(chosenIds(scores)).toEqual(["ai"]);
    expect(chosenIds([...scores.slice(0, 2), narrower("cybersecurity", 0.58, "tech")])).toEqual(["ai", "cybersecurity"]);
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
    // Benchmarks are part of what AI is: the description says so, so the insight is filed there first.
    expect(topics[0]?.topicId).toBe("artificial-intelligence");
  });

  // Real demo insights (offline extraction, the episode's own title, show and notes), each filed under a
  // topic the episode is not about until the episode's clear family weighed in.
  async function assignInEpisode(text: string, topicLabels: string[], context: EpisodeContext) {
    const [embedding] = await offlineEmbedder.embed([text]);
    return assignTopics({ embedding: embedding!, topicLabels, text, context }, curated).map((t) => t.topicId);
  }

  it("leaves out a topic of a family foreign to an episode that clearly names another: no Startups on a front-end framework", async () => {
    const agentic: EpisodeContext = {
      episodeTitle: "#517: Agentic AI Programming with Python",
      podcastTitle: "Talk Python To Me",
      episodeNotes:
        "Matt Makai, VP of Developer Relations at DigitalOcean and creator of Full Stack Python, talks about what agentic coding tools such as Claude Code and Cursor actually do inside an established code base. They cover why agents amplify technical debt and inconsistent patterns, a sane git workflow for large AI-made diffs, and the developer's shifting role from typist to editor.",
    };
    // The Tabler insight and three others of the same episode, matched together as the pipeline does.
    const episode = [
      {
        text: "There's a framework called Tabler, which is built on top of Bootstrap. You need to choose the tools that you can debug the best. And so for me, like this is a Bootstrap front end. There's a framework called Tabler, which is built on top of Bootstrap, which makes it even easier to build these admin style interfaces and pulls in.",
        topicLabels: ["admin style interfaces", "framework", "Bootstrap"],
      },
      {
        text: "There is substantial improvement to be had in certain areas of software development. There's also the downsides, but there is substantial improvement to be had in certain areas of software development. And I feel like that is actually really the big takeaway. Among all the hype, break everything out. There's tactical things you can use this, agentic tools for LLMs that will 10X, 100X certain things that are super annoying about software development right now in a way that was previously impossible.",
        topicLabels: ["agentic tools", "software development", "substantial improvement", "hype"],
      },
      {
        text: "A web framework is a conceptual idea across many different programming languages. A web framework is a conceptual idea across many different programming languages, but the specific implementations like a Ruby on Rails, like Rails, the framework, or Django, the framework, are the specific implementations within those programming ecosystems. And so that's essentially how I built out this site over 10 years.",
        topicLabels: ["programming languages", "web framework", "implementations", "Django"],
      },
      {
        text: "That doesn't mean I have a thousand microservices. As a single developer, there's only so much capacity that I have. And so I will actually architect, or I've started to architect around that. But that doesn't mean I have a thousand microservices. It typically means that I split the architecture into like three or four components, maybe two beyond the main application.",
        topicLabels: ["architect", "architecture", "capacity", "components"],
      },
    ];
    const embeddings = await offlineEmbedder.embed(episode.map((insight) => insight.text));
    const assigned = assignEpisodeTopics(episode.map((insight, i) => ({ ...insight, embedding: embeddings[i]!, context: agentic })), curated);
    const topics = assigned[0]!.map((t) => t.topicId);
    expect(topics).toContain("programming-languages");
    expect(topics).not.toContain("startups-venture-capital");
  });

  it("files a mental-health insight in a mental-health episode under Mental health alone, not Culture", async () => {
    const mentalHealth: EpisodeContext = {
      episodeTitle: "Managing our mental health",
      podcastTitle: "Brain Science",
      episodeNotes:
        "Adam and Mireille describe mental health as a system that is always in flux, like an orchestra whose sections have to play together. They go through the fundamentals (sleep, food and physical activity) along with relationships, boundaries and self-awareness, and why managing mental health is an ongoing practice rather than a fixed state.",
    };
    const text =
      "All those things play on those kind of three core things. Whether it's mental, physical, interpersonal - all those things play on those kind of three core things. So if our mental health is hung on sleep, food and activity, and there's many more layers beneath that, if that's what hangs on that, then that means that society itself, the fabric of society depends on those key three things.";
    expect(await assignInEpisode(text, ["mental health", "fabric of society"], mentalHealth)).toEqual(["mental-health"]);
  });

  // Labelled insights (tests/fixtures/topic-labels.json), each given a topic of the same family as its best that it is not about.
  it("gives a distillation insight AI and open source, not a third neighbour, Software engineering", async () => {
    const context: EpisodeContext = { podcastTitle: "Talk Python To Me", episodeTitle: "The AI revolution won't be monopolized" };
    const topics = await assignInEpisode(
      "Prototype with a large language model, then train a task-specific model that beats it: people are surprised how little labelled data it takes to beat GPT-4 on one extraction task, often a single workday. The result can be under 10 megabytes, run 20 times faster and stay entirely private.",
      ["model distillation", "task-specific models", "spaCy"],
      context,
    );
    expect(topics).toContain("artificial-intelligence");
    expect(topics).not.toContain("software-engineering");
  });

  it("does not file AI incidents from process failures under Cybersecurity", async () => {
    const context: EpisodeContext = { podcastTitle: "Practical AI", episodeTitle: "AI regulation and government" };
    const topics = await assignInEpisode(
      "The biggest AI incidents come from process and human failures, not from models being uninterpretable. Explainable machine learning matters, but it is rarely what goes wrong when a deployed system causes harm.",
      ["AI incidents", "explainable AI", "AI governance"],
      context,
    );
    expect(topics).toContain("artificial-intelligence");
    expect(topics).not.toContain("cybersecurity");
  });

  it("does not file remote work under Climate because a label says \"global pandemic\"", async () => {
    // Offline extraction of Brain Science, "Burnout and the brain": "global" matched Climate's "global warming".
    const context: EpisodeContext = { podcastTitle: "Brain Science", episodeTitle: "Burnout and the brain" };
    const topics = await assignInEpisode(
      `COVID and the global pandemic has just sped up the process of remote work. There's been discussions around, "Oh, COVID and the global pandemic has just sped up the process of remote work. It was going to happen. This, where we're at right now with remote work - it was going to happen no matter what."`,
      ["global pandemic", "remote work"],
      context,
    );
    expect(topics).toContain("work-careers");
    expect(topics).not.toContain("climate");
    const warming = await assign("Carbon emissions hit a record last year, and scientists warn the planet is on track for 2.5 degrees of warming by 2100.", ["carbon emissions", "global warming"]);
    expect(warming.map((t) => t.topicId)).toContain("climate");
  });

  it("files data scientists under Data science, not Science", async () => {
    const aiIncidents: EpisodeContext = {
      episodeTitle: "When AI goes wrong",
      podcastTitle: "Practical AI",
      episodeNotes:
        "Andrew Burt and Patrick Hall of the law firm BNH.ai join Daniel and Chris to discuss what happens when a deployed model fails. They cover the familiar liabilities behind AI incidents (discrimination, privacy and security), why traditional incident response falls short for machine learning, and how model debugging and an AI incident response plan help teams prepare.",
    };
    const text =
      'Data scientists are paid a lot. Having spent four years in Silicon Valley, data scientists are paid a lot; a lot more than a general practitioner physician. And I\'m starting to have sort of personal emotional problems with this idea of someone who makes 200k-300k a year saying "I can\'t think about how this system is going to fail."';
    const topics = await assignInEpisode(text, ["data scientists", "personal emotional problems", "practitioner physician", "Silicon Valley"], aiIncidents);
    expect(topics).toContain("data-science");
    expect(topics).not.toContain("science");
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
  // mean, raised it to 82% (holdout 86%, recall 82% and 90%); LLMs, benchmarks and chat models in
  // the AI description to 83% (recall 83%). At most two topics of a family, and a family held to its
  // best member's score, to 85.3% (lenient 98.7%, recall and holdout unchanged).
  it("meets the measured precision and recall on the labelled insights", () => {
    expect(evaluation.overall.lenientPrecision).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.overall.precision).toBeGreaterThanOrEqual(0.85);
    expect(evaluation.overall.recall).toBeGreaterThanOrEqual(0.83);
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
