import Link from "next/link";
import { savedHref } from "./saved-href";

type Props = { q?: string; topic?: string; topics: { slug: string; name: string; count: number }[] };

/** Search and topic filter for the saved list: plain GET links and a GET form, so they work before any script loads. */
export function SavedFilters({ q, topic, topics }: Props) {
  const chip = "rounded-full border px-3 py-1 text-sm";
  const idle = "border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800";
  const current = "border-brand-600 bg-brand-600 text-white";
  return (
    <div className="mb-6 grid gap-4">
      <form action="/saved" method="get" role="search" className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="saved-q" className="sr-only">
          Search saved insights
        </label>
        <input id="saved-q" name="q" type="search" defaultValue={q} maxLength={200} placeholder="Search saved insights" className="input min-w-0 flex-1" />
        {topic ? <input type="hidden" name="topic" value={topic} /> : null}
        <button type="submit" className="button-primary">
          Search
        </button>
      </form>
      {topics.length ? (
        <nav aria-label="Filter by topic">
          <ul className="flex flex-wrap gap-2">
            <li>
              <Link href={savedHref({ q })} aria-current={topic ? undefined : "page"} className={`${chip} ${topic ? idle : current}`}>
                All topics
              </Link>
            </li>
            {topics.map((entry) => (
              <li key={entry.slug}>
                <Link
                  href={savedHref({ q, topic: entry.slug })}
                  aria-current={entry.slug === topic ? "page" : undefined}
                  className={`${chip} ${entry.slug === topic ? current : idle}`}
                >
                  {entry.name} <span className="sr-only">(</span>
                  <span className={entry.slug === topic ? "text-brand-100" : "text-slate-600 dark:text-slate-400"}>{entry.count}</span>
                  <span className="sr-only">)</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
