/** Why an item is in a reader's feed or brief, in words for the reader. */
import type { Candidate } from "@/lib/feed/candidates";

/** Why an item was chosen, in words for the reader: "You follow AI geopolitics · 3 shows discussed this". */
export function reasonFor(candidate: Candidate, topicNames: ReadonlyMap<string, string>, otherShows: number, personalized: boolean): string {
  const topic = candidate.matchedTopicId ? topicNames.get(candidate.matchedTopicId) : undefined;
  return reasonText({ topic: topic ?? null, fromFollowedPodcast: candidate.fromFollowedPodcast, otherShows, personalized });
}

export function reasonText({ topic, fromFollowedPodcast, otherShows, personalized }: { topic: string | null; fromFollowedPodcast: boolean; otherShows: number; personalized: boolean }): string {
  const parts: string[] = [];
  if (topic) parts.push(`You follow ${topic}`);
  else if (fromFollowedPodcast) parts.push("From a show you follow");
  else if (!personalized) parts.push("New on Podbrief");
  if (otherShows > 0) parts.push(`${otherShows + 1} shows discussed this`);
  return parts.join(" · ");
}
