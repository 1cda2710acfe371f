/**
 * What the API answers about insights, topics, briefs and clusters: zod schemas (they are the
 * OpenAPI document's components) and the functions that turn the services' read models into them.
 * Dates travel as ISO 8601 strings; every insight carries its page's address.
 */
import "server-only";
import { z } from "zod";
import type { BriefArchiveEntry, BriefView } from "@/lib/brief/load-brief";
import type { InsightCardData } from "@/lib/cards/insight-card";
import type { ClusterSummary } from "@/lib/clusters/cluster-insights";
import { getEnv } from "@/lib/env";
import { insightPageUrl } from "@/lib/topic-feeds/feed-links";
import type { TopicSummary } from "@/lib/topics/topic-directory";

const isoDate = z.iso.datetime().meta({ description: "ISO 8601, UTC." });

export const topicRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() }).meta({ id: "TopicRef" });

export const insightSchema = z
  .object({
    id: z.string(),
    headline: z.string(),
    body: z.string(),
    quote: z.string().meta({ description: "The words as said, verbatim from the transcript." }),
    saidAt: z.number().int().nullable().meta({ description: "Seconds from the episode's start where the quote was said; null when the transcript had no times." }),
    speaker: z.string().nullable(),
    publishedAt: isoDate,
    clusterId: z.string().nullable().meta({ description: "The cluster of insights making the same point on other shows, if any." }),
    episode: z.object({ id: z.string(), title: z.string() }),
    podcast: z.object({ id: z.string(), title: z.string() }),
    topics: z.array(topicRefSchema),
    url: z.url().meta({ description: "The insight's page." }),
  })
  .meta({ id: "Insight" });
export type ApiInsight = z.infer<typeof insightSchema>;

export function toApiInsight(card: InsightCardData): ApiInsight {
  return {
    id: card.id,
    headline: card.headline,
    body: card.body,
    quote: card.quote,
    saidAt: card.saidAt,
    speaker: card.speaker,
    publishedAt: card.publishedAt.toISOString(),
    clusterId: card.clusterId,
    episode: card.episode,
    podcast: card.podcast,
    topics: card.topics.map(({ id, slug, name }) => ({ id, slug, name })),
    url: insightPageUrl(getEnv().appUrl, card.id),
  };
}

export const topicSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(["curated", "custom"]).meta({ description: "curated: Podbrief's; custom: one the reader wrote." }),
    followers: z.number().int(),
    insights: z.number().int(),
    recentInsights: z.number().int().meta({ description: "Insights of the last 30 days." }),
    following: z.boolean(),
  })
  .meta({ id: "Topic" });

export const toApiTopic = (topic: TopicSummary): z.infer<typeof topicSchema> => ({
  id: topic.id,
  slug: topic.slug,
  name: topic.name,
  description: topic.description,
  kind: topic.kind,
  followers: topic.followers,
  insights: topic.insights,
  recentInsights: topic.recentInsights,
  following: topic.following,
});

export const rankedInsightSchema = z
  .object({
    insight: insightSchema,
    reason: z.string().meta({ description: "Why it is here, in words." }),
    saved: z.boolean(),
    score: z.number(),
    others: z.array(insightSchema).meta({ description: "The same point on other shows (its cluster), best first." }),
  })
  .meta({ id: "RankedInsight" });

export const briefStatusSchema = z.enum(["pending", "sending", "sent", "unconfirmed", "failed", "empty"]);

export const briefSummarySchema = z
  .object({
    date: z.iso.date(),
    status: briefStatusSchema,
    itemCount: z.number().int(),
    headline: z.string().nullable().meta({ description: "The first item's headline." }),
  })
  .meta({ id: "BriefSummary" });

export const toApiBriefSummary = (entry: BriefArchiveEntry): z.infer<typeof briefSummarySchema> => ({
  date: entry.briefDate,
  status: entry.status,
  itemCount: entry.itemCount,
  headline: entry.headline,
});

export const briefSchema = z
  .object({
    id: z.string(),
    date: z.iso.date(),
    status: briefStatusSchema,
    note: z.string().nullable().meta({ description: "Why it has fewer than five items, when it does." }),
    scheduledFor: isoDate,
    sentAt: isoDate.nullable(),
    items: z.array(z.object({ position: z.number().int(), reason: z.string(), insight: insightSchema })),
  })
  .meta({ id: "Brief" });

export const toApiBrief = (brief: BriefView): z.infer<typeof briefSchema> => ({
  id: brief.id,
  date: brief.briefDate,
  status: brief.status,
  note: brief.note,
  scheduledFor: brief.scheduledFor.toISOString(),
  sentAt: brief.sentAt?.toISOString() ?? null,
  items: brief.items.map((item) => ({ position: item.position, reason: item.reason, insight: toApiInsight(item.insight) })),
});

export const clusterSchema = z
  .object({
    id: z.string(),
    label: z.string().nullable(),
    size: z.number().int().meta({ description: "How many insights make the point." }),
    representativeInsightId: z.string().nullable(),
    updatedAt: isoDate,
  })
  .meta({ id: "Cluster" });

export const toApiCluster = (cluster: ClusterSummary): z.infer<typeof clusterSchema> => ({
  id: cluster.id,
  label: cluster.label,
  size: cluster.size,
  representativeInsightId: cluster.representativeInsightId,
  updatedAt: cluster.updatedAt.toISOString(),
});
