import type { SearchFilterOptions } from "@/lib/search/search-filters";
import { SEARCH_MAX_LENGTH } from "@/lib/search/search-insights";

type Props = { q: string; topic: string; show: string; options: SearchFilterOptions };

/**
 * A plain GET form: every search is a link that can be shared, reloaded and navigated back to.
 * On a phone the fields stack at the screen's width: a select is as wide as its longest option
 * (a show's title) unless told otherwise, which pushed the page sideways at 375 px.
 */
export function SearchForm({ q, topic, show, options }: Props) {
  return (
    <form action="/search" method="get" role="search" className="mb-6 grid grid-cols-[minmax(0,1fr)] gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-[minmax(0,1fr)_auto_auto_auto]">
      <label className="grid min-w-0 gap-1 text-sm font-medium sm:col-span-2 lg:col-span-1">
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
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        Topic
        <select name="topic" defaultValue={topic} className="input w-full lg:w-auto lg:max-w-56">
          <option value="">All topics</option>
          {options.topics.map((entry) => (
            <option key={entry.slug} value={entry.slug}>
              {entry.name}
            </option>
          ))}
        </select>
      </label>
      <label className="grid min-w-0 gap-1 text-sm font-medium">
        Show
        <select name="show" defaultValue={show} className="input w-full lg:w-auto lg:max-w-56">
          <option value="">All shows</option>
          {options.shows.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button-primary sm:justify-self-start lg:justify-self-auto">
        Search
      </button>
    </form>
  );
}
