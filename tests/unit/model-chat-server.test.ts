/**
 * The model path as it runs with AI_PROVIDER=openai-compatible: the settings pick the real
 * `@ai-sdk/openai` client (lib/insights/model/provider.ts), which talks HTTP to a local server speaking
 * the chat-completions protocol. What a reader ends up with when that server answers well, invents a
 * figure, rate-limits, fails, or answers with something that is not the insights asked for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { ExtractionError } from "@/lib/insights/model/model-extractor";
import { PROMPT_VERSION, SYSTEM_PROMPT } from "@/lib/insights/model/prompt";
import type { ExtractionInput } from "@/lib/insights/types";
import { type ChatCompletionsServer, jsonReply, openAiCompatibleExtractor, startChatCompletionsServer } from "@/tests/helpers/chat-completions-server";
import { corpusFile } from "@/tests/helpers/corpus";
import { TEN_MILLION, TRUSTWORTHY_AI_FILE, USUALLY_RIGHT } from "@/tests/helpers/trustworthy-ai-episode";

const segments = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` }).segments;
const episode: ExtractionInput = { segments, episodeTitle: "Trustworthy AI in healthcare", podcastTitle: "Talk Python To Me" };

const usuallyRight = {
  headline: "In medicine an AI answer that is usually right is not good enough",
  body: "Sumit Gundawar argues that the danger of AI in healthcare is not the typical answer but the rare confident error. The 1% or 2% of answers a model gets wrong with full confidence reach a real patient, so his engineering effort goes into blocking exactly those.",
  quote: USUALLY_RIGHT,
  speaker: "Sumit Gundawar",
  topics: ["AI safety", "healthcare"],
  quality: 0.85,
};
const clinicCost = {
  headline: "One full-body scanning clinic would cost about 10 million pounds to equip",
  body: "Sumit Gundawar doubts the economics of scanning a million people a year. He estimates that the infrastructure and servers for a single clinic would cost about 10 million pounds, at eight terabytes of data per scan.",
  quote: TEN_MILLION,
  speaker: "Sumit Gundawar",
  topics: ["healthcare infrastructure"],
  quality: 0.7,
};

let server: ChatCompletionsServer;
let sleeps: number[];

beforeAll(async () => {
  server = await startChatCompletionsServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  sleeps = [];
});

/** The extractor as configured by AI_PROVIDER=openai-compatible, AI_BASE_URL and AI_MODEL; waits are recorded, not slept. */
function configuredExtractor() {
  return openAiCompatibleExtractor(server, {
    dataDir: "/tmp",
    chunkTokens: 50_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ExtractionError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExtractionError);
  return error as ExtractionError;
}

describe("a server that answers as asked", () => {
  it("gives grounded, faithful insights with the transcript's times and speaker, the model and the prompt version", async () => {
    server.script(jsonReply({ insights: [clinicCost, usuallyRight] }));
    const result = await configuredExtractor().extract(episode);

    expect(result.model).toBe("openai-compatible:test-model");
    expect(result.promptVersion).toBe(PROMPT_VERSION);
    expect(result.usage).toEqual({ inputTokens: 1200, outputTokens: 300 });
    expect(result.dropped).toEqual({ ungrounded: 0, duplicates: 0, unfaithful: 0 });
    expect(result.insights).toEqual([
      expect.objectContaining({ headline: usuallyRight.headline, body: usuallyRight.body, quote: USUALLY_RIGHT, matchedText: USUALLY_RIGHT, speaker: "Sumit Gundawar", startSeconds: 487.5, endSeconds: 498.3, topicLabels: ["AI safety", "healthcare"], qualityScore: 0.85 }),
      expect.objectContaining({ headline: clinicCost.headline, quote: TEN_MILLION, matchedText: TEN_MILLION, speaker: "Sumit Gundawar", startSeconds: 1480.88, endSeconds: 1486.98 }),
    ]);
  });

  it("sends one chat-completions request: the model named in the settings, our system prompt, the transcript as material, and the JSON schema", async () => {
    server.script(jsonReply({ insights: [] }));
    await configuredExtractor().extract(episode);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.path).toBe("/v1/chat/completions");
    // A local server wants no key; the client still sends one.
    expect(request!.headers.authorization).toBe("Bearer not-needed");
    expect(request!.body.model).toBe("test-model");
    const [system, user] = request!.body.messages;
    expect(system).toEqual({ role: "system", content: SYSTEM_PROMPT });
    expect(user!.role).toBe("user");
    expect(JSON.stringify(user!.content)).toContain("<transcript>");
    expect(request!.body.response_format?.type).toBe("json_schema");
    expect(request!.body.response_format?.json_schema?.name).toBe("podcast_insights");
    expect(JSON.stringify(request!.body.response_format?.json_schema?.schema)).toContain('"quote"');
  });

  it("drops an insight whose body invents a figure ($80 million), counts it as unfaithful, and keeps the others", async () => {
    const invented = { ...clinicCost, headline: "One scanning clinic would cost $80 million to equip", body: "Sumit Gundawar estimates that a single scanning clinic would need $80 million of infrastructure and servers." };
    server.script(jsonReply({ insights: [invented, usuallyRight] }));
    const result = await configuredExtractor().extract(episode);
    expect(result.insights.map((insight) => insight.quote)).toEqual([USUALLY_RIGHT]);
    expect(result.dropped).toEqual({ ungrounded: 0, duplicates: 0, unfaithful: 1 });
  });
});

describe("a server that rate-limits or fails", () => {
  it("waits as long as a 429's retry-after asks, then uses the answer; the client itself does not retry", async () => {
    server.script({ status: 429, message: "Rate limit reached for requests", headers: { "retry-after": "7" } }, jsonReply({ insights: [usuallyRight] }));
    const result = await configuredExtractor().extract(episode);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([7000]);
    expect(result.insights).toHaveLength(1);
  });

  it("reports a rate limit that does not lift as a rate_limit failure, after 3 requests", async () => {
    server.script({ status: 429, message: "Rate limit reached for requests" });
    const error = await failureOf(configuredExtractor().extract(episode));
    expect(error.failure).toBe("rate_limit");
    expect(error.message).toBe('Could not extract insights from "Trustworthy AI in healthcare": the model provider rate-limited us (429) after 3 tries.');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([2000, 4000]);
  });

  it("retries a 500, and reports one that persists as a provider failure", async () => {
    server.script({ status: 500, message: "The server had an error" }, jsonReply({ insights: [usuallyRight] }));
    expect((await configuredExtractor().extract(episode)).insights).toHaveLength(1);

    server.requests.length = 0;
    server.script({ status: 500, message: "The server had an error" });
    const error = await failureOf(configuredExtractor().extract(episode));
    expect(error.failure).toBe("provider");
    expect(error.message).toBe('Could not extract insights from "Trustworthy AI in healthcare": the model provider failed (500) after 3 tries.');
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a refused key, and names the setting to check without echoing the provider", async () => {
    server.script({ status: 401, message: "Incorrect API key provided: sk-****" });
    const error = await failureOf(configuredExtractor().extract(episode));
    expect(error.failure).toBe("provider");
    expect(error.message).toContain("the model provider refused the request (401): check the API key setting");
    expect(error.message).not.toContain("sk-");
    expect(server.requests).toHaveLength(1);
  });
});

describe("a server whose answer is not the insights asked for", () => {
  it("retries an answer that is not JSON, and uses the next one", async () => {
    server.script({ content: "Sure! Here are the key insights:\n1. AI in healthcare is risky." }, jsonReply({ insights: [usuallyRight] }));
    const result = await configuredExtractor().extract(episode);
    expect(server.requests).toHaveLength(2);
    expect(result.insights).toHaveLength(1);
    // Both answers were paid for.
    expect(result.usage).toEqual({ inputTokens: 2400, outputTokens: 600 });
  });

  it("reports JSON outside the schema (no quote, quality 8 of 10) as a format failure, with nothing half-made", async () => {
    const withoutQuote: Partial<typeof usuallyRight> = { ...usuallyRight };
    delete withoutQuote.quote;
    server.script(jsonReply({ insights: [withoutQuote] }), jsonReply({ insights: [{ ...usuallyRight, quality: 8 }] }), jsonReply({ items: [] }));
    const error = await failureOf(configuredExtractor().extract(episode));
    expect(error.failure).toBe("format");
    expect(error.message).toBe('Could not extract insights from "Trustworthy AI in healthcare": the model\'s answer did not fit the expected format after 3 tries.');
    expect(server.requests).toHaveLength(3);
  });

  it("reports a body that is not a chat completion at all as a format failure", async () => {
    server.script({ rawBody: "<html>502 Bad Gateway</html>" });
    const error = await failureOf(configuredExtractor().extract(episode));
    expect(error.failure).toBe("format");
    expect(error.message).toContain("did not fit the expected format after 3 tries");
  });
});
