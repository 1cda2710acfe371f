/**
 * Ranks many readers' brief candidates at once, since the scheduler ranks every due reader in a
 * morning: readers of one window share a pool of the candidate rows of every topic and show any of
 * them follows, indexed once, freshness computed once. Each reader walks only their own lists and
 * scores with the feed's formula (scoreOf). It must give the feed's order (rankFeedForUser ranks in SQL; the
 * feed-ranking and brief-choose tests hold the two to one order).
 *
 * A morning ranks a hundred thousand readers over a thousand candidates each, so the walk allocates
 * nothing per candidate: the pool is typed arrays indexed by insight, and what a reader says about an
 * insight, show, story or topic is stamped into reused arrays before the walk instead of looked up
 * by id during it.
 */
import type { Candidate, CandidateRow } from "@/lib/feed/candidates";
import { unfollowedFeedbackTopics, type ReaderSignals } from "@/lib/feed/reader-signals";
import { freshness, scoreOf } from "@/lib/feed/score";

/** What a reader must not be sent: insights (hidden, sent before) and stories (clusters) already told. */
export type Exclusions = { insightIds: readonly Iterable<string>[]; clusterIds: Iterable<string> };

type TopicList = { index: Int32Array; match: Float64Array };

/** Numbers for the distinct strings of one kind (topics, shows, clusters), in order of first sight. */
class Numbering {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  add(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) this.numbers.set(name, (number = this.names.push(name) - 1));
    return number;
  }
  get(name: string): number | undefined {
    return this.numbers.get(name);
  }
}

/** A per-number slot that counts for the current reader only: stamped by them, else empty. */
class Stamped {
  stamp: Int32Array;
  value: Float64Array;
  constructor(size: number) {
    this.stamp = new Int32Array(size);
    this.value = new Float64Array(size);
  }
  set(at: number, stamp: number, value: number): void {
    this.stamp[at] = stamp;
    this.value[at] = value;
  }
  /** The value the current reader stamped here, or 0. */
  get(at: number, stamp: number): number {
    return this.stamp[at] === stamp ? this.value[at]! : 0;
  }
}

export class CandidatePool {
  readonly insightIds: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly publishedAt: Float64Array;
  private readonly clusters = new Numbering();
  /** Cluster number by insight index, -1 for none. */
  private readonly clusterOf: Int32Array;
  private readonly podcasts = new Numbering();
  private readonly podcastOf: Int32Array;
  private readonly quality: Float64Array;
  private readonly fresh: Float64Array;
  /** 1 where the insight's story is growing (takes from 2 or more shows this week). */
  private readonly growing: Uint8Array;
  /** Every topic an insight reached the pool through, by insight index. */
  private readonly topicsOf: string[][] = [];
  private readonly byTopic = new Map<string, TopicList>();
  private readonly byPodcast = new Map<string, Int32Array>();
  /** Rows for readers who follow nothing (the newest of everyone's). */
  private readonly everyone: Int32Array;
  private readonly topics = new Numbering();
  /**
   * Links to topics some reader gave feedback on without following them: for insight i, topic
   * numbers feedbackTopic[feedbackStart[i] .. feedbackStart[i + 1]), in the order they were read.
   */
  private feedbackStart: Int32Array;
  private feedbackTopic = new Int32Array(0);

  // Per-reader scratch, reused: a stamp says which reader last touched an index.
  private readerStamp = 0;
  private readonly stamp: Int32Array;
  private readonly match: Float64Array;
  private readonly matchedTopic: Int32Array;
  private readonly fromPodcast: Uint8Array;
  private readonly topicFeedback: Float64Array;
  private readonly touched: Int32Array;
  private readonly kept: Int32Array;
  private readonly score: Float64Array;
  private readonly excludedStamp: Int32Array;
  private readonly seenStamp: Int32Array;
  private readonly insightFeedback: Stamped;
  private readonly clusterExcluded: Int32Array;
  private readonly podcastFeedback: Stamped;
  private unfollowedFeedback: Stamped;

  /**
   * `growingClusters`: the stories among the rows' clusters that are growing as of `asOf`
   * (loadGrowingClusters), lifted as the feed lifts them.
   */
  constructor(rows: readonly CandidateRow[], asOf: Date, growingClusters: ReadonlySet<string>) {
    const publishedAt: number[] = [];
    const clusterOf: number[] = [];
    const podcastOf: number[] = [];
    const quality: number[] = [];
    const byTopic = new Map<string, { index: number[]; match: number[] }>();
    const byPodcast = new Map<string, number[]>();
    const everyone: number[] = [];
    for (const row of rows) {
      let index = this.indexOf.get(row.insight_id);
      if (index === undefined) {
        index = this.insightIds.length;
        this.indexOf.set(row.insight_id, index);
        this.insightIds.push(row.insight_id);
        publishedAt.push(row.published_at.getTime());
        clusterOf.push(row.cluster_id === null ? -1 : this.clusters.add(row.cluster_id));
        podcastOf.push(this.podcasts.add(row.podcast_id ?? ""));
        quality.push(Number(row.quality_score));
        this.topicsOf.push([]);
      }
      if (row.from_podcast) {
        const list = byPodcast.get(row.podcast_id ?? "");
        if (list) list.push(index);
        else byPodcast.set(row.podcast_id ?? "", [index]);
      } else if (row.topic_id) {
        let list = byTopic.get(row.topic_id);
        if (!list) byTopic.set(row.topic_id, (list = { index: [], match: [] }));
        list.index.push(index);
        list.match.push(row.match === null ? NaN : Number(row.match));
        this.topicsOf[index]!.push(row.topic_id);
        this.topics.add(row.topic_id);
      } else {
        everyone.push(index);
      }
    }
    const size = this.insightIds.length;
    this.publishedAt = Float64Array.from(publishedAt);
    this.clusterOf = Int32Array.from(clusterOf);
    this.podcastOf = Int32Array.from(podcastOf);
    this.quality = Float64Array.from(quality);
    this.fresh = this.publishedAt.map((time) => freshness(new Date(time), asOf));
    const growingCluster = Uint8Array.from(this.clusters.names, (id) => (growingClusters.has(id) ? 1 : 0));
    this.growing = Uint8Array.from(clusterOf, (cluster) => (cluster >= 0 ? growingCluster[cluster]! : 0));
    for (const [topicId, list] of byTopic) this.byTopic.set(topicId, { index: Int32Array.from(list.index), match: Float64Array.from(list.match) });
    for (const [podcastId, list] of byPodcast) this.byPodcast.set(podcastId, Int32Array.from(list));
    this.everyone = Int32Array.from(everyone);
    this.feedbackStart = new Int32Array(size + 1);

    this.stamp = new Int32Array(size);
    this.match = new Float64Array(size);
    this.matchedTopic = new Int32Array(size);
    this.fromPodcast = new Uint8Array(size);
    this.topicFeedback = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.kept = new Int32Array(size);
    this.score = new Float64Array(size);
    this.excludedStamp = new Int32Array(size);
    this.seenStamp = new Int32Array(size);
    this.insightFeedback = new Stamped(size);
    this.clusterExcluded = new Int32Array(this.clusters.names.length);
    this.podcastFeedback = new Stamped(this.podcasts.names.length);
    this.unfollowedFeedback = new Stamped(this.topics.names.length);
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
    const size = this.insightIds.length;
    const counts = new Int32Array(size + 1);
    const known = links.filter((link) => this.indexOf.has(link.insight_id));
    for (const link of known) counts[this.indexOf.get(link.insight_id)! + 1]!++;
    for (let i = 0; i < size; i++) counts[i + 1]! += counts[i]!;
    this.feedbackStart = counts.slice();
    this.feedbackTopic = new Int32Array(known.length);
    for (const link of known) this.feedbackTopic[counts[this.indexOf.get(link.insight_id)!]!++] = this.topics.add(link.topic_id);
    this.unfollowedFeedback = new Stamped(this.topics.names.length);
  }

  /**
   * The reader's candidates, best first by the feed's score: at least `count` of them when there are
   * that many (all of them when `count` is Infinity), leaving out `excluded` ones (hidden, or sent
   * before). Ties go to the smaller insight id, as the feed orders them.
   */
  rank(reader: ReaderSignals, personalized: boolean, asOf: Date, count: number, excluded: Exclusions): Candidate[] {
    const now = ++this.readerStamp;
    const { stamp, match, matchedTopic, fromPodcast, topicFeedback, touched } = this;
    let touchedCount = 0;

    if (personalized) {
      for (let topicIndex = 0; topicIndex < reader.topicIds.length; topicIndex++) {
        const list = this.byTopic.get(reader.topicIds[topicIndex]!);
        if (!list) continue;
        const feedback = reader.topicFeedback.get(reader.topicIds[topicIndex]!) ?? 0;
        for (let i = 0; i < list.index.length; i++) {
          const index = list.index[i]!;
          if (stamp[index] !== now) {
            this.touch(index, now);
            touched[touchedCount++] = index;
          }
          const value = list.match[i]!;
          if (!Number.isNaN(value) && (Number.isNaN(match[index]!) || value > match[index]!)) {
            match[index] = value;
            matchedTopic[index] = topicIndex;
          }
          topicFeedback[index] = topicFeedback[index]! + feedback;
        }
      }
      for (const podcastId of reader.podcastIds) {
        const list = this.byPodcast.get(podcastId);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const index = list[i]!;
          if (stamp[index] !== now) {
            this.touch(index, now);
            touched[touchedCount++] = index;
          }
          fromPodcast[index] = 1;
        }
      }
    } else {
      for (let i = 0; i < this.everyone.length; i++) {
        const index = this.everyone[i]!;
        if (stamp[index] !== now) {
          this.touch(index, now);
          touched[touchedCount++] = index;
        }
      }
    }

    const followed = new Set(reader.topicIds);
    this.stampReader(reader, excluded, followed, now);
    const unfollowed = unfollowedFeedbackTopics(reader).length > 0;
    const { kept, score, clusterOf, podcastOf, feedbackStart, feedbackTopic } = this;
    let keptCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const index = touched[i]!;
      const cluster = clusterOf[index]!;
      if (this.excludedStamp[index] === now || (cluster >= 0 && this.clusterExcluded[cluster] === now)) continue;
      // Summed in the feed's order (topics, unfollowed topics, show, insight), so scores match to the bit.
      let feedback = topicFeedback[index]!;
      if (unfollowed) {
        for (let at = feedbackStart[index]!; at < feedbackStart[index + 1]!; at++) feedback += this.unfollowedFeedback.get(feedbackTopic[at]!, now);
      }
      feedback += this.podcastFeedback.get(podcastOf[index]!, now);
      feedback += this.insightFeedback.get(index, now);
      const value = match[index]!;
      score[index] = scoreOf(Number.isNaN(value) ? null : value, this.fresh[index]!, this.quality[index]!, feedback, this.seenStamp[index] === now, this.growing[index] === 1);
      kept[keptCount++] = index;
    }
    const ids = this.insightIds;
    // Ids are compared only between equal scores, which are rare.
    const order = (a: number, b: number) => score[b]! - score[a]! || (ids[a]! < ids[b]! ? -1 : 1);
    const best = count >= keptCount ? kept.subarray(0, keptCount).sort(order) : bestOf(kept, keptCount, count, order);

    return Array.from(best, (index) => {
      const topicIds = personalized ? this.topicsOf[index]!.filter((topicId) => followed.has(topicId)) : [];
      for (let at = this.feedbackStart[index]!; at < this.feedbackStart[index + 1]!; at++) {
        const topicId = this.topics.names[this.feedbackTopic[at]!]!;
        if (!followed.has(topicId) && reader.topicFeedback.has(topicId)) topicIds.push(topicId);
      }
      const cluster = this.clusterOf[index]!;
      return {
        insightId: this.insightIds[index]!,
        match: Number.isNaN(match[index]!) ? null : match[index]!,
        matchedTopicId: matchedTopic[index]! >= 0 ? reader.topicIds[matchedTopic[index]!]! : null,
        fromFollowedPodcast: fromPodcast[index] === 1,
        publishedAt: new Date(this.publishedAt[index]!),
        clusterId: cluster >= 0 ? this.clusters.names[cluster]! : null,
        podcastId: this.podcasts.names[this.podcastOf[index]!]!,
        qualityScore: this.quality[index]!,
        topicIds,
      };
    });
  }

  private touch(index: number, now: number): void {
    this.stamp[index] = now;
    this.match[index] = NaN;
    this.matchedTopic[index] = -1;
    this.fromPodcast[index] = 0;
    this.topicFeedback[index] = 0;
  }

  /** Stamps what this reader said about the pool's insights, stories, shows and unfollowed topics. */
  private stampReader(reader: ReaderSignals, excluded: Exclusions, followed: ReadonlySet<string>, now: number): void {
    for (const ids of excluded.insightIds) {
      for (const id of ids) {
        const index = this.indexOf.get(id);
        if (index !== undefined) this.excludedStamp[index] = now;
      }
    }
    for (const id of excluded.clusterIds) {
      const cluster = this.clusters.get(id);
      if (cluster !== undefined) this.clusterExcluded[cluster] = now;
    }
    for (const id of reader.seen) {
      const index = this.indexOf.get(id);
      if (index !== undefined) this.seenStamp[index] = now;
    }
    for (const [id, value] of reader.insightFeedback) {
      const index = this.indexOf.get(id);
      if (index !== undefined) this.insightFeedback.set(index, now, value);
    }
    for (const [id, value] of reader.podcastFeedback) {
      const podcast = this.podcasts.get(id);
      if (podcast !== undefined) this.podcastFeedback.set(podcast, now, value);
    }
    for (const [id, value] of reader.topicFeedback) {
      const topic = this.topics.get(id);
      if (topic !== undefined && !followed.has(id)) this.unfollowedFeedback.set(topic, now, value);
    }
  }
}

/** The `count` best of the first `length` items by `order`, in order, without sorting them all. */
function bestOf(items: Int32Array, length: number, count: number, order: (a: number, b: number) => number): Int32Array {
  const best = new Int32Array(count);
  let size = 0;
  for (let i = 0; i < length; i++) {
    const item = items[i]!;
    if (size === count && order(item, best[count - 1]!) >= 0) continue;
    let at = size === count ? count - 1 : size++;
    while (at > 0 && order(item, best[at - 1]!) < 0) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = item;
  }
  return best.subarray(0, size);
}
