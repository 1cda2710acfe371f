/**
 * Choosing like an editor, on real transcript text: an episode in another language is skipped with
 * a reason the reader can act on; sponsor reads, app plugs, weather chat and listener mail never
 * become insights; a passage never opens leaning on a sentence the reader does not see.
 */
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import type { TranscriptSegment } from "@/lib/ingest/types";
import { isHousekeeping } from "@/lib/insights/offline/housekeeping";
import { extractOfflineInsights } from "@/lib/insights/offline/offline-extractor";
import { leansBack, narratesCareer, scoreSentences } from "@/lib/insights/offline/score";
import { candidateWindows, selectWindows } from "@/lib/insights/offline/select";
import { splitIntoSentences } from "@/lib/insights/offline/sentences";
import { corpusFile } from "@/tests/helpers/corpus";

const segmentsOf = (name: string) => parseTranscript(corpusFile(`transcripts/${name}`), { url: `https://example.com/${name}` }).segments;
const talkpython517 = corpusFile("transcripts/talkpython_517-agentic-ai.txt").toString("utf8");

/** One speaker's paragraphs, a minute each, as a timed transcript. */
function paragraphs(speaker: string, texts: string[]): TranscriptSegment[] {
  return texts.map((text, index) => ({ start: index * 60, end: (index + 1) * 60, speaker, text }));
}

describe("an episode not in English", () => {
  // The corpus holds no Spanish episode; this is a Spanish show's segment as a transcript gives it.
  const spanish = paragraphs("Lucía", [
    "Bienvenidos a un nuevo episodio. Hoy hablamos de inteligencia artificial y de cómo las empresas latinoamericanas están adoptando modelos de lenguaje en sus productos.",
    "El costo por millón de tokens bajó de diez dólares a poco más de un dólar en dieciocho meses, y eso cambió por completo la economía de las aplicaciones.",
    "Muchas startups de México y Colombia ya no entrenan sus propios modelos: prefieren ajustar modelos abiertos con datos locales, porque es más barato y más rápido.",
    "No olviden descargar nuestra aplicación y usar el código PODCAST para obtener un veinte por ciento de descuento en su primera suscripción.",
  ]);

  it("gets no offline insights and a reason in words", () => {
    const result = extractOfflineInsights({ segments: spanish, episodeTitle: "IA en Latinoamérica", podcastTitle: "Charla Tech" });
    expect(result.insights).toEqual([]);
    expect(result.skippedReason).toBe("Spanish: offline extraction reads English; configure a model");
    expect(result.model).toBe("offline:2");
  });

  it("is told apart from an English episode that names other languages", () => {
    // Talk Python 554 says "full subtitles in German, Spanish, and Portuguese" and is English throughout.
    const result = extractOfflineInsights({ segments: segmentsOf("talkpython_554-trustworthy-ai-in-healthcare.vtt"), episodeTitle: "", podcastTitle: "" });
    expect(result.skippedReason).toBeUndefined();
    expect(result.insights.length).toBeGreaterThan(0);
  });
});

describe("housekeeping and chit-chat", () => {
  it("never makes an insight of Podnews' sponsor read, its app plug or its sign-off", () => {
    const { insights } = extractOfflineInsights({ segments: segmentsOf("transcriptator_podnews_daily_2024-01-25.vtt"), episodeTitle: "", podcastTitle: "" });
    const text = insights.map((insight) => `${insight.headline} ${insight.body}`).join("\n");
    expect(text).not.toMatch(/Hindenburg|trial|30% off|podcast app|Fountain|Product Hunt|subscribe/i);
  });

  it("judges each real housekeeping line as housekeeping", () => {
    for (const line of [
      "And this podcast is sponsored by Hindenburg Pro.", // Podnews daily
      "And today you can get a special 90 day trial and 30% off by following the links at podnews.net/latest.", // Podnews daily
      "Want to check out a new podcast app?", // Podnews daily
      "listeners, please check out podcast index.org click on apps, download a new podcast app, recommend it to your listening audience.", // Buzzcast
      "Welcome to Talk Python To Me, a weekly podcast on Python.", // Talk Python 465
    ]) {
      expect(isHousekeeping(line, ""), line).toBe(true);
    }
    // Claims about apps and weather models stay: the topic is not the plug.
    expect(isHousekeeping("Apple's auto download changes cut reported downloads by 20% in spite of growth elsewhere.", "")).toBe(false);
    expect(isHousekeeping("Building severe weather prediction tools, and applying AI to connect patients with care.", "")).toBe(false);
  });

  it("takes the lines after a house ad's URL with it when the read ends its turn (Talk Python 554)", () => {
    const read = [
      "This portion of Talk Python is brought to you by us. I want to give you a quick bit of news about the courses side of Talk Python.",
      "Now, every single course at Talk Python training has full subtitles in German, Spanish, and Portuguese. That's all 283 hours completely translated, not just a couple of flagship courses.",
      "Just click the CC button in your player, Pick your language, and you can even resize and reposition the captions so they don't cover the code. If Deutsch, Espanol, or Portuguese is your first language, this one's for you.",
      "Check it out at talkpython.fm. Just click Courses in the nav bar, log in, or create an account. Even the free courses now come with subtitles in four different languages.",
    ];
    const { sentences } = splitIntoSentences(paragraphs("Michael Kennedy", read));
    const { scores } = scoreSentences(sentences, { episodeTitle: "", podcastTitle: "" });
    expect(sentences.filter((_, index) => !scores[index]!.offTopic).map((sentence) => sentence.original)).toEqual([]);
  });

  it("reads an episode's blurb as housekeeping, not the talk itself (Talk Python 517's opening)", () => {
    for (const line of [
      "We unpack what breaks from brittle, generate a bunch of test requests to agents amplifying technical debt and uneven design patterns.",
      "Plus, we also discuss a sane Git workflow for AI-sized diffs.",
      "You'll hear practical clawed tips, why developers write more bugs when they get less time programming, and where open source agents are headed.",
    ]) {
      expect(talkpython517.includes(line), line).toBe(true);
      expect(isHousekeeping(line, ""), line).toBe(true);
    }
    // The same words in the talk itself are not the blurb.
    expect(isHousekeeping("We discuss the design with every new contributor before they write code.", "")).toBe(false);
  });

  it("reads a note to the host company's customers as housekeeping (Buzzcast)", () => {
    expect(isHousekeeping("Just a quick note for our Buzzsprout listeners, don't you don't have to write into the port and ask us to put a grid on your RSS feed, they're already there.", "")).toBe(true);
  });

  // The corpus has no weather chat or listener mail; these are written the way hosts say them, and
  // each is full of numbers and names, so only the housekeeping rules keep them out.
  const chitChat = paragraphs("Host", [
    "It's so hot here in Phoenix this week. We had 115 degrees on Tuesday and 117 degrees on Wednesday, which is the hottest week Arizona has recorded since 2013. The air conditioning in the studio gave up twice.",
    "The weather has been wild for our co-host in Toronto too, with 40 centimetres of snow in April. Snowstorm after snowstorm, and the city ran out of salt for the roads by the 12th.",
    "We got an email from Sarah in Leeds, who has listened since episode 1 and runs a podcast with 3,000 listeners. She asks how we edit our 90 minute episodes down to 45 minutes every week.",
    "Thanks, Mark, for the boost of 5,000 sats and for the message about our interview with Adam Curry. Boostagrams like yours fund about 30% of our hosting bill at Buzzsprout.",
    "Download our app from the App Store or Google Play to hear every episode 24 hours early. The new version 2.0 of the app has offline downloads, chapters and transcripts for all 300 episodes.",
  ]);

  it("gives no insight from weather chat, listener mail, boosts or an app plug", () => {
    const result = extractOfflineInsights({ segments: chitChat, episodeTitle: "Episode 301", podcastTitle: "The Show" });
    expect(result.skippedReason).toBeUndefined();
    expect(result.insights.map((insight) => insight.body)).toEqual([]);
  });
});

describe("a passage that leans on what came before", () => {
  // Lucy Lu Wang on Practical AI 86: "These folks" are NIST's, named in the sentence before.
  const turn =
    "Another thing that I've been involved in lately is we're running a TREC challenge on this dataset. TREC is the Text REtrieval Conference, and it's been a project at NIST, which is the National Institute of Standards in Technology, for the last 20 years. These folks are really good at information retrieval, and judging information retrieval systems.";
  const after =
    "The way that these systems are judged is by having expert medical annotators review all the results and provide gold rankings of what is most relevant to query, and what is least relevant. So there is a lot of this incorporating experts in the loop, incorporating humans in the loop, to bolster our machine learning systems.";

  function windowsOf(segments: TranscriptSegment[]) {
    const { sentences } = splitIntoSentences(segments);
    const model = scoreSentences(sentences, { episodeTitle: "", podcastTitle: "" });
    return { sentences, windows: candidateWindows(sentences, model) };
  }

  it("is read as leaning by its opening pronoun, and a sentence that names its subject is not", () => {
    const { sentences } = splitIntoSentences(paragraphs("Lucy Lu Wang", [turn]));
    expect(sentences.map((sentence) => leansBack(sentence))).toEqual([false, false, true]);
  });

  it("is read as leaning after a lead-in, a framing \"I think\" or a quantifier (real openings from the corpus)", () => {
    const leaning = [
      "I think that word is very germane.", // Stephan Livera Podcast 66
      "So all these features whenever we can we want to implement them without having to require, you know, any, any kind of, you know, technical knowledge on our podcasters.", // Buzzcast
      "And so that's the way that the Bitcoin ends up changing.", // Stephan Livera Podcast 66
    ];
    const standing = [
      "I think that the FTC is gonna regulate it even more.",
      "It turns out that most miners are based in mining farms.",
      "Even human-level performance happens about 8 to 10 percent labeling error for detecting PHIs.", // Practical AI 273
    ];
    const lean = (text: string) => leansBack(splitIntoSentences(paragraphs("A", [text])).sentences[0]!);
    for (const text of leaning) expect(lean(text), text).toBe(true);
    for (const text of standing) expect(lean(text), text).toBe(false);
  });

  it("takes in the sentence it leans on when that is in the same turn", () => {
    const { sentences, windows } = windowsOf([{ start: 0, end: 60, speaker: "Lucy Lu Wang", text: `${turn} ${after}` }]);
    const leaning = sentences.findIndex((sentence) => sentence.original.startsWith("These folks"));
    expect(windows.some((window) => window.first === leaning)).toBe(false);
    const taken = windows.filter((window) => window.first < leaning && window.last >= leaning);
    expect(taken.length).toBeGreaterThan(0);
    for (const window of taken) expect(window.first).toBeLessThanOrEqual(leaning - 1);
  });

  it("is passed over as an opening when what it leans on was said by someone else", () => {
    const { sentences, windows } = windowsOf([
      { start: 0, end: 30, speaker: "Daniel Whitenack", text: "TREC is the Text REtrieval Conference, and it's been a project at NIST, which is the National Institute of Standards in Technology, for the last 20 years." },
      { start: 30, end: 90, speaker: "Lucy Lu Wang", text: `These folks are really good at information retrieval, and judging information retrieval systems. ${after}` },
    ]);
    const leaning = sentences.findIndex((sentence) => sentence.original.startsWith("These folks"));
    expect(windows.some((window) => window.first === leaning)).toBe(false);
    expect(windows.some((window) => window.first === leaning + 1)).toBe(true);
  });
});

describe("a window without a headline", () => {
  it("is not an insight: the next best window is chosen instead", () => {
    const { sentences } = splitIntoSentences(segmentsOf("changelog_practical-ai-276.md"));
    const model = scoreSentences(sentences, { episodeTitle: "", podcastTitle: "" });
    const candidates = candidateWindows(sentences, model);
    const duration = 0.71 * 3600;
    const chosen = selectWindows(candidates, duration).windows;
    const refused = chosen[0]!;
    const again = selectWindows(candidates, duration, (window) => window !== refused).windows;
    expect(again).not.toContain(refused);
    expect(again.length).toBe(chosen.length);
    expect(selectWindows(candidates, duration, () => false).windows).toEqual([]);
  });
});

describe("what others are reported to say", () => {
  it("marks the sentences that carry on a list of reported speech, so none of them heads a passage", () => {
    const segments = segmentsOf("talkpython_517-agentic-ai.txt");
    const at = segments.findIndex((segment) => segment.text.includes("it is not that big of a shift compared to when they said, oh,"));
    const { sentences } = splitIntoSentences(segments.slice(at, at + 2));
    const model = scoreSentences(sentences, { episodeTitle: "", podcastTitle: "" });
    const reported = sentences.filter((_sentence, index) => model.scores[index]!.reported).map((sentence) => sentence.original);
    // The speaker's view is the opposite: "it is not that big of a shift".
    expect(reported).toEqual([
      "Software developers are going to go away because we have code generation off UML diagrams.",
      "Software developers are going to go away because of low code, no code.",
    ]);
  });
});

describe("a speaker's own career story", () => {
  const slp277 = "btctranscripts_slp277-alejandro-de-la-torre.md";
  const career = [
    "I built that out for three years, we became the largest Bitcoin mining pool for two years in a row.",
    "We also had a pretty successful wallet and that I left that a couple of years ago to join the same team that co-founded btc.com.",
  ];

  it("is told from a claim that merely says \"we\" (real sentences from the corpus)", () => {
    const text = corpusFile(`transcripts/${slp277}`).toString("utf8");
    for (const sentence of career) {
      expect(text.includes(sentence), sentence).toBe(true);
      expect(narratesCareer(sentence), sentence).toBe(true);
    }
    expect(narratesCareer("We have seen a lot of people who have been posting 15% down, 20% down.")).toBe(false);
    expect(narratesCareer("we started reasoning on how to do, how to face this amount of requests.")).toBe(false);
    expect(narratesCareer("Poolin, we’re the second largest mining pool in the world, we provide also a bunch of nice synthetics and whatnot.")).toBe(false);
  });

  it("ranks below every claim the episode gives (the demo brief's first insight and subject line was this passage)", () => {
    const { sentences } = splitIntoSentences(segmentsOf(slp277));
    const model = scoreSentences(sentences, { episodeTitle: "", podcastTitle: "" });
    const windows = candidateWindows(sentences, model);
    const story = windows.filter((window) => window.bodySentences.join(" ").includes("I built that out for three years"));
    expect(story.length).toBeGreaterThan(0);
    const { insights } = extractOfflineInsights({ segments: segmentsOf(slp277), episodeTitle: "", podcastTitle: "" });
    expect(insights.length).toBeGreaterThan(3);
    const weakestClaim = Math.min(...insights.map((insight) => insight.qualityScore));
    expect(Math.max(...story.map((window) => window.score))).toBeLessThan(weakestClaim);
    expect(insights.some((insight) => insight.quote.includes("I built that out"))).toBe(false);
  });
});
