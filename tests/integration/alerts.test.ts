/**
 * Alerts on what's said, against a real database and a real transcript (Talk Python 554, tests/corpus):
 * a saved phrase found in the transcript with the sentence around it and the second it was said; a
 * phrase nobody said finds nothing; an insight close in meaning matches with no shared phrase; a second
 * run on the same transcript adds nothing; hostile and huge input is refused in words; matches go into
 * the next brief as their own section, and out by email once.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusFile } from "@/tests/helpers/corpus";
import { TEN_MILLION, TRUSTWORTHY_AI_FILE } from "@/tests/helpers/trustworthy-ai-episode";

const { db } = await import("@/lib/db");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { insightEmbeddingText } = await import("@/lib/insights/pipeline");
const { parseTranscript } = await import("@/lib/ingest/transcript/parse-transcript");
const { createAlert, deleteAlert, listAlertMatches, listAlerts } = await import("@/lib/alerts/alerts");
const { matchEpisodeAlerts } = await import("@/lib/alerts/match-alerts");
const { ALERTS_PER_READER_MAX } = await import("@/lib/alerts/alert-input");
const { SafeError } = await import("@/lib/errors");
const { deliverAlertMail } = await import("@/lib/alerts/deliver-alert-mail");
const { composeBrief } = await import("@/lib/brief/compose-brief");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { buildBriefMail } = await import("@/lib/brief/brief-mail");
import type { Prisma } from "@/lib/generated/prisma/client";

const run = randomUUID().slice(0, 8);
let reader: string;
let other: string;
let episodeId: string;

const embedder = offlineEmbedder;

async function storeEpisode(guid: string): Promise<string> {
  const podcast = await db.podcast.upsert({
    where: { feedUrl: `https://example.com/${run}/talk-python.xml` },
    create: { feedUrl: `https://example.com/${run}/talk-python.xml`, title: "Talk Python To Me" },
    update: {},
  });
  const episode = await db.episode.create({
    data: { podcastId: podcast.id, guid, title: "#554: Trustworthy AI in Healthcare", publishedAt: new Date(), audioUrl: "https://example.com/554.mp3" },
  });
  const parsed = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` });
  await db.transcript.create({
    data: { episodeId: episode.id, sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments as Prisma.InputJsonValue },
  });
  return episode.id;
}

beforeAll(async () => {
  reader = (await db.user.create({ data: { email: `alerts-${run}@example.com` } })).id;
  other = (await db.user.create({ data: { email: `alerts-other-${run}@example.com` } })).id;
  episodeId = await storeEpisode(`${run}-554`);
}, 120_000);

describe("alerts on what's said", () => {
  it("stores a transcript's segments, searchable, when the transcript is stored", async () => {
    const count = await db.transcriptSegment.count({ where: { episodeId } });
    expect(count).toBeGreaterThan(1000);
    const [row] = await db.$queryRaw<{ position: number; start_seconds: number }[]>`
      SELECT position, start_seconds FROM transcript_segments
      WHERE episode_id = ${episodeId} AND search_vector @@ phraseto_tsquery('english', 'infrastructure and the server')`;
    expect(row?.start_seconds).toBeCloseTo(24 * 60 + 40.88, 2);
  });

  it("finds a saved phrase in a new transcript, with the sentence around it and when it was said", async () => {
    await createAlert(reader, { phrase: "10 million pounds", delivery: "brief" }, { embedder });
    await createAlert(reader, { phrase: "Nvidia H20 export controls", delivery: "brief" }, { embedder });
    // Another reader's alert on the same words is theirs alone.
    await createAlert(other, { phrase: "ten million pounds" }, { embedder });

    const outcome = await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect(outcome.phrase).toBeGreaterThanOrEqual(1);

    const matches = await listAlertMatches(reader);
    const phrase = matches.filter((match) => match.kind === "phrase");
    expect(phrase).toHaveLength(1);
    expect(phrase[0]).toMatchObject({
      phrase: "10 million pounds",
      snippet: TEN_MILLION,
      startSeconds: 24 * 60 + 40,
      playHref: `https://example.com/554.mp3#t=${24 * 60 + 40}`,
      episode: { id: episodeId, title: "#554: Trustworthy AI in Healthcare" },
      podcast: { title: "Talk Python To Me" },
    });
    // "ten" is a word, "10" a number: the other reader's phrase is not said, and nothing of theirs shows here.
    expect(matches.every((match) => match.phrase !== "ten million pounds")).toBe(true);
    expect(await listAlertMatches(other)).toEqual([]);
  });

  it("finds nothing for a phrase that is not said", async () => {
    const { id } = await createAlert(reader, { phrase: "quantum blockchain mortgages" }, { embedder });
    await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect(await listAlertMatches(reader, { alertId: id })).toEqual([]);
    // Neither is one said with its words apart, or out of order.
    const { id: apart } = await createAlert(reader, { phrase: "pounds million" }, { embedder });
    await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect(await listAlertMatches(reader, { alertId: apart })).toEqual([]);
  });

  it("matches an insight close in meaning, with no phrase in common", async () => {
    const text = {
      headline: "A hallucinating model is a patient safety risk",
      body: "In healthcare an AI assistant that makes up an answer can hurt a patient, so it must refuse when it cannot cite its sources.",
    };
    const [embedding] = await embedder.embed([insightEmbeddingText(text)]);
    const insight = await db.insight.create({
      data: {
        episodeId, ...text, quote: "In that world, a hallucination isn't a bug. It's a patient safety event.", startSeconds: 21.5, endSeconds: 26, qualityScore: 0.8,
        model: "test", promptVersion: "test", embedding: Array.from(embedding!), embeddingModel: embedder.id, publishedAt: new Date(),
      },
    });
    const { id } = await createAlert(reader, { phrase: "medical AI making things up", delivery: "email" }, { embedder });
    await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    const [match] = await listAlertMatches(reader, { alertId: id });
    expect(match).toMatchObject({ kind: "meaning", insightId: insight.id, snippet: text.headline, startSeconds: 21, playHref: `/insights/${insight.id}?t=21` });
    // Far in meaning: nothing.
    const unrelated = await createAlert(reader, { phrase: "sourdough baking at home" }, { embedder });
    await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect(await listAlertMatches(reader, { alertId: unrelated.id })).toEqual([]);
  });

  it("adds nothing when the same transcript is matched again", async () => {
    const before = await db.alertMatch.count({ where: { userId: reader } });
    expect(before).toBeGreaterThan(0);
    const again = await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect(again).toMatchObject({ phrase: 0, meaning: 0 });
    expect(await db.alertMatch.count({ where: { userId: reader } })).toBe(before);
  });

  it("emails the matches of an alert set to email at once, and only once", async () => {
    const mails = () => db.mailMessage.findMany({ where: { to: `alerts-${run}@example.com`, kind: "alert" } });
    expect(await deliverAlertMail([reader])).toBe(1);
    const [mail] = await mails();
    expect(mail?.subject).toBe("“medical AI making things up” on Talk Python To Me");
    expect(mail?.text).toContain("A hallucinating model is a patient safety risk");
    expect(mail?.text).toMatch(/Play: http\S+\/insights\/\S+\?t=21/);
    // Brief alerts are not emailed; a second delivery, or a second worker, sends nothing.
    expect(mail?.text).not.toContain("10 million pounds");
    expect(await Promise.all([deliverAlertMail([reader]), deliverAlertMail([reader])])).toEqual([0, 0]);
    expect(await mails()).toHaveLength(1);
  });

  it("puts the brief's alert matches in the next brief as their own section, once", async () => {
    const now = new Date();
    const composed = await composeBrief(reader, "2026-12-06", { now, frequency: "daily", window: "unsent" });
    // Pending, to be sent: other tests' insights may fill it too; with none, the alerts alone would.
    expect(composed.status).toBe("pending");
    const brief = (await loadBrief(reader, { briefId: composed.briefId }))!;
    expect(brief.alerts.map((alert) => [alert.phrase, alert.snippet])).toContainEqual(["10 million pounds", TEN_MILLION]);
    // Email alerts went by email, not here.
    expect(brief.alerts.every((alert) => alert.phrase !== "medical AI making things up")).toBe(true);
    const mail = await buildBriefMail(brief, { email: `alerts-${run}@example.com`, name: null }, now);
    expect(mail.text).toContain(`Alerts\n\n“10 million pounds”\n  ${TEN_MILLION}\n  Talk Python To Me · #554: Trustworthy AI in Healthcare, at 24:40\n  Play from here: https://example.com/554.mp3#t=1480`);
    expect(mail.html).toContain("Play from here");
    // The next brief does not carry them again.
    const next = await composeBrief(reader, "2026-12-07", { now: new Date(), frequency: "daily", window: "unsent" });
    expect((await loadBrief(reader, { briefId: next.briefId }))!.alerts).toEqual([]);
  });

  it("refuses hostile and huge input in words, storing nothing", async () => {
    const refusals: [unknown, RegExp][] = [
      [{ phrase: "x".repeat(100_000) }, /under 80 characters/],
      [{ phrase: "a".repeat(81) }, /under 80 characters/],
      [{ phrase: "null\u0000byte" }, /in words/],
      [{ phrase: "one two three four five six seven eight nine" }, /8 words or fewer/],
      [{ phrase: "the and of" }, /only words every episode says/],
      [{ phrase: "' | !! & :* <-> (" }, /only words every episode says/],
      [{ phrase: "Nvidia", delivery: "pigeon" }, /brief or an email/],
      [{ phrase: ["Nvidia", "AMD"] }, /phrase or name/],
      [{ phrase: "10 Million Pounds" }, /already have an alert/],
    ];
    const before = await db.alert.count({ where: { userId: reader } });
    for (const [input, message] of refusals) {
      const refused = await createAlert(reader, input, { embedder }).catch((error: unknown) => error);
      expect(refused, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(SafeError);
      expect((refused as Error).message).toMatch(message);
    }
    expect(await db.alert.count({ where: { userId: reader } })).toBe(before);
    // tsquery syntax in a phrase is words, never an operator: this is "the server ready to".
    const { id } = await createAlert(reader, { phrase: "'the server' & ready! | (to" }, { embedder });
    await matchEpisodeAlerts(episodeId, { embeddingModel: embedder.id });
    expect((await listAlertMatches(reader, { alertId: id })).map((match) => match.kind)).toContain("phrase");
  });

  it(`refuses an alert past ${ALERTS_PER_READER_MAX} per reader`, async () => {
    const crowded = (await db.user.create({ data: { email: `alerts-crowded-${run}@example.com` } })).id;
    await db.$executeRaw`
      INSERT INTO alerts (id, user_id, phrase, query, lexemes, key_lexeme)
      SELECT ${run} || '-' || n, ${crowded}, 'word' || n, phraseto_tsquery('english', 'word' || n), ARRAY['word' || n], 'word' || n
      FROM generate_series(1, ${ALERTS_PER_READER_MAX}) AS n`;
    await expect(createAlert(crowded, { phrase: "one more" }, { embedder })).rejects.toThrow(/Remove one to add another/);
  });

  it("removes an alert with its matches, and only the reader's own", async () => {
    const [alert] = (await listAlerts(reader)).filter((one) => one.phrase === "10 million pounds");
    expect(alert?.matches).toBe(1);
    expect(await deleteAlert(other, alert!.id)).toBe(false);
    expect(await deleteAlert(reader, alert!.id)).toBe(true);
    expect((await listAlertMatches(reader)).some((match) => match.alertId === alert!.id)).toBe(false);
  });
});
