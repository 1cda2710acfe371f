import { HighlightedText } from "@/components/search/highlighted-text";
import type { SearchHighlights } from "@/lib/search/search-insights";

const FIELDS = [
  ["headline", "Headline"],
  ["body", "Summary"],
  ["quote", "Quote"],
  ["episodeTitle", "Episode"],
] as const;

/** Under a search result: each part of the insight that matched, with the matching words marked. */
export function SearchMatch({ highlights }: { highlights: SearchHighlights }) {
  const matched = FIELDS.flatMap(([key, label]) => {
    const segments = highlights[key];
    return segments ? [{ key, label, segments }] : [];
  });
  if (matched.length === 0) return null;
  return (
    <dl className="mt-3 grid gap-1 rounded-lg bg-slate-50 p-3 text-sm text-slate-800 dark:bg-slate-900 dark:text-slate-200" aria-label="Where it matched" data-testid="search-match">
      {matched.map(({ key, label, segments }) => (
        <div key={key}>
          <dt className="inline font-medium text-slate-600 dark:text-slate-400">{label}: </dt>
          <dd className="inline">
            <HighlightedText segments={segments} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
