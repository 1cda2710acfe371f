/**
 * Podbrief as an MCP server: the tools an assistant needs to answer "what did podcasts say about
 * export controls this week?" from a reader's own Podbrief, each answer grounded in what was said (the
 * verbatim quote, who said it, when, and a link that plays from that moment). One server per
 * authenticated reader; the HTTP route (app/api/mcp) and `npm run mcp` (stdio) both build it here, so
 * the two transports offer the same tools. Tools call the same lib services as the pages.
 */
import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { isBriefDate, type BriefDate } from "@/lib/brief/brief-schedule";
import { latestBriefDate, loadBrief } from "@/lib/brief/load-brief";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { getInsightPage, insightIdParam } from "@/lib/cards/insight-page";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { saveInsight, unsaveInsight } from "@/lib/feed/feed-events";
import { formatTimestamp } from "@/lib/format";
import { moduleLog } from "@/lib/log";
import { SEARCH_MAX_LENGTH, searchInsights } from "@/lib/search/search-insights";
import { getTopicBySlug, listTopics, topicSlugInput } from "@/lib/topics/topic-directory";
import { followTopics, unfollowTopic } from "@/lib/topics/reader-topics";

const log = moduleLog("mcp");

/** Who the tools act for: a reader, through a token that may only read or may also write. */
export type McpReader = { userId: string; canWrite: boolean };

/** A grounded insight as tools return it: the claim, then what was said, by whom, when, and where to hear it. */
export type GroundedInsight = {
  id: string;
  headline: string;
  body: string;
  quote: string;
  speaker: string | null;
  /** Seconds into the episode; null when the transcript had no times. */
  saidAt: number | null;
  show: string;
  episode: string;
  publishedAt: string;
  url: string;
  topics: string[];
};

function grounded(card: InsightCardData): GroundedInsight {
  const url = new URL(`/insights/${card.id}`, getEnv().appUrl);
  if (card.saidAt !== null) url.searchParams.set("t", String(card.saidAt));
  return {
    id: card.id,
    headline: card.headline,
    body: card.body,
    quote: card.quote,
    speaker: card.speaker,
    saidAt: card.saidAt,
    show: card.podcast.title,
    episode: card.episode.title,
    publishedAt: card.publishedAt.toISOString(),
    url: url.toString(),
    topics: card.topics.map((topic) => topic.name),
  };
}

/** Markdown an assistant can quote from as is: claim, body, the words as said with who and when, the link. */
function asText(insight: GroundedInsight): string {
  const who = [insight.speaker, insight.saidAt === null ? null : `at ${formatTimestamp(insight.saidAt)}`].filter(Boolean).join(", ");
  return [
    `### ${insight.headline}`,
    `${insight.show}, "${insight.episode}" (${insight.publishedAt.slice(0, 10)})`,
    insight.body,
    `> "${insight.quote}"${who ? ` (${who})` : ""}`,
    insight.url,
  ].join("\n");
}

function answer(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: structured };
}

function refusal(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/**
 * Runs a tool for the reader: a SafeError becomes a refusal in its own words, anything else is logged
 * and answered generically, so an assistant never sees a stack trace or another reader's data.
 */
async function run(name: string, work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SafeError) return refusal(error.message);
    log.error({ err: error, tool: name }, "an MCP tool failed");
    return refusal("Something went wrong on Podbrief's side. Try again in a moment.");
  }
}

const READ_ONLY = "This token may only read. Create a token with the write scope in Podbrief's settings to change saved insights or topics.";
const DAY_MS = 86_400_000;

export const mcpToolInputs = {
  search_insights: z.object({
    query: z.string().min(1).max(SEARCH_MAX_LENGTH).describe("What to look for, in words or by meaning: \"export controls\", \"why chips matter for AI\"."),
    topic: topicSlugInput.optional().describe("Only insights in this topic (its slug, from list_topics)."),
    days: z.number().int().min(1).max(365).optional().describe("Only insights published in the last this many days (7 for \"this week\")."),
    limit: z.number().int().min(1).max(20).default(8).describe("How many insights to return."),
  }),
  get_insight: z.object({ id: insightIdParam.describe("An insight's id, from another tool's answer.") }),
  get_brief: z.object({
    date: z
      .string()
      .refine((value) => isBriefDate(value), "A date as YYYY-MM-DD.")
      .optional()
      .describe("The brief of this day (YYYY-MM-DD); the newest one when left out."),
  }),
  list_topics: z.object({ following: z.boolean().optional().describe("true: only the topics the reader follows.") }),
  follow_topic: z.object({
    topic: topicSlugInput.describe("The topic's slug, from list_topics."),
    follow: z.boolean().default(true).describe("false to unfollow."),
  }),
  save_insight: z.object({
    id: insightIdParam.describe("The insight's id."),
    saved: z.boolean().default(true).describe("false to unsave."),
  }),
} as const;

/** The MCP server for one reader. */
export function createPodbriefMcpServer(reader: McpReader): McpServer {
  const server = new McpServer({ name: "podbrief", version: "1.0.0" });
  const { userId } = reader;

  server.registerTool(
    "search_insights",
    {
      title: "Search insights",
      description:
        "Search the insights Podbrief pulled from podcast episodes, by words and by meaning. Each result is a short takeaway with the verbatim quote, the speaker, the show and a link that plays from the moment it was said.",
      inputSchema: mcpToolInputs.search_insights,
      annotations: { readOnlyHint: true },
    },
    ({ query, topic, days, limit }) =>
      run("search_insights", async () => {
        // The day filter applies to the best matches: read a full page so it can still fill `limit`.
        const page = await searchInsights(userId, { q: query, topic, take: days ? 50 : limit });
        const since = days ? Date.now() - days * DAY_MS : -Infinity;
        const insights = page.results
          .filter((result) => result.insight.publishedAt.getTime() >= since)
          .slice(0, limit)
          .map((result) => grounded(result.insight));
        const heading = insights.length === 0 ? `No insights match "${query}"${days ? ` in the last ${days} days` : ""}.` : `${insights.length} insights for "${query}":`;
        return answer([heading, ...insights.map(asText)].join("\n\n"), { insights });
      }),
  );

  server.registerTool(
    "get_insight",
    {
      title: "Get an insight",
      description: "One insight with its quote, the other shows' takes on the same point, and related insights.",
      inputSchema: mcpToolInputs.get_insight,
      annotations: { readOnlyHint: true },
    },
    ({ id }) =>
      run("get_insight", async () => {
        const page = await getInsightPage(id, userId);
        if (!page) return refusal(`No insight has the id ${id}.`);
        const insight = grounded(page.card);
        const samePoint = page.samePoint.map(grounded);
        const related = page.related.slice(0, 8).map(grounded);
        const sections = [asText(insight)];
        if (samePoint.length > 0) sections.push(`## The same point on other shows`, ...samePoint.map(asText));
        if (related.length > 0) sections.push(`## Related insights`, ...related.map(asText));
        return answer(sections.join("\n\n"), { insight, samePoint, related });
      }),
  );

  server.registerTool(
    "get_brief",
    {
      title: "Get the daily brief",
      description: "The reader's daily brief: the top insights chosen for them that day, best first.",
      inputSchema: mcpToolInputs.get_brief,
      annotations: { readOnlyHint: true },
    },
    ({ date }) =>
      run("get_brief", async () => {
        const briefDate: BriefDate | null = date ?? (await latestBriefDate(userId));
        const brief = briefDate ? await loadBrief(userId, { briefDate }) : null;
        if (!brief) return answer(date ? `There is no brief for ${date}.` : "There is no brief yet: the first one comes at the reader's chosen hour.", { date: briefDate, insights: [] });
        const items = brief.items.map((item) => ({ ...grounded(item.insight), reason: item.reason }));
        const text = [`Brief of ${brief.briefDate}:`, ...items.map((item, n) => `${n + 1}. ${asText(item)}\n(${item.reason})`)].join("\n\n");
        return answer(text, { date: brief.briefDate, insights: items });
      }),
  );

  server.registerTool(
    "list_topics",
    {
      title: "List topics",
      description: "The topics the reader can follow (curated ones and their own), with whether they follow each.",
      inputSchema: mcpToolInputs.list_topics,
      annotations: { readOnlyHint: true },
    },
    ({ following }) =>
      run("list_topics", async () => {
        const topics = (await listTopics(userId))
          .filter((topic) => following === undefined || topic.following === following)
          .map((topic) => ({ slug: topic.slug, name: topic.name, description: topic.description, following: topic.following, insights: topic.insights }));
        const text = topics.map((topic) => `- ${topic.name} (${topic.slug})${topic.following ? ", followed" : ""}: ${topic.description}`).join("\n");
        return answer(text || "No topics.", { topics });
      }),
  );

  server.registerTool(
    "follow_topic",
    {
      title: "Follow or unfollow a topic",
      description: "Follow a topic so its insights reach the reader's feed and brief, or unfollow it.",
      inputSchema: mcpToolInputs.follow_topic,
      annotations: { readOnlyHint: false, idempotentHint: true },
    },
    ({ topic: slug, follow }) =>
      run("follow_topic", async () => {
        if (!reader.canWrite) return refusal(READ_ONLY);
        const topic = await getTopicBySlug(slug, userId);
        if (!topic) return refusal(`No topic has the slug ${slug}. list_topics shows them.`);
        if (follow) await followTopics(userId, [topic.id]);
        else await unfollowTopic(userId, topic.id);
        return answer(`${follow ? "Following" : "No longer following"} ${topic.name}.`, { topic: topic.slug, following: follow });
      }),
  );

  server.registerTool(
    "save_insight",
    {
      title: "Save or unsave an insight",
      description: "Save an insight to the reader's saved insights, or remove it from them.",
      inputSchema: mcpToolInputs.save_insight,
      annotations: { readOnlyHint: false, idempotentHint: true },
    },
    ({ id, saved }) =>
      run("save_insight", async () => {
        if (!reader.canWrite) return refusal(READ_ONLY);
        if (saved) await saveInsight(userId, id);
        else await unsaveInsight(userId, id);
        return answer(saved ? `Saved ${id}.` : `Removed ${id} from saved insights.`, { id, saved });
      }),
  );

  return server;
}
