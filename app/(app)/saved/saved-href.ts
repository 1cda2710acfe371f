/** A link to the saved list with the given search, topic and position; empty values are left out. */
export function savedHref(params: { q?: string; topic?: string; cursor?: string }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `/saved?${query}` : "/saved";
}
