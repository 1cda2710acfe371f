/**
 * The one place that picks the language model for insight extraction from the settings (AI_PROVIDER,
 * AI_MODEL, AI_BASE_URL, keys). Without a provider, or with "offline", there is none and the offline
 * extractor does the work.
 */
import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { type Env, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";

type ModelProvider = "openai" | "openai-compatible" | "anthropic";

const DEFAULT_MODEL: Record<ModelProvider, string | null> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-sonnet-4-5",
  // Whatever the server serves (Ollama, vLLM, DeepSeek): there is no sensible guess.
  "openai-compatible": null,
};

type ModelFactory = (env: Env, modelId: string) => LanguageModel;

const FACTORIES: Record<ModelProvider, ModelFactory> = {
  openai: (env, modelId) => createOpenAI({ apiKey: env.AI_API_KEY ?? env.OPENAI_API_KEY })(modelId),
  // Chat Completions, not Responses: it is the API these servers implement. Local servers want no key,
  // but the client insists on one.
  "openai-compatible": (env, modelId) =>
    createOpenAI({ baseURL: env.AI_BASE_URL, apiKey: env.AI_API_KEY ?? env.OPENAI_API_KEY ?? "not-needed" }).chat(modelId),
  anthropic: (env, modelId) => createAnthropic({ apiKey: env.AI_API_KEY ?? env.ANTHROPIC_API_KEY })(modelId),
};

/**
 * The language model the settings ask for, with the id stored beside what it produces
 * ("openai:gpt-4.1-mini"), or null when extraction is to run offline. Throws a SafeError naming the
 * setting to fix when the settings ask for something this install cannot do.
 */
export function configuredLanguageModel(env: Env = getEnv()): { model: LanguageModel; id: string } | null {
  const provider = env.AI_PROVIDER;
  if (provider === undefined || provider === "offline") return null;

  const modelId = env.AI_MODEL ?? DEFAULT_MODEL[provider];
  if (!modelId) throw new SafeError(`AI_MODEL is required when AI_PROVIDER is ${provider}: the name of a model your server serves, e.g. llama3.1`, "bad_settings");

  return { model: FACTORIES[provider](env, modelId), id: `${provider}:${modelId}` };
}
