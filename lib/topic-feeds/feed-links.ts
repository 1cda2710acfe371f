/**
 * Where topic and cluster feeds live. The addresses are part of the product: feed readers keep them
 * for years, so they are built here only. Curated topics by slug, clusters by id, a reader's own
 * topic by its private token (the slug would name it to anyone who guesses it).
 */
import type { Metadata } from "next";

export type FeedFormat = "rss" | "json";

export type FeedPaths = Record<FeedFormat, string>;

export const FEED_CONTENT_TYPES = {
  rss: "application/rss+xml",
  json: "application/feed+json",
} as const satisfies Record<FeedFormat, string>;

const feedFiles = (base: string): FeedPaths => ({ rss: `${base}/rss.xml`, json: `${base}/feed.json` });

export const curatedTopicFeedPaths = (slug: string) => feedFiles(`/feeds/topics/${encodeURIComponent(slug)}`);
export const privateTopicFeedPaths = (token: string) => feedFiles(`/feeds/private/${encodeURIComponent(token)}`);
export const clusterFeedPaths = (clusterId: string) => feedFiles(`/feeds/clusters/${encodeURIComponent(clusterId)}`);

export const absoluteFeedUrls = (appUrl: string, paths: FeedPaths): FeedPaths => ({ rss: `${appUrl}${paths.rss}`, json: `${appUrl}${paths.json}` });

/** For a page's `metadata.alternates`: `<link rel="alternate">` to its feeds, which readers discover. */
export function feedAlternates(paths: FeedPaths, title: string): NonNullable<Metadata["alternates"]> {
  return {
    types: {
      [FEED_CONTENT_TYPES.rss]: [{ url: paths.rss, title: `${title} (RSS)` }],
      [FEED_CONTENT_TYPES.json]: [{ url: paths.json, title: `${title} (JSON Feed)` }],
    },
  };
}

/** The insight's page: its guid in every feed, whatever moment a link opens it at. */
export const insightPageUrl = (appUrl: string, insightId: string) => `${appUrl}/insights/${encodeURIComponent(insightId)}`;

/** A story's full-coverage page: its cluster feed's home. */
export const clusterPageUrl = (appUrl: string, clusterId: string) => `${appUrl}/clusters/${encodeURIComponent(clusterId)}`;
