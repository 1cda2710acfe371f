/**
 * The extractor the settings ask for: the configured language model, or the offline extractor when
 * no provider is set. Chosen once per process.
 */
import "server-only";
import { languageModel } from "@/lib/ai/models";
import { getEnv } from "@/lib/env";
import { createModelExtractor } from "@/lib/insights/model/model-extractor";
import { createOfflineExtractor } from "@/lib/insights/offline/offline-extractor";
import type { Extractor } from "@/lib/insights/types";

let configured: Extractor | undefined;

export function configuredExtractor(): Extractor {
  if (configured) return configured;
  const env = getEnv();
  const language = languageModel(env);
  configured = language
    ? createModelExtractor({ model: language.model, modelId: language.id, timeoutMs: env.AI_TIMEOUT_SECONDS * 1000 })
    : createOfflineExtractor();
  return configured;
}
