/**
 * Misheard captions read as facts: a sentence whose grammar no speaker would break ("some the",
 * "they was") may be read in a body, but never heads an insight, and a passage built on it sinks.
 * Every sentence here is said in the corpus (the test fails if it is not).
 */
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { captionGarble } from "@/lib/insights/offline/caption-garble";
import { draftHeadline } from "@/lib/insights/offline/headline";
import { scoreSentences } from "@/lib/insights/offline/score";
import { splitIntoSentences } from "@/lib/insights/offline/sentences";
import { analyzeEnglish } from "@/lib/nlp/english";
import { corpusFile } from "@/tests/helpers/corpus";

const texts = new Map<string, string>();
function said(name: string, sentence: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = parseTranscript(corpusFile(`transcripts/${name}`), { url: `https://example.com/${name}` }).segments.map((segment) => segment.text).join(" ").replace(/\s+/g, " ");
    texts.set(name, text);
  }
  expect(text.includes(sentence), `"${sentence}" in ${name}`).toBe(true);
  return sentence;
}

const garbleOf = (sentence: string) => captionGarble(analyzeEnglish(sentence).sentences[0]!.tokens);
const yt550 = "talkpython_yt_550-ai-contributions-and-maintainer-load.vtt";

describe("captionGarble", () => {
  it("finds a determiner stacked on an article and a pronoun with the wrong form of 'be'", () => {
    expect(garbleOf(said(yt550, "For example, we started having the Django Fellow a long time ago, and now the Python Foundation is the developer in residence, which is some the same things."))).toBe("some the");
    expect(garbleOf(said(yt550, "when I used it, they was slightly different, but the meaning is exactly the same."))).toBe("they was");
  });

  it("leaves English alone: predeterminers, a demonstrative standing alone, compounds, coordinated and object pronouns", () => {
    for (const [name, sentence] of [
      ["btctranscripts_slp066-james-obeirne.md", "So we really want to do this the right way."],
      ["btctranscripts_slp066-james-obeirne.md", "So if you’d like, we can talk a little bit about the details of how this all works but that’s the general point."],
      ["changelog_practical-ai-276.md", "I'd be curious to get your perspective on it as well, as someone that kind of thinks about this a lot, too."],
      ["changelog_brain-science-5.md", "And it's not an all-or-nothing, like either I hit it or I don't, but rather I just want to work towards and always be trying to get to my best self."],
      ["changelog_brain-science-5.md", "And you and I aren't gonna look the same.\""],
      ["changelog_practical-ai-273.md", "One example I'll give you is that"],
    ] as const) {
      expect(garbleOf(said(name, sentence)), sentence).toBeNull();
    }
  });

  it("keeps a misheard sentence from heading an insight (the demo feed led with 'The Python Foundation is the developer in residence')", () => {
    const sentence = said(yt550, "For example, we started having the Django Fellow a long time ago, and now the Python Foundation is the developer in residence, which is some the same things.");
    expect(draftHeadline([sentence], () => 0.5)).toBeNull();
  });

  it("sinks a sentence the caption misheard, against the same words heard right", () => {
    const misheard = said(yt550, "when I used it, they was slightly different, but the meaning is exactly the same.");
    const passage = [
      said(yt550, "I showed multiple example of guidelines or API and AI policy in different projects and the Python one was the first one, the first level."),
      misheard,
      said(yt550, "You are responsible for what you contribute."),
    ];
    const scoreOf = (second: string) => {
      const segments = [passage[0]!, second, passage[2]!].map((text, i) => ({ start: i * 5, end: i * 5 + 5, speaker: null, text }));
      const { sentences } = splitIntoSentences(segments);
      const model = scoreSentences(sentences, { episodeTitle: "AI Contributions and Maintainer Load in Open Source", podcastTitle: "Talk Python To Me" });
      return model.scores[sentences.findIndex((sentence) => sentence.original.includes("slightly different"))]!.score;
    };
    expect(scoreOf(misheard)).toBeLessThan(0.6 * scoreOf(misheard.replace("they was", "they were")));
  });
});
