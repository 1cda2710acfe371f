/**
 * A loopback server that speaks the OpenAI chat-completions protocol (POST /v1/chat/completions),
 * for testing the model path through the real `@ai-sdk/openai` client: it plays scripted answers in
 * order (a model's JSON, a 429 with retry-after, a 500, a body that is not JSON) and records every
 * request, as an OpenAI-compatible server (Ollama, vLLM) would receive it. It answers at once, so no
 * test waits on it.
 */
import http from "node:http";
import type net from "node:net";
import { parseEnv } from "@/lib/env";
import { createModelExtractor, type ModelExtractorOptions } from "@/lib/insights/model/model-extractor";
import { languageModel as configuredLanguageModel } from "@/lib/ai/models";

export type ScriptedReply =
  /** A completion whose message content is this text (the model's answer, well formed or not). */
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** An HTTP error as a provider sends it, with OpenAI's error body. */
  | { status: number; message: string; headers?: Record<string, string> }
  /** A 200 whose body is not a chat completion at all. */
  | { rawBody: string };

export type ChatRequest = {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body: model, messages, response_format, … */
  body: {
    model: string;
    messages: { role: string; content: string | { type: string; text?: string }[] }[];
    response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
    [key: string]: unknown;
  };
};

export type ChatCompletionsServer = {
  /** For AI_BASE_URL: "http://127.0.0.1:<port>/v1". */
  baseURL: string;
  /** Replies to play in order; the last one repeats once the script runs out. */
  script: (...replies: ScriptedReply[]) => void;
  requests: ChatRequest[];
  close: () => Promise<void>;
};

/** A canned completion carrying the model's answer as JSON text. */
export function jsonReply(answer: unknown, usage = { prompt_tokens: 1200, completion_tokens: 300 }): ScriptedReply {
  return { content: JSON.stringify(answer), usage };
}

export async function startChatCompletionsServer(): Promise<ChatCompletionsServer> {
  let replies: ScriptedReply[] = [];
  let played = 0;
  const requests: ChatRequest[] = [];
  const sockets = new Set<net.Socket>();

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      if (request.method !== "POST" || path !== "/v1/chat/completions") {
        response.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: `No route ${request.method} ${path}`, type: "invalid_request_error" } }));
        return;
      }
      requests.push({ path, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest["body"] });
      const reply = replies[Math.min(played++, replies.length - 1)];
      if (!reply) {
        response.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: "no scripted reply", type: "server_error" } }));
        return;
      }
      if ("rawBody" in reply) {
        response.writeHead(200, { "Content-Type": "application/json" }).end(reply.rawBody);
      } else if ("status" in reply) {
        const type = reply.status === 429 ? "rate_limit_exceeded" : reply.status >= 500 ? "server_error" : "invalid_request_error";
        response.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers }).end(JSON.stringify({ error: { message: reply.message, type, code: type } }));
      } else {
        const usage = reply.usage ?? { prompt_tokens: 1200, completion_tokens: 300 };
        const model = requests.at(-1)!.body.model;
        response.writeHead(200, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            id: `chatcmpl-${played}`,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
            usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
          }),
        );
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    script: (...next) => {
      replies = next;
      played = 0;
    },
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The model extractor as the app configures it with AI_PROVIDER=openai-compatible, AI_BASE_URL at
 * `server` and AI_MODEL=test-model: the settings pick the real `@ai-sdk/openai` client. Tests pass a
 * `sleep` that records or skips the waits between tries, so none waits.
 */
export function openAiCompatibleExtractor(
  server: ChatCompletionsServer,
  { dataDir, ...options }: { dataDir: string } & Pick<ModelExtractorOptions, "chunkTokens" | "sleep">,
) {
  const env = parseEnv({ AI_PROVIDER: "openai-compatible", AI_BASE_URL: server.baseURL, AI_MODEL: "test-model" }, dataDir);
  const language = configuredLanguageModel(env)!;
  return createModelExtractor({ model: language.model, modelId: language.id, timeoutMs: env.AI_TIMEOUT_SECONDS * 1000, ...options });
}
