import type { SearchFilterOptions } from "@/lib/search/search-filters";
import { SEARCH_MAX_LENGTH } from "@/lib/search/search-insights";

type Props = { q: string; topic: string; show: string; options: SearchFilterOptions };

/** A plain GET form: every search is a link that can be shared, reloaded and navigated back to. */
export function SearchForm({ q, topic, show, options }: Props) {
  return (
    <form action="/search" method="get" role="search" className="mb-6 grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
      <label className="grid gap-1 text-sm font-medium">
        Search insights
        <input
          type="search"
          name="q"
          defaultValue={q}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={`e.g. chip export rules, "open source" -crypto`}
          className="input w-full"
          autoComplete="off"
        />
      </label>
      <label className="grid gap-1 text-sm font-medium">
        Topic
        <select name="topic" defaultValue={topic} className="input">
          <option value="">All topics</option>
          {options.topics.map((entry) => (
            <option key={entry.slug} value={entry.slug}>
              {entry.name}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1 text-sm font-medium">
        Show
        <select name="show" defaultValue={show} className="input sm:max-w-56">
          <option value="">All shows</option>
          {options.shows.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button-primary">
        Search
      </button>
    </form>
  );
}
