/**
 * Cleaning spoken sentences for reading: disfluencies go, meaning stays. Each case pairs what was
 * said with what a reader should see.
 */
import { describe, expect, it } from "vitest";
import { cleanSentence, openSentence } from "@/lib/insights/offline/clean";

describe("cleanSentence", () => {
  it.each([
    ["So, um, the model uh runs on a laptop.", "So the model runs on a laptop."],
    ["Um, we shipped it in March.", "We shipped it in March."],
    ["The cost is, you know, mostly electricity.", "The cost is mostly electricity."],
    ["It was, like, ten times cheaper, you know.", "It was ten times cheaper."],
    ["We saw, I mean, a huge drop in latency.", "We saw a huge drop in latency."],
    ["The miners were very — you know, the miners in those days never upgraded.", "The miners in those days never upgraded."],
  ])("removes fillers at clause level: %s", (said, read) => {
    expect(cleanSentence(said)).toBe(read);
  });

  it.each([
    ["Do you know how the index is built?", "Do you know how the index is built?"],
    ["I like how small the model is.", "I like how small the model is."],
    ["Databases like Postgres handle this well.", "Databases like Postgres handle this well."],
    ["What I mean is the price fell.", "What I mean is the price fell."],
    ["I think that that is the real risk.", "I think that that is the real risk."],
  ])("keeps the same words where they are grammar: %s", (said, read) => {
    expect(cleanSentence(said)).toBe(read);
  });

  it.each([
    ["The the model was trained on on public data.", "The model was trained on public data."],
    ["I was, I was surprised by the results.", "I was surprised by the results."],
    ["We- we built the index in Rust.", "We built the index in Rust."],
    ["It's — it's a question of scale.", "It's a question of scale."],
    ["That, that changed everything for us.", "That changed everything for us."],
  ])("collapses stutters: %s", (said, read) => {
    expect(cleanSentence(said)).toBe(read);
  });

  it.each([
    ["I was- I think the chips are the bottleneck.", "I think the chips are the bottleneck."],
    ["We had the -- it's called Poolin now.", "It's called Poolin now."],
    ["Now part of the — it's called Poolin.", "It's called Poolin."],
  ])("drops false starts and keeps the sentence that was finished: %s", (said, read) => {
    expect(cleanSentence(said)).toBe(read);
  });

  it("keeps a dash that sets off a real aside", () => {
    expect(cleanSentence("The team — which was small — shipped in a month.")).toBe("The team — which was small — shipped in a month.");
  });

  it("removes bracketed noise and transcriber notes", () => {
    expect(cleanSentence("That was a disaster [laughter] for the whole team.")).toBe("That was a disaster for the whole team.");
    expect(cleanSentence("The law passed [unintelligible 00:42:51.23] in 2023.")).toBe("The law passed in 2023.");
    expect(cleanSentence("(laughs) It still works.")).toBe("It still works.");
  });

  it("drops what only holds the floor at the start, and capitalizes what is left", () => {
    expect(cleanSentence("Yeah, so, I mean, inference is where the money goes.")).toBe("So inference is where the money goes.");
    expect(cleanSentence("Well the whole idea was to coordinate the pools.")).toBe("The whole idea was to coordinate the pools.");
  });

  it("leaves nothing of a sentence that was only filler", () => {
    expect(cleanSentence("Um, uh.")).toBe("");
    expect(cleanSentence("[crosstalk]")).toBe("");
  });

  it("ends every sentence with its punctuation", () => {
    expect(cleanSentence("and the model runs locally")).toBe("And the model runs locally.");
    expect(cleanSentence("Why does it cost so much?")).toBe("Why does it cost so much?");
  });

  it("keeps every word that carries meaning, in order", () => {
    const said = "Um, so, we, we found that, you know, 40% of the the cost is, uh, energy, because the chips are old.";
    const read = cleanSentence(said);
    expect(read).toBe("So, we found that 40% of the cost is energy, because the chips are old.");
    for (const word of ["found", "40%", "cost", "energy", "because", "chips", "old"]) expect(read).toContain(word);
  });
});

describe("openSentence", () => {
  it.each([
    ["And so the chips are cheaper.", "The chips are cheaper."],
    ["But there's a catch with the license.", "There's a catch with the license."],
    ["Rather, mounting evidence shows a physical toll.", "Mounting evidence shows a physical toll."],
    ["So far nobody has replicated it.", "So far nobody has replicated it."],
    ["So that's why it failed.", "So that's why it failed."],
  ])("drops connectives that point at an unseen sentence: %s", (sentence, opened) => {
    expect(openSentence(sentence)).toBe(opened);
  });
});
