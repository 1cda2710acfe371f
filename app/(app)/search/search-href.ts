/** The address of a search: only the parts that are set, so links stay short and shareable. */
export function searchHref({ q, topic, show, page }: { q?: string; topic?: string; show?: string; page?: number }): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (topic) params.set("topic", topic);
  if (show) params.set("show", show);
  if (page && page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}
