/**
 * wink-nlp learns the words its model lacks as it reads, and its tokenizer consults what it learned:
 * without a fresh state per read, the same text was cut and tagged differently the second time
 * ("super-interesting..." as "." ".." first, "..." later), and an episode's insights depended on what
 * the process had extracted before.
 */
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { extractOfflineInsights } from "@/lib/insights/offline/offline-extractor";
import { analyzeEnglish, englishEntities, readEnglish } from "@/lib/nlp/english";
import { corpusFile } from "@/tests/helpers/corpus";

function extract(name: string) {
  const { segments } = parseTranscript(corpusFile(`transcripts/${name}`), { url: `https://example.com/${name}` });
  return extractOfflineInsights({ segments, episodeTitle: name, podcastTitle: "" });
}

describe("reading English with wink-nlp", () => {
  it("gives an episode the same insights whether it is read first or after others", () => {
    const first = extract("changelog_brain-science-33.md");
    extract("changelog_practical-ai-86.md");
    expect(extract("changelog_brain-science-33.md")).toEqual(first);
  });

  it("cuts and tags a text alike however often it has been read", () => {
    const text = "And this is what was super-interesting... There's a neurologist. Next year's index, I'm... blanking.";
    const tags = () => readEnglish(text).tokens.map((token) => `${token.text}/${token.pos}`);
    const analyzed = () => analyzeEnglish(text).tokens.map((token) => `${token.text}/${token.pos}/${token.lemma}`);
    const firstTags = tags();
    const firstAnalyzed = analyzed();
    expect(tags()).toEqual(firstTags);
    expect(analyzed()).toEqual(firstAnalyzed);
  });

  it("finds the same numeric entities however often a text has been read", () => {
    const text = "It cost $80 million... and 30,000 GPUs... in 2023.";
    const first = englishEntities(text);
    expect(englishEntities(text)).toEqual(first);
  });
});
