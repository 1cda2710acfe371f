/**
 * Ranks many readers' brief candidates at once, since the scheduler ranks every due reader in a
 * morning: readers of one window share a pool of the candidate rows of every topic and show any of
 * them follows, indexed once, freshness computed once. Each reader walks only their own lists and
 * scores with combineScore. It must give the feed's order (rankFeedForUser ranks in SQL; the
 * feed-ranking and brief-choose tests hold the two to one order).
 */
import type { Candidate, CandidateRow } from "@/lib/feed/candidates";
import { unfollowedFeedbackTopics, type ReaderSignals } from "@/lib/feed/reader-signals";
import { combineScore, freshness } from "@/lib/feed/score";

type TopicList = { index: number[]; match: number[] };

export class CandidatePool {
  readonly insightIds: string[] = [];
  private readonly publishedAt: number[] = [];
  private readonly clusterIds: (string | null)[] = [];
  private readonly podcastIds: string[] = [];
  private readonly quality: number[] = [];
  private readonly fresh: number[] = [];
  /** Every topic an insight reached the pool through, by insight index. */
  private readonly topicsOf: string[][] = [];
  private readonly byTopic = new Map<string, TopicList>();
  private readonly byPodcast = new Map<string, number[]>();
  /** Rows for readers who follow nothing (the newest of everyone's). */
  private readonly everyone: number[] = [];
  private readonly indexOf = new Map<string, number>();
  /** Links to topics some reader gave feedback on without following them, by insight index. */
  private feedbackTopicsOf: Map<number, string[]> = new Map();

  // Per-reader scratch, reused: a stamp says which reader last touched an index.
  private stamp = new Int32Array(0);
  private match = new Float64Array(0);
  private matchedTopic = new Int32Array(0);
  private fromPodcast = new Uint8Array(0);
  private topicFeedback = new Float64Array(0);
  private readerStamp = 0;

  constructor(rows: readonly CandidateRow[], asOf: Date) {
    for (const row of rows) {
      let index = this.indexOf.get(row.insight_id);
      if (index === undefined) {
        index = this.insightIds.length;
        this.indexOf.set(row.insight_id, index);
        this.insightIds.push(row.insight_id);
        this.publishedAt.push(row.published_at.getTime());
        this.clusterIds.push(row.cluster_id);
        this.podcastIds.push(row.podcast_id ?? "");
        this.quality.push(Number(row.quality_score));
        this.fresh.push(freshness(row.published_at, asOf));
        this.topicsOf.push([]);
      }
      if (row.from_podcast) {
        const list = this.byPodcast.get(row.podcast_id ?? "");
        if (list) list.push(index);
        else this.byPodcast.set(row.podcast_id ?? "", [index]);
      } else if (row.topic_id) {
        let list = this.byTopic.get(row.topic_id);
        if (!list) this.byTopic.set(row.topic_id, (list = { index: [], match: [] }));
        list.index.push(index);
        list.match.push(row.match === null ? NaN : Number(row.match));
        this.topicsOf[index]!.push(row.topic_id);
      } else {
        this.everyone.push(index);
      }
    }
    const size = this.insightIds.length;
    this.stamp = new Int32Array(size);
    this.match = new Float64Array(size);
    this.matchedTopic = new Int32Array(size);
    this.fromPodcast = new Uint8Array(size);
    this.topicFeedback = new Float64Array(size);
  }

  /** The pool's range of publication times, for looking up links by the feed index. */
  publishedRange(): { from: Date; to: Date } {
    let [from, to] = [Infinity, -Infinity];
    for (const time of this.publishedAt) {
      if (time < from) from = time;
      if (time > to) to = time;
    }
    return { from: new Date(from), to: new Date(to) };
  }

  /** Links of these insights to topics readers gave feedback on without following: that feedback counts too. */
  setFeedbackTopics(links: readonly { insight_id: string; topic_id: string }[]): void {
    this.feedbackTopicsOf = new Map();
    for (const link of links) {
      const index = this.indexOf.get(link.insight_id);
      if (index === undefined) continue;
      this.feedbackTopicsOf.set(index, [...(this.feedbackTopicsOf.get(index) ?? []), link.topic_id]);
    }
  }

  /**
   * The reader's candidates, best first by the feed's score: at least `count` of them when there are
   * that many (all of them when `count` is Infinity), leaving out `excluded` ones (hidden, or sent
   * before). Ties go to the smaller insight id, as the feed orders them.
   */
  rank(reader: ReaderSignals, personalized: boolean, asOf: Date, count: number, excluded: (insightId: string, clusterId: string | null) => boolean): Candidate[] {
    const stampValue = ++this.readerStamp;
    const touched: number[] = [];
    const { stamp, match, matchedTopic, fromPodcast, topicFeedback } = this;
    const touch = (index: number) => {
      stamp[index] = stampValue;
      match[index] = NaN;
      matchedTopic[index] = -1;
      fromPodcast[index] = 0;
      topicFeedback[index] = 0;
      touched.push(index);
    };

    if (personalized) {
      reader.topicIds.forEach((topicId, topicIndex) => {
        const list = this.byTopic.get(topicId);
        if (!list) return;
        const feedback = reader.topicFeedback.get(topicId) ?? 0;
        for (let i = 0; i < list.index.length; i++) {
          const index = list.index[i]!;
          if (stamp[index] !== stampValue) touch(index);
          const value = list.match[i]!;
          if (!Number.isNaN(value) && (Number.isNaN(match[index]!) || value > match[index]!)) {
            match[index] = value;
            matchedTopic[index] = topicIndex;
          }
          topicFeedback[index] = topicFeedback[index]! + feedback;
        }
      });
      for (const podcastId of reader.podcastIds) {
        for (const index of this.byPodcast.get(podcastId) ?? []) {
          if (stamp[index] !== stampValue) touch(index);
          fromPodcast[index] = 1;
        }
      }
    } else {
      for (const index of this.everyone) if (stamp[index] !== stampValue) touch(index);
    }

    const followed = new Set(reader.topicIds);
    const unfollowedFeedback = unfollowedFeedbackTopics(reader).length > 0;
    const podcastFeedback = reader.podcastFeedback.size > 0 ? reader.podcastFeedback : null;
    const insightFeedback = reader.insightFeedback.size > 0 ? reader.insightFeedback : null;
    // Scores in a typed array beside the indices they belong to: a thousand candidates, no objects.
    const kept: number[] = [];
    const scores = new Float64Array(touched.length);
    for (const index of touched) {
      const insightId = this.insightIds[index]!;
      if (excluded(insightId, this.clusterIds[index]!)) continue;
      let feedback = topicFeedback[index]!;
      if (unfollowedFeedback) {
        for (const topicId of this.feedbackTopicsOf.get(index) ?? []) if (!followed.has(topicId)) feedback += reader.topicFeedback.get(topicId) ?? 0;
      }
      if (podcastFeedback) feedback += podcastFeedback.get(this.podcastIds[index]!) ?? 0;
      if (insightFeedback) feedback += insightFeedback.get(insightId) ?? 0;
      scores[kept.length] = combineScore({
        match: Number.isNaN(match[index]!) ? null : match[index]!,
        freshness: this.fresh[index]!,
        qualityScore: this.quality[index]!,
        feedback,
        seen: reader.seen.has(insightId),
      });
      kept.push(index);
    }
    const ids = this.insightIds;
    const order = (a: number, b: number) => scores[b]! - scores[a]! || (ids[kept[a]!]! < ids[kept[b]!]! ? -1 : 1);
    const positions = kept.map((_, position) => position);
    const best = (count >= positions.length ? positions.sort(order) : bestOf(positions, count, order)).map((position) => ({ index: kept[position]! }));

    return best.map(({ index }) => {
      const topicIds = personalized ? this.topicsOf[index]!.filter((topicId) => followed.has(topicId)) : [];
      for (const topicId of this.feedbackTopicsOf.get(index) ?? []) if (!followed.has(topicId) && reader.topicFeedback.has(topicId)) topicIds.push(topicId);
      return {
        insightId: this.insightIds[index]!,
        match: Number.isNaN(match[index]!) ? null : match[index]!,
        matchedTopicId: matchedTopic[index]! >= 0 ? reader.topicIds[matchedTopic[index]!]! : null,
        fromFollowedPodcast: fromPodcast[index] === 1,
        publishedAt: new Date(this.publishedAt[index]!),
        clusterId: this.clusterIds[index]!,
        podcastId: this.podcastIds[index]!,
        qualityScore: this.quality[index]!,
        topicIds,
      };
    });
  }
}

/** The `count` best by `order`, in order, without sorting them all. */
function bestOf<T>(items: readonly T[], count: number, order: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count && order(item, best[count - 1]!) >= 0) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && order(item, best[at - 1]!) < 0) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = item;
  }
  return best;
}
