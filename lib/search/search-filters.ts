/** What a reader can narrow a search to: the topics they can see, and the shows that have insights. */
import "server-only";
import { db } from "@/lib/db";

export type SearchFilterOptions = {
  topics: { slug: string; name: string }[];
  shows: { id: string; title: string }[];
};

export async function listSearchFilters(userId: string): Promise<SearchFilterOptions> {
  const [topics, shows] = await Promise.all([
    db.topic.findMany({
      where: { OR: [{ kind: "curated" }, { createdById: userId }] },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.podcast.findMany({
      where: { episodes: { some: { insights: { some: {} } } } },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
  ]);
  return { topics, shows };
}
