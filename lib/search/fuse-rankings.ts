/**
 * Reciprocal rank fusion: each list gives an item 1 / (k + its position), and the sums rank the
 * merged list. Only positions count, so a full-text rank and a cosine similarity, on scales that
 * cannot be compared, merge without weights to tune; an item high in both lists beats one at the top
 * of either alone. k = 60 is the value of the original paper (Cormack et al., 2009), which damps the
 * difference between the first few places.
 */

export const RRF_K = 60;

export type FusedItem = { id: string; score: number; /** Its 1-based position in each list, or null where absent. */ positions: (number | null)[] };

/** The union of the lists (ids best first), best first; ties go to the better best position, then the id, so order never depends on timing. */
export function fuseRankings(lists: readonly (readonly string[])[], k = RRF_K): FusedItem[] {
  const byId = new Map<string, FusedItem>();
  lists.forEach((list, listIndex) => {
    list.forEach((id, i) => {
      let item = byId.get(id);
      if (!item) {
        item = { id, score: 0, positions: lists.map(() => null) };
        byId.set(id, item);
      }
      // A list that names an id twice counts its first place only.
      if (item.positions[listIndex] !== null) return;
      item.positions[listIndex] = i + 1;
      item.score += 1 / (k + i + 1);
    });
  });
  const best = (item: FusedItem) => Math.min(...item.positions.map((p) => p ?? Number.POSITIVE_INFINITY));
  return [...byId.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
