/**
 * The one place that builds model clients from the settings (AI_PROVIDER, AI_MODEL, AI_EMBEDDING_MODEL,
 * AI_TRANSCRIPTION_MODEL, AI_BASE_URL and the keys). Each function answers null when the settings ask
 * for no such model, so the caller falls back to its offline path, and throws a SafeError naming the
 * setting to fix when they ask for something this install cannot do.
 */
import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI, type OpenAIProvider } from "@ai-sdk/openai";
import type { EmbeddingModel, LanguageModel, TranscriptionModel } from "ai";
import { type Env, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";

type ModelProvider = "openai" | "openai-compatible" | "anthropic";

/** A model with the id stored beside what it produces, e.g. "openai:gpt-4.1-mini". */
export type ConfiguredModel<Model> = { model: Model; id: string };

const DEFAULT_LANGUAGE_MODEL: Record<ModelProvider, string | null> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-sonnet-4-5",
  // Whatever the server serves (Ollama, vLLM, DeepSeek): there is no sensible guess.
  "openai-compatible": null,
};

/** AI_API_KEY wins over the provider's own key; local OpenAI-compatible servers want none. */
function apiKey(env: Env, provider: ModelProvider): string | undefined {
  if (provider === "anthropic") return env.AI_API_KEY ?? env.ANTHROPIC_API_KEY;
  // The client insists on a key even where the server ignores it.
  if (provider === "openai-compatible") return env.AI_API_KEY ?? env.OPENAI_API_KEY ?? "not-needed";
  return env.AI_API_KEY ?? env.OPENAI_API_KEY;
}

function openAIClient(env: Env, provider: "openai" | "openai-compatible"): OpenAIProvider {
  return createOpenAI({ apiKey: apiKey(env, provider), ...(provider === "openai-compatible" ? { baseURL: env.AI_BASE_URL } : {}) });
}

/** The provider that serves embeddings and transcription: only the OpenAI API has them. */
function openAIProvider(env: Env, setting: string, unsetMeans: string): "openai" | "openai-compatible" {
  const provider = env.AI_PROVIDER;
  if (provider === "openai" || provider === "openai-compatible") return provider;
  throw new SafeError(`${setting} needs AI_PROVIDER openai or openai-compatible; unset it to ${unsetMeans}`, "bad_settings");
}

/** The language model for extraction, or null when it is to run offline (no provider, or "offline"). */
export function languageModel(env: Env = getEnv()): ConfiguredModel<LanguageModel> | null {
  const provider = env.AI_PROVIDER;
  if (provider === undefined || provider === "offline") return null;

  const modelId = env.AI_MODEL ?? DEFAULT_LANGUAGE_MODEL[provider];
  if (!modelId) throw new SafeError(`AI_MODEL is required when AI_PROVIDER is ${provider}: the name of a model your server serves, e.g. llama3.1`, "bad_settings");

  const model =
    provider === "anthropic"
      ? createAnthropic({ apiKey: apiKey(env, provider) })(modelId)
      : provider === "openai"
        ? openAIClient(env, provider)(modelId)
        : // Chat Completions, not Responses: it is the API these servers implement.
          openAIClient(env, provider).chat(modelId);
  return { model, id: `${provider}:${modelId}` };
}

/** The provider's embedding model when AI_EMBEDDING_MODEL is set, else null (the offline embedder). */
export function embeddingModel(env: Env = getEnv()): ConfiguredModel<EmbeddingModel> | null {
  const modelId = env.AI_EMBEDDING_MODEL;
  if (!modelId) return null;
  const provider = openAIProvider(env, "AI_EMBEDDING_MODEL", "use the offline embedder");
  return { model: openAIClient(env, provider).embedding(modelId), id: `${provider}:${modelId}` };
}

/** Speech to text when AI_TRANSCRIPTION_MODEL is set, else null: no audio is ever downloaded. */
export function transcriptionModel(env: Env = getEnv()): TranscriptionModel | null {
  const modelId = env.AI_TRANSCRIPTION_MODEL;
  if (!modelId) return null;
  return openAIClient(env, openAIProvider(env, "AI_TRANSCRIPTION_MODEL", "take transcripts from feeds only")).transcription(modelId);
}
