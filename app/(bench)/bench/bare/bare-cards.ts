import type { FeedItem } from "@/lib/feed/rank-feed";

const BODY =
  "Grid operators now buy storage the way they once bought peaking plants, because batteries answer in milliseconds and " +
  "earn from three markets at once; the guest expects most new capacity in the next five years to pair solar with four hours of storage.";
const QUOTE = "We stopped asking whether storage pays and started asking how much of it we can connect.";

/** Twenty cards of about 60 words each, the size of a feed page, with no database behind them. */
export const BARE_CARDS: FeedItem[] = Array.from({ length: 20 }, (_, index) => ({
  insight: {
    id: `bench-bare-${index}`,
    headline: `Batteries are replacing peaking plants on the grid, part ${index + 1}`,
    body: BODY,
    quote: QUOTE,
    startSeconds: 600 + index * 30,
    saidAt: 600 + index * 30,
    speaker: "Guest",
    publishedAt: new Date(Date.UTC(2026, 0, 1 + index)),
    clusterId: null,
    episode: { id: `bench-episode-${index}`, title: "The storage decade" },
    podcast: { id: `bench-podcast-${index % 5}`, title: `Energy Show ${index % 5}` },
    artwork: null,
    topics: [
      { id: "bench-topic-energy", slug: "energy", name: "Energy" },
      { id: "bench-topic-climate", slug: "climate", name: "Climate" },
    ],
  },
  score: 1 - index / 100,
  saved: false,
  reason: "You follow Energy",
  others: [],
  otherShows: 0,
  showsThisWeek: 0,
}));
