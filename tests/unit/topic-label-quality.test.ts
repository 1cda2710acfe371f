/**
 * Topic labels name subjects: isGoodLabel tells a noun phrase or a name from a word of talk, and the
 * offline keyphrases offer only labels that pass it, on passages of the corpus's own transcripts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { topKeyphrases } from "@/lib/insights/offline/keyphrases";
import { contentTerms } from "@/lib/insights/offline/tokens";
import { isGoodLabel } from "@/lib/insights/topics/label-quality";

describe("isGoodLabel", () => {
  it("takes noun phrases, compounds and names", () => {
    for (const label of [
      "export controls",
      "semiconductor export controls",
      "mixture of experts",
      "economies of scale",
      "AI-generated pull requests",
      "machine learning",
      "healthcare data breaches",
      "mental health",
      "Bitcoin Core",
      "Claude Code",
      "CVE-2018-17144",
      "SB 1047",
      "PHI",
      "China",
      "burnout",
    ]) {
      expect(isGoodLabel(label), label).toBe(true);
    }
  });

  it("turns away words of talk, numbers, common single nouns and phrases that judge instead of name", () => {
    for (const label of ["tend", "six", "bunch", "oftentimes", "stuff", "sleep", "data", "output", "the whole thing", "a lot of people", "lot of people", "six months", "last year", "huge problem", "I think", "going", "January", "billions of dollars"]) {
      expect(isGoodLabel(label), label).toBe(false);
    }
  });
});

describe("topKeyphrases", () => {
  const passage =
    "The export controls on advanced chips changed the market overnight. Oftentimes we tend to forget that a bunch of labs had six months of GPUs stockpiled, so the semiconductor export controls mostly hit the next generation of data centers in China.";
  // Every word weighs the same: what decides is whether a phrase names a subject.
  const flat = () => 0.5;

  it("offers noun phrases and names from the passage, never a single common word", () => {
    const labels = topKeyphrases(passage, flat, new Set());
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.some((label) => /export controls/.test(label))).toBe(true);
    for (const label of labels) expect(isGoodLabel(label), label).toBe(true);
    for (const word of ["tend", "six", "bunch", "oftentimes", "months"]) expect(labels).not.toContain(word);
  });

  it("leaves out the speakers' names", () => {
    const labels = topKeyphrases("Stephan Livera asked whether mining pools signal for Taproot activation.", flat, new Set(["stephan", "livera"]));
    expect(labels.join(" ")).not.toMatch(/Stephan|Livera/);
    expect(labels).toEqual(expect.arrayContaining(["Taproot activation"]));
  });

  it("gives labels that pass on real transcript passages", () => {
    const file = path.join(import.meta.dirname, "../corpus/transcripts/changelog_brain-science-33.md");
    const text = fs.readFileSync(file, "utf8").replace(/\*\*[^*]+:\*\*/g, " ");
    const paragraphs = text.split(/\n+/).filter((paragraph) => paragraph.length > 300).slice(0, 30);
    const counts = new Map<string, number>();
    for (const term of contentTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const peak = Math.max(...counts.values());
    const weight = (term: string) => (counts.get(term) ?? 0) / peak;
    const labels = paragraphs.flatMap((paragraph) => topKeyphrases(paragraph, weight, new Set()));
    expect(labels.length).toBeGreaterThan(20);
    expect(labels.filter((label) => !isGoodLabel(label))).toEqual([]);
    expect(labels).toContain("burnout");
  });
});
