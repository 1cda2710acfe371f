/** Sentence embeddings: the offline model the embedded mode runs on, and the provider path behind AI_EMBEDDING_MODEL. */
import { APICallError } from "ai";
import { MockEmbeddingModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { cosine, createProviderEmbedder, embedderFor, offlineEmbedder } from "@/lib/insights/embeddings";

const norm = (vector: Float32Array) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe("offline embedder", () => {
  it("gives one normalized 512-dimension vector per text, in order, across batches", { timeout: 60_000 }, async () => {
    // More texts than one batch holds, with the same sentence first and last.
    const texts = Array.from({ length: 40 }, (_, i) => `Episode ${i} talks about something else entirely.`);
    texts[0] = "Bitcoin mining pools signalled for Taproot.";
    texts[39] = "Bitcoin mining pools signalled for Taproot.";
    const vectors = await offlineEmbedder.embed(texts);

    expect(offlineEmbedder.id).toBe("use-lite-512");
    expect(offlineEmbedder.dimensions).toBe(512);
    expect(vectors).toHaveLength(40);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(512);
      expect(norm(vector)).toBeCloseTo(1, 4);
    }
    expect(cosine(vectors[0]!, vectors[39]!)).toBeCloseTo(1, 4);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeLessThan(0.9);
    expect(await offlineEmbedder.embed([])).toEqual([]);
  });

  it("puts a paraphrase closer than an unrelated sentence", { timeout: 60_000 }, async () => {
    const [original, paraphrase, unrelated, sameSubject] = await offlineEmbedder.embed([
      "Open-source maintainers are flooded with AI-generated pull requests they cannot review.",
      "Projects now receive huge machine-written patches, and the people who maintain them can't keep up.",
      "Getting seven hours of sleep is a foundation of mental health.",
      "Djangonaut Space mentors newcomers until they become regular Django contributors.",
    ]);
    const close = cosine(original!, paraphrase!);
    expect(close).toBeGreaterThan(cosine(original!, unrelated!) + 0.3);
    expect(close).toBeGreaterThan(cosine(original!, sameSubject!));
  });
});

describe("provider embedder", () => {
  it("normalizes the model's vectors and names itself after provider and model", async () => {
    const model = new MockEmbeddingModelV4({
      provider: "openai",
      modelId: "text-embedding-3-small",
      maxEmbeddingsPerCall: 2,
      doEmbed: async ({ values }) => ({ embeddings: values.map((_, i) => [3, 4 * (i + 1), 0]), warnings: [] }),
    });
    const embedder = createProviderEmbedder({ id: "openai:text-embedding-3-small", model, dimensions: 3 });
    const vectors = await embedder.embed(["a", "b", "c"]);

    expect(embedder.id).toBe("openai:text-embedding-3-small");
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [0.6, 0.8, 0].map(Math.fround),
      [3 / Math.hypot(3, 8), 8 / Math.hypot(3, 8), 0].map(Math.fround),
      // The third value went in a second call: each call numbers its values from 0.
      [0.6, 0.8, 0].map(Math.fround),
    ]);
    expect(model.doEmbedCalls.map((call) => call.values)).toEqual([["a", "b"], ["c"]]);
  });

  it("refuses vectors of another size than it declared", async () => {
    const model = new MockEmbeddingModelV4({ doEmbed: async ({ values }) => ({ embeddings: values.map(() => [1, 0]), warnings: [] }) });
    const embedder = createProviderEmbedder({ id: "openai:other", model, dimensions: 3 });
    await expect(embedder.embed(["a"])).rejects.toThrow("openai:other returned 2 dimensions, expected 3");
  });

  it("turns a failed API call into a message the reader can act on", async () => {
    const model = new MockEmbeddingModelV4({
      doEmbed: async () => {
        throw new APICallError({ message: "Incorrect API key provided", url: "https://api.openai.com/v1/embeddings", requestBodyValues: {}, statusCode: 401, isRetryable: false });
      },
    });
    const embedder = createProviderEmbedder({ id: "openai:text-embedding-3-small", model, dimensions: 3 });
    const error = await embedder.embed(["a"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SafeError);
    expect((error as SafeError).message).toBe("the embedding service answered 401: Incorrect API key provided");
  });
});

describe("embedderFor", () => {
  const settings = (env: Record<string, string>) => parseEnv(env, "/tmp");

  it("is the offline embedder when no embedding model is set", () => {
    expect(embedderFor(settings({ AI_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" }))).toBe(offlineEmbedder);
  });

  it("uses the provider's model when AI_EMBEDDING_MODEL is set", () => {
    expect(embedderFor(settings({ AI_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", AI_EMBEDDING_MODEL: "text-embedding-3-small" }))).toMatchObject({
      id: "openai:text-embedding-3-small",
      dimensions: 1536,
    });
    const local = settings({ AI_PROVIDER: "openai-compatible", AI_BASE_URL: "http://localhost:11434/v1", AI_MODEL: "llama3.1", AI_EMBEDDING_MODEL: "nomic-embed-text:latest" });
    expect(embedderFor(local)).toMatchObject({ id: "openai-compatible:nomic-embed-text:latest", dimensions: 768 });
  });

  it("names the setting when the provider has no embeddings or the model's size is unknown", () => {
    // A provider without embeddings is refused at start, with the settings (see env.test.ts).
    expect(() => settings({ AI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "key", AI_EMBEDDING_MODEL: "text-embedding-3-small" })).toThrow(
      /AI_EMBEDDING_MODEL needs AI_PROVIDER openai or openai-compatible/,
    );

    const unknown = settings({ AI_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", AI_EMBEDDING_MODEL: "my-embedder" });
    expect(() => embedderFor(unknown)).toThrow(/AI_EMBEDDING_MODEL my-embedder has a vector size Podbrief does not know/);
  });
});

describe("cosine", () => {
  it("measures direction, not length", () => {
    expect(cosine([1, 0], [5, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 2])).toBeCloseTo(0);
    expect(cosine([1, 1], [-1, -1])).toBeCloseTo(-1);
  });

  it("treats an all-zero vector as similar to nothing and refuses vectors of different sizes", () => {
    expect(cosine([0, 0], [1, 0])).toBe(0);
    expect(() => cosine([1, 0], [1, 0, 0])).toThrow("cannot compare vectors of 2 and 3 dimensions");
  });
});
