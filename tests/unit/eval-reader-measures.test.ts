/**
 * The eval's reader measures (lib/insights/eval/*), each on hand-made good and bad examples, so a
 * measure that always says "met" (or never does) fails here. Headlines quoted are ones the offline
 * extractor printed before issue 14, or the issue's own examples.
 */
import { describe, expect, it } from "vitest";
import { unfaithfulSpecifics } from "@/lib/insights/eval/faithful-specifics";
import { leaningOpening } from "@/lib/insights/eval/leaning-opening";
import { bodyMarkersLost, headlineMarkersLost } from "@/lib/insights/eval/lost-markers";
import { isNounPhraseLabel } from "@/lib/insights/eval/noun-phrase-label";
import { measureReaderFigures } from "@/lib/insights/eval/reader-figures";
import { judgeHeadline } from "@/lib/insights/eval/sentence-headline";
import { speechDebrisIn } from "@/lib/insights/eval/speech-debris";
import { findSourceClause } from "@/lib/insights/eval/transcript-window";

describe("complete-sentence headlines", () => {
  it.each([
    "China's daily AI token consumption rose to roughly 30 trillion tokens",
    "Seven hours is the optimal minimal level of sleep for most adults",
    "There was a very clear lack of communication between all parties",
    "When a hospital shares data, it must follow the HIPAA rules",
    "That's the way that Bitcoin ends up changing over time",
    "I'm guessing you couldn't reuse that model for another hospital",
    "In 2023 the company raised five million dollars from investors",
    "Unlike most open source projects, Django pays three fellows",
    "For most adults, seven hours of sleep is the minimum",
  ])("passes a sentence: %s", (headline) => {
    expect(judgeHeadline(headline)).toEqual({ complete: true, problem: null });
  });

  it.each([
    ["Thinking about the cost of some of these frontier models", "no subject with a finite verb"],
    ["Whether it's creating training data or evaluation data for models", "subordinate"],
    ["Many skilled Django contributors or Python contributor", "no subject with a finite verb"],
    ["The 21 million coin cap and we validate signatures", "no subject with a finite verb"],
    ["Social security number and insurance details", "no subject with a finite verb"],
    ["So the answer is usually right for most patients", "opens on"],
    ["I think open source will win in the long run", "opens on"],
    ["Is open source software really free for the companies?", "question"],
    ["Draw that distinction between foundation models and other systems", "no subject"],
    ["The motivation to a come contribute to go dot", "no subject with a finite verb"],
    // The offline extractor's, cut after "I think your recognition in the community,": its subject was left behind.
    ["Much like other open source communities is really predicated on exemplifying good work", "no subject after the opening phrase"],
    ["We became the largest Bitcoin mining pool for two years in a row and also had a wallet", "more than 14"],
  ])("fails a fragment, question or leaning opening: %s", (headline, problem) => {
    const verdict = judgeHeadline(headline);
    expect(verdict.complete).toBe(false);
    expect(verdict.problem).toContain(problem);
  });
});

describe("negations and hedges lost", () => {
  const window = "Honestly? I don't think there's a scenario where OpenAI kept being the leader. Everybody caught up within a year.";

  it("counts the negation a headline cut away from the clause it came from", () => {
    const lost = headlineMarkersLost("OpenAI kept being the leader", window);
    expect(lost.negations).toEqual(["n't"]);
    expect(lost.from).toContain("I don't think");
  });

  it("counts nothing when the headline keeps the negation, or comes from another clause", () => {
    expect(headlineMarkersLost("I don't think OpenAI kept being the leader", window).negations).toEqual([]);
    expect(headlineMarkersLost("Everybody caught up within a year", window).negations).toEqual([]);
    // A negation beyond ", but" does not govern the clause the headline took.
    const contrast = "It's not cheap, but the model answers in under a second on a laptop.";
    expect(headlineMarkersLost("The model answers in under a second on a laptop", contrast).negations).toEqual([]);
  });

  it("stops the clause where the headline's words stop, not at a word a later clause shares by chance", () => {
    // "like" and "a" come again after ", and it may look like a space": the hedge "may" governs that clause, not the headline's.
    const caption = "There hasn't been a boom like the AI boom since the dot-com days, and it may look like a space destined to be controlled by a couple of tech giants.";
    const lost = headlineMarkersLost("There hasn't been a boom like the AI boom since the dot-com days", caption);
    expect(lost).toMatchObject({ negations: [], hedges: [] });
    expect(lost.from).not.toContain("may");
    // The later clause is still the one a headline taken from it answers to.
    expect(headlineMarkersLost("It looks like a space destined to be controlled by a couple of tech giants", caption).hedges).toEqual(["may"]);
  });

  it("counts a hedge the headline or body dropped", () => {
    const quote = "And probably if one of them agreed to it, I'm guessing you couldn't use that same model for a different organization.";
    expect(headlineMarkersLost("You couldn't use that same model for a different organization", quote).hedges).toEqual(expect.arrayContaining(["probably", "i'm guessing"]));
    expect(bodyMarkersLost("You could use that same model for a different organization.", quote)).toMatchObject({ negations: ["n't"], hedges: ["probably", "i'm guessing"] });
    expect(bodyMarkersLost("If one of them agreed to it, you probably couldn't use that same model for a different organization, I'm guessing.", quote)).toMatchObject({ negations: [], hedges: [] });
  });

  it("takes each body sentence from its own source sentence, not the longest one", () => {
    const quote = "The answer is usually right. It's not always right that, you know, the 1% that it gets wrong is caught.";
    expect(findSourceClause("The answer is usually right.", quote)?.sentence).toBe("The answer is usually right.");
    expect(bodyMarkersLost("The answer is usually right. It's not always right that the 1% that it gets wrong is caught.", quote)).toMatchObject({ negations: [], hedges: [] });
  });

  it("reads a trailing-off '...' or a self-repair '--' as a sentence end, and 'not only' as no negation", () => {
    const paragraph = "It studied something like 120 (maybe more) frameworks, I can't remember... And the title is Paper Tigers because these frameworks don't really have teeth.";
    expect(headlineMarkersLost("The title is Paper Tigers because these frameworks don't really have teeth", paragraph)).toMatchObject({ negations: [], hedges: [] });
    expect(headlineMarkersLost("Some people might be thinking of Jinja templates", "People probably-- some people might be thinking of Jinja templates.").hedges).toEqual([]);
    expect(headlineMarkersLost("Western pools also answered the call", "Not only the Chinese pools, but Western pools also answered the call.").negations).toEqual([]);
  });

  it("lets filler 'kind of' go but not a hedging one", () => {
    expect(bodyMarkersLost("It makes it a lot easier for us to explain our work.", "It makes it a lot easier for us kind of to explain our work.").hedges).toEqual([]);
    expect(bodyMarkersLost("The model is expensive to run.", "The model is kind of expensive to run.").hedges).toEqual(["kind of"]);
    // The filler one went, the hedging one stayed: nothing lost (the corpus case that was miscounted).
    expect(bodyMarkersLost("We're in an era that is being kind of manifested.", "We're kind of in an era that is being kind of manifested.").hedges).toEqual([]);
  });
});

describe("speech debris in bodies", () => {
  it.each([
    ["if the um the LLM tries to use a pip install it throws an error", "um"],
    ["It's, you know, the cheapest way to run it.", "you know"],
    ["I mean, the platform was downloaded 1.5 billion times.", "I mean"],
    ["So that's where I struggled with like, the chat models.", "like,"],
    ["Then the the model gets retrained every week.", "the the"],
    ["I- I think the answer is no.", "I- I"],
    ["This does not dis disprove the maintainer's point.", "dis disprove"],
    ["That was a great point [laughs] and we moved on.", "[laughs]"],
  ])("finds it: %s", (body, debris) => {
    expect(speechDebrisIn(body)).toContain(debris);
  });

  it.each([
    "You know the answer already: the model is usually right.",
    "We're rewriting our mobile apps in Flutter this year.",
    "What it is is a cache that sits in front of the database.",
    "Models like GPT-4 cost more than $100 million to train.",
    "The data sketch is a probabilistic aggregation of data.",
  ])("leaves clean prose alone: %s", (body) => {
    expect(speechDebrisIn(body)).toEqual([]);
  });
});

describe("bodies that open leaning on something earlier", () => {
  it.each([
    ["They kind of published this whole plan for AI by 2030.", "They"],
    ["This means the model has to run on the device.", "This"],
    ["So that's why the costs fell.", "So"],
    ["And the second thing is the price.", "And"],
    ["It was released last week to everyone.", "It"],
    ["Also, the model is open source.", "Also"],
  ])("finds the pointer: %s", (body, word) => {
    expect(leaningOpening(body)).toBe(word);
  });

  it.each([
    "China published a national AI plan in 2017.",
    "It's important to know where your PHI lives before you train on it.",
    "It seems that the cost of training frontier models doubles every year.",
    "There are 18 identifiers under the HIPAA rule.",
    "I think open source will play an important role.",
  ])("passes a standalone opening: %s", (body) => {
    expect(leaningOpening(body)).toBeNull();
  });
});

describe("faithful numbers and names", () => {
  const window = "China's daily AI token consumption rose from about 100 billion to roughly 30 trillion tokens in 18 months, Jensen Huang said.";

  it("finds every number and name in the window, words and digits alike", () => {
    expect(unfaithfulSpecifics("China's token use rose to 30 trillion tokens in eighteen months.", window)).toEqual([]);
    expect(unfaithfulSpecifics("Jensen Huang said token use rose from 100 billion.", window)).toEqual([]);
  });

  it("reports a number or a name the window does not hold", () => {
    expect(unfaithfulSpecifics("China spent $80 million on tokens.", window)).toEqual(["80", "million"]);
    expect(unfaithfulSpecifics("Token use rose 33% in China.", window)).toEqual(["33"]);
    expect(unfaithfulSpecifics("Sam Altman said token use rose in China.", window)).toEqual(["Sam Altman"]);
  });
});

describe("label quality", () => {
  it.each(["export controls", "mixture of experts", "Django", "NVIDIA", "machine learning", "HIPAA", "token consumption"])("a noun phrase or entity: %s", (label) => {
    expect(isNounPhraseLabel(label)).toBe(true);
  });
  it.each(["tend", "six", "bunch", "oftentimes", "reallocates upwards regarding", "sleep eight", "the"])("not one: %s", (label) => {
    expect(isNounPhraseLabel(label)).toBe(false);
  });
});

describe("an episode's reader figures", () => {
  const segments = [
    { start: 0, end: 8, speaker: "Ana", text: "Honestly? I don't think there's a scenario where OpenAI kept being the leader." },
    { start: 8, end: 16, speaker: "Ana", text: "Everybody caught up within a year, um, and the the prices fell by 90%." },
  ];
  const good = {
    headline: "Everybody caught up with OpenAI within a year of its launch",
    body: "Ana doesn't think OpenAI stayed the leader. Everybody caught up within a year, and prices fell by 90%.",
    quote: "I don't think there's a scenario where OpenAI kept being the leader. Everybody caught up within a year, um, and the the prices fell by 90%.",
    matchedText: "",
    topicLabels: ["OpenAI", "prices"],
  };
  const bad = {
    headline: "OpenAI kept being the leader",
    body: "So everybody caught up within a year, um, and the the prices fell by 95%.",
    quote: good.quote,
    matchedText: "",
    topicLabels: ["bunch"],
  };

  it("adds up each measure over the insights, and says what it found", () => {
    const figures = measureReaderFigures([good, bad], segments, isNounPhraseLabel);
    expect(figures).toMatchObject({
      insights: 2,
      sentenceHeadlines: 1,
      headlineMarkersLost: 1,
      bodiesWithDebris: 1,
      leaningOpenings: 1,
      faithful: 1,
      labels: 3,
      goodLabels: 1,
    });
    expect(figures.findings.join("\n")).toContain('"95"');
  });
});
