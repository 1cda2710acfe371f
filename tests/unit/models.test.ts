import { describe, expect, it } from "vitest";
import { embeddingModel, transcriptionModel } from "@/lib/ai/models";
import { parseEnv } from "@/lib/env";

const settings = (values: Record<string, string>) => parseEnv(values, "/tmp");

describe("embeddingModel and transcriptionModel", () => {
  it("are null until a setting asks for one, so the offline paths do the work", () => {
    const env = settings({ AI_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" });
    expect(embeddingModel(env)).toBeNull();
    expect(transcriptionModel(env)).toBeNull();
  });

  it("build the named model from the provider's client", () => {
    const env = settings({ AI_PROVIDER: "openai-compatible", AI_BASE_URL: "http://localhost:11434/v1", AI_MODEL: "llama3.1", AI_EMBEDDING_MODEL: "nomic-embed-text", AI_TRANSCRIPTION_MODEL: "whisper-1" });
    expect(embeddingModel(env)).toMatchObject({ id: "openai-compatible:nomic-embed-text", model: { modelId: "nomic-embed-text" } });
    expect(transcriptionModel(env)).toMatchObject({ modelId: "whisper-1" });
  });
});
