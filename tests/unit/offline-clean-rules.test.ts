/**
 * Each rule of body cleaning (issue 14, item 2), held by a test: one per kind of filler, stutter,
 * false start, self-repair, non-speech and metadata, and one per thing cleaning must never take
 * (a negation, a number, a name, a hedge that carries meaning), each written so that a cleaner
 * without that protection fails it. Lines marked "corpus" are real, from tests/corpus/transcripts.
 *
 * Before and after, from the corpus (what a reader of the body now sees):
 *   "Some of it was, you know, not really having a clear way, you know, because again, Bitcoin has no king or CEO."
 *     → "Some of it was not really having a clear way, because again, Bitcoin has no king or CEO."
 *   "That was relying on the mining farms themselves, which was kind of the reason why it took some, some days for everything to go through, …"
 *     → "That was relying on the mining farms themselves, which was the reason why it took some days for everything to go through, …"
 *   "… does that mean we're reliant on all of those individual mining pools or sorry, oh, those individual miners, rather not the pools — …"
 *     → "… does that mean we're reliant on all of those individual miners, rather not the pools — …"
 *   "Well, yeah, I mean, that's my general point of view, but I still think it's — there's nothing wrong with other clients coming into play."
 *     → "That's my general point of view, but I still think there's nothing wrong with other clients coming into play."
 *   "So, you know, I was, I had a front row seat at of all the debates …" → "So I had a front row seat at of all the debates …"
 *   "I think the hash rate will be more, I guess, decentralized…" → unchanged: "I guess" is the speaker's doubt.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { cleanSentence } from "@/lib/insights/offline/clean";
import { analyzeEnglish, properNames } from "@/lib/nlp/english";
import { hedgesIn, negationsIn } from "@/lib/nlp/meaning-markers";
import { corpusDir } from "@/tests/helpers/corpus";

describe("fillers and discourse markers", () => {
  it("removes um and uh", () => {
    expect(cleanSentence("Um, so the model uh runs on, um, a laptop.")).toBe("So the model runs on a laptop.");
  });

  it("removes \"you know\" as a filler, not as a verb", () => {
    // corpus
    expect(cleanSentence("They do contact us because they want, you know, special.")).toBe("They do contact us because they want special.");
    expect(cleanSentence("Do you know how the index is built?")).toBe("Do you know how the index is built?");
  });

  it("removes \"I mean\" as a filler, not as a verb", () => {
    // corpus
    expect(cleanSentence("Well, yeah, I mean, that's my general point of view.")).toBe("That's my general point of view.");
    expect(cleanSentence("What I mean is the price fell.")).toBe("What I mean is the price fell.");
  });

  it("removes \"like\" as a filler; keeps it as a verb, a comparison, an example and an estimate", () => {
    // corpus
    expect(cleanSentence("Like a soft fork versus a hard fork is really just a constriction of the rule set.")).toBe("A soft fork versus a hard fork is really just a constriction of the rule set.");
    expect(cleanSentence("So there's like aside from that issue, language barriers.")).toBe("So there's aside from that issue, language barriers.");
    expect(cleanSentence("I like how small the model is.")).toBe("I like how small the model is.");
    // corpus
    expect(cleanSentence("They're big farms so they want special deals, like lower fees.")).toBe("They're big farms so they want special deals, like lower fees.");
    expect(cleanSentence("I'd like to chat about what it was like for you.")).toBe("I'd like to chat about what it was like for you.");
    expect(cleanSentence("It should take on the order of like four hours.")).toBe("It should take on the order of like four hours.");
  });

  it("removes \"like\" that only holds the floor before a clause, after a preposition or a complementizer", () => {
    // corpus: before "there are", after "with … ,", after "that", after "My guess is", and "just like," before a place.
    expect(cleanSentence("And even doing a lot of the software development internally, like there are so many benefits of that.")).toBe("And even doing a lot of the software development internally, there are so many benefits of that.");
    expect(cleanSentence("So that's where I've struggled a little bit with like, as you know, the chat models based on LLMs, especially as they've added search have gotten better.")).toBe("So that's where I've struggled a little bit with, as you know, the chat models based on LLMs, especially as they've added search have gotten better.");
    expect(cleanSentence("And if it was suddenly true that like only certain companies could even provide AI models, I didn't even know what that would mean for open source or for academic research.")).toBe("And if it was suddenly true that only certain companies could even provide AI models, I didn't even know what that would mean for open source or for academic research.");
    expect(cleanSentence("My guess is like a lot of this stuff will start to get standardized, just like MCP was standardized and an open standard.")).toBe("My guess is a lot of this stuff will start to get standardized, just like MCP was standardized and an open standard.");
    expect(cleanSentence("Like, there's a bunch of different reasons that I was just like, in Jupyter.")).toBe("There's a bunch of different reasons that I was just in Jupyter.");
    // Kept: an estimate after a preposition, a comparison after "is", a restart after "with like,", and "kind of like," (a hedge's own "of").
    expect(cleanSentence("I talked with like, 40 people.")).toBe("I talked with like, 40 people.");
    expect(cleanSentence("The problem is like a virus that spreads.")).toBe("The problem is like a virus that spreads.");
    expect(cleanSentence("The problem is like a virus.")).toBe("The problem is like a virus.");
    // corpus
    expect(cleanSentence("I think, and there's like, there's nothing to do with like, there's a lot of other things you can do.")).not.toContain("with there's");
    // corpus
    expect(cleanSentence("But once I got confident in the models being able to read the code, I was kind of like, eh, just like dip my toe in the water.")).toContain("I was like, eh");
  });

  it("writes \"as\" for \"like\" before someone saying so", () => {
    // corpus
    expect(cleanSentence("And then model risk management typically - not in all cases - doesn't address security and privacy and in some cases discrimination issues, like Andrew mentioned.")).toBe("And then model risk management typically - not in all cases - doesn't address security and privacy and in some cases discrimination issues, as Andrew mentioned.");
    // corpus
    expect(cleanSentence("Like I mentioned earlier refactoring for the sake of refactoring is sort of discouraged.")).toBe("As I mentioned earlier refactoring for the sake of refactoring is sort of discouraged.");
    // corpus: "feel like" is not "as".
    expect(cleanSentence("So one of the things that I feel like I say over and over again is that the liabilities are not new.")).toBe("So one of the things that I feel like I say over and over again is that the liabilities are not new.");
  });

  it("removes a filler that opens a sentence inside the text, and capitalizes what then opens it", () => {
    // corpus: "You" after "..." is the sentence's first word, not a name.
    expect(cleanSentence("I'd really like to jump in here, and I'll try not to be too negative... You know, having spent four years in Silicon Valley, data scientists are paid a lot; a lot more than a general practitioner physician.")).toBe("I'd really like to jump in here, and I'll try not to be too negative... Having spent four years in Silicon Valley, data scientists are paid a lot; a lot more than a general practitioner physician.");
  });

  it("removes an opening filler when a name then opens the sentence", () => {
    // corpus: "Audio" and "Andrew" are still said, now first.
    expect(cleanSentence("I mean, Audio Booms platform were downloaded 1.5 billion times across 150 countries across the world.")).toBe("Audio Booms platform were downloaded 1.5 billion times across 150 countries across the world.");
    expect(cleanSentence("I mean, Andrew probably thought about it, but I never would have thought about it.")).toBe("Andrew probably thought about it, but I never would have thought about it.");
  });

  it("removes \"kind of\"/\"sort of\" as a filler; keeps the noun and the hedge before an adjective or verb", () => {
    // corpus
    expect(cleanSentence("So it was kind of a little bit of a slow start in the very beginning.")).toBe("So it was a little bit of a slow start in the very beginning.");
    expect(cleanSentence("That's the kind of viewpoint of Luke.")).toBe("That's the kind of viewpoint of Luke.");
    expect(cleanSentence("Refactoring for the sake of refactoring is sort of discouraged.")).toBe("Refactoring for the sake of refactoring is sort of discouraged.");
  });

  it("removes \"basically\" and \"literally\" where they only stress", () => {
    // corpus
    expect(cleanSentence("The UTXO set is basically the set of unspent transaction outputs that we have.")).toBe("The UTXO set is the set of unspent transaction outputs that we have.");
    expect(cleanSentence("It would literally take me nearly an hour.")).toBe("It would take me nearly an hour.");
    expect(cleanSentence("Take it literally.")).toBe("Take it literally.");
  });

  it("ends a statement tagged \"right?\" as the statement it is", () => {
    // corpus
    expect(cleanSentence("We often talk about the importance of naming things, right?")).toBe("We often talk about the importance of naming things.");
    expect(cleanSentence("Is that right?")).toBe("Is that right?");
  });
});

describe("stutters, false starts and self-repairs", () => {
  it("collapses stutters and repeated words", () => {
    // corpus
    expect(cleanSentence("So we worked, we worked around the clock, the Poolin team actually helped.")).toBe("So we worked around the clock, the Poolin team actually helped.");
    expect(cleanSentence("As we've obviously seen with the the Bitcoin Cash group.")).toBe("As we've obviously seen with the Bitcoin Cash group.");
    // corpus: "that, that" after a verb is an object and then a subject, not a stutter.
    expect(cleanSentence("Just to paraphrase that, that's sort of saying there are certain positions.")).toBe("Just to paraphrase that, that's sort of saying there are certain positions.");
  });

  it("drops a false start that is begun again", () => {
    expect(cleanSentence("We went — we built the index in Rust.")).toBe("We built the index in Rust.");
    expect(cleanSentence("It's -- it's a question of scale.")).toBe("It's a question of scale.");
    // corpus
    expect(cleanSentence("Of course we're all — the mining pool business is extremely competitive.")).toBe("The mining pool business is extremely competitive.");
  });

  it("drops an article given up for an example", () => {
    // corpus
    expect(cleanSentence("But it got me into CUDA stuff, which then at the time was around the time that the, like AlexNet, some of these like very first neural net stuff was happening.")).toBe("But it got me into CUDA stuff, which then at the time was around the time that like AlexNet, some of these very first neural net stuff was happening.");
    // corpus: after an aside the phrase resumes, so the article stays.
    expect(cleanSentence("Even if doctors are still involved in making the, as they should be, making the analysis.")).toContain("making the, as they should be");
  });

  it("keeps the repair of a self-repair and drops what it replaces", () => {
    // The example.
    expect(cleanSentence("I don't my test cases and so that's not a thing that, I, a problem.")).toBe("I don't my test cases and so that's not a problem.");
    expect(cleanSentence("It ran on all of those mining pools or sorry, those miners.")).toBe("It ran on all of those miners.");
  });

  it("drops a word begun and cut off before it is said whole, and a verb replaced by one that carries the tense", () => {
    // corpus (talkpython_yt_550, issue 14's example)
    expect(cleanSentence("but this is does not dis disprove or devalue it")).toBe("But this does not disprove or devalue it.");
    expect(cleanSentence("It was has been a long road.")).toBe("It has been a long road.");
    // Short words that begin longer ones, a clause as subject and an embedded question are not repairs.
    expect(cleanSentence("The therapy works for the information we have.")).toBe("The therapy works for the information we have.");
    expect(cleanSentence("What it is does matter.")).toBe("What it is does matter.");
    expect(cleanSentence("The question is do we need it.")).toBe("The question is do we need it.");
  });
});

describe("non-speech and metadata", () => {
  it("removes sounds and transcriber notes, and keeps a transcriber's inserted word", () => {
    // corpus
    expect(cleanSentence("[laughs] Stress is a part of our day-to-day world.")).toBe("Stress is a part of our day-to-day world.");
    expect(cleanSentence("So this research [unintelligible 00:23:42.25] took these MRI scans.")).toBe("So this research took these MRI scans.");
    expect(cleanSentence("It was a disaster (crosstalk) for the team.")).toBe("It was a disaster for the team.");
    // corpus
    expect(cleanSentence("It does not only make sense for China but it [does] make sense for the rest of the globe.")).toBe("It does not only make sense for China but it does make sense for the rest of the globe.");
  });

  it("leaves nothing of a line that is not speech", () => {
    expect(cleanSentence("Transcript by Rev.com")).toBe("");
    expect(cleanSentence("[MUSIC PLAYING]")).toBe("");
    expect(cleanSentence("01:02:33")).toBe("");
    expect(cleanSentence("Speaker 1:")).toBe("");
    // corpus
    expect(cleanSentence("podcast: https://stephanlivera.com/episode/277/")).toBe("");
  });

  it("removes a speaker label or timestamp left in the text", () => {
    expect(cleanSentence("Speaker 1: We shipped it in March.")).toBe("We shipped it in March.");
    expect(cleanSentence("[00:12:34] We shipped it in March.")).toBe("We shipped it in March.");
  });
});

describe("what cleaning never takes", () => {
  it("keeps a negation where the removal would take it", () => {
    // A false start begun again is dropped, but not when it holds the "not".
    expect(cleanSentence("We don't — we built it ourselves.")).toBe("We don't — we built it ourselves.");
    expect(cleanSentence("No, it doesn't scale.")).toBe("No, it doesn't scale.");
  });

  it("keeps a number, and never joins or collapses two into another", () => {
    // corpus
    expect(cleanSentence("I think it's around 60, 65% of the entire hash rate.")).toBe("I think it's around 60, 65% of the entire hash rate.");
    expect(cleanSentence("About 8, 8% of blocks.")).toBe("About 8, 8% of blocks.");
    expect(cleanSentence("It was twenty, twenty five percent.")).toBe("It was twenty, twenty five percent.");
    expect(cleanSentence("It's 3, um, 33% now.")).toBe("It's 3, 33% now.");
    expect(cleanSentence("It's 3 um 33% now.")).toBe("It's 3 um 33% now.");
    // An exact stutter of a number, with its value unchanged, does collapse.
    expect(cleanSentence("It was 10, 10 years ago.")).toBe("It was 10 years ago.");
    // corpus (talkpython_554): a stutter or a count of one, "one one thousandth" is one thousandth either way.
    expect(cleanSentence("like one one thousandth the data makes it to the mainframe")).toBe("Like one thousandth the data makes it to the mainframe.");
    // Here the readings differ (2/1000 or 1/1000; one number or two), so the words stay as said.
    expect(cleanSentence("It was two two thousandths of it.")).toBe("It was two two thousandths of it.");
    expect(cleanSentence("There were one one hundred people.")).toBe("There were one one hundred people.");
  });

  it("keeps a name where the removal would take it", () => {
    expect(cleanSentence("We were at Stripe — we built the ledger there.")).toBe("We were at Stripe — we built the ledger there.");
  });

  it("keeps a hedge that carries meaning", () => {
    expect(cleanSentence("It's probably — it's the chips.")).toBe("It's probably — it's the chips.");
    // Every hedge meaning-markers knows, "my hunch" too: cleaning once had its own shorter list.
    expect(cleanSentence("My hunch is — it's the chips.")).toBe("My hunch is — it's the chips.");
    // corpus
    expect(cleanSentence("I think the hash rate will be more, I guess, decentralized.")).toBe("I think the hash rate will be more, I guess, decentralized.");
    expect(cleanSentence("I'm guessing, you know, it's about 30%.")).toBe("I'm guessing, it's about 30%.");
    expect(cleanSentence("It's kind of expensive.")).toBe("It's kind of expensive.");
  });

  it("keeps the sentence boundaries it was given", () => {
    expect(cleanSentence("It works... Yeah, you know, it really works.")).toBe("It works... Yeah, it really works.");
    expect(cleanSentence("the model runs locally, you know")).toBe("The model runs locally.");
  });
});

describe("on every sentence of the corpus", () => {
  // Sounds and transcriber notes are not speech, so what they hold is not protected.
  const spoken = (text: string) => text.replace(/\[[^\]]*\]|\((?:laugh|crosstalk|inaudible)[^)]*\)/gi, " ");

  const sentences: string[] = [];
  for (const name of fs.readdirSync(path.join(corpusDir, "transcripts")).filter((file) => !file.endsWith(".expected.json"))) {
    let segments;
    try {
      segments = parseTranscript(fs.readFileSync(path.join(corpusDir, "transcripts", name)), { url: `https://example.com/${name}` }).segments;
    } catch {
      continue;
    }
    const analyzed = analyzeEnglish(segments.map((segment) => segment.text).join(" "));
    for (const sentence of analyzed.sentences) sentences.push(analyzed.text.slice(sentence.start, sentence.end));
  }

  it("reads enough of it to mean something", () => {
    expect(sentences.length).toBeGreaterThan(5000);
  });

  it("never loses a negation, a meaningful hedge, a number, a name or a sentence end", { timeout: 120_000 }, () => {
    const failures: string[] = [];
    let changed = 0;
    for (const sentence of sentences) {
      const cleaned = cleanSentence(sentence);
      if (cleaned === "") continue;
      if (cleaned !== `${sentence}` && cleaned !== `${sentence}.`) changed++;
      // A splitter may leave the previous sentence's ".." at the start; it ends nothing here.
      const said = spoken(sentence).replace(/^[\s.…]+/, "");
      const lower = cleaned.toLowerCase();
      const negations = new Set(negationsIn(cleaned));
      const hedges = new Set(hedgesIn(cleaned));
      const analyzed = analyzeEnglish(said);
      const lost = [
        ...negationsIn(said).filter((negation) => !negations.has(negation)),
        ...hedgesIn(said).filter((hedge) => hedge !== "kind of" && hedge !== "sort of" && !hedges.has(hedge)),
        ...analyzed.entities.filter((entity) => /\d/.test(entity.text)).map((entity) => entity.text).filter((number) => !lower.includes(number.toLowerCase())),
        // Word by word: "the Arctic Arctic sea" said twice keeps its name once.
        ...properNames(analyzed).filter((name) => name.toLowerCase().split(/\s+/).some((word) => !lower.includes(word))),
      ];
      if (lost.length > 0) failures.push(`${sentence}\n  → ${cleaned}\n  lost: ${lost.join(", ")}`);
      const ends = (text: string) => text.match(/[.!?…]+["'”’)]*\s+(?=["'“‘(]?\p{Lu})/gu)?.length ?? 0;
      if (ends(cleaned) !== ends(said)) failures.push(`${sentence}\n  → ${cleaned}\n  sentence ends changed`);
    }
    expect(failures).toEqual([]);
    // Cleaning does clean: a fifth of spoken sentences or more carry something it removes.
    expect(changed).toBeGreaterThan(sentences.length / 10);
  });
});
