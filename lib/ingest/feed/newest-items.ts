/**
 * The cap on items read per poll. A feed can list 100,000 items; reading, sanitizing and storing all of
 * them held a worker for minutes and gigabytes, and no reader goes that far back. Only the newest items
 * by date are read: their dates are read first (cheap), the rest of each chosen item afterwards.
 */

/** Items read from one feed per poll: the newest by date. */
export const MAX_EPISODES_PER_FEED = 2_000;

/**
 * The newest `limit` items, in the feed's own order. Undated items count as the oldest, and items with
 * the same date keep their order in the feed.
 */
export function newestItems<T>(items: readonly T[], dateOf: (item: T) => Date | null, limit = MAX_EPISODES_PER_FEED): readonly T[] {
  if (items.length <= limit) return items;
  const dated = items.map((item, index) => ({ index, time: dateOf(item)?.getTime() ?? Number.NEGATIVE_INFINITY }));
  dated.sort((a, b) => (a.time === b.time ? a.index - b.index : b.time - a.time));
  return dated
    .slice(0, limit)
    .sort((a, b) => a.index - b.index)
    .map(({ index }) => items[index]!);
}
