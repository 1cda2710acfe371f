import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { InsightCard } from "@/components/insights/insight-card";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search/search-form";
import { publicMessage } from "@/lib/errors";
import { listSearchFilters } from "@/lib/search/search-filters";
import { SEARCH_PAGE_SIZE, searchInsights, type SearchPage } from "@/lib/search/search-insights";
import { requireUser } from "@/lib/session";
import { searchHref } from "./search-href";

export const metadata: Metadata = { title: "Search" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function SearchPage({ searchParams }: PageProps<"/search">) {
  const params = await searchParams;
  const q = first(params.q).trim();
  const topic = first(params.topic);
  const show = first(params.show);
  const page = Math.max(1, Number.parseInt(first(params.page), 10) || 1);
  const user = await requireUser(searchHref({ q, topic, show, page }));
  const options = await listSearchFilters(user.id);

  let outcome: SearchPage | { error: string } | null = null;
  if (q) {
    try {
      outcome = await searchInsights(user.id, { q, topic, podcastId: show, offset: (page - 1) * SEARCH_PAGE_SIZE });
    } catch (error) {
      outcome = { error: publicMessage(error, "search") };
    }
  }

  const topicName = options.topics.find((entry) => entry.slug === topic)?.name ?? topic;
  const showTitle = options.shows.find((entry) => entry.id === show)?.title ?? "the chosen show";
  const scope = [topic ? ` on ${topicName}` : "", show ? ` from ${showTitle}` : ""].join("");

  return (
    <>
      <PageHeader title="Search" description="Find insights by what was said or what it meant, in every show Podbrief reads." />
      <SearchForm q={q} topic={topic} show={show} options={options} />
      {outcome === null ? (
        <EmptyState title="What are you looking for?">
          <p>
            Search the headlines, summaries and quotes of every insight, and the titles of their episodes. Put a phrase in
            &quot;quotes&quot;, use <strong>or</strong> for either word, and a minus sign to leave a word out. Insights close in
            meaning come up too, even when they use other words.
          </p>
        </EmptyState>
      ) : "error" in outcome ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {outcome.error}
        </p>
      ) : outcome.results.length === 0 ? (
        <EmptyState title={page > 1 ? "No more results" : "No insights found"}>
          {page > 1 ? (
            <Link href={searchHref({ q, topic, show })} className="underline">
              Back to the first page
            </Link>
          ) : !outcome.hasTerms ? (
            <p>Every word in “{q}” is too common to search for. Try a more specific word.</p>
          ) : (
            <p>
              Nothing matches “{q}”{scope}. Try other words{topic || show ? ", or " : "."}
              {topic || show ? (
                <Link href={searchHref({ q })} className="underline">
                  search everything
                </Link>
              ) : null}
              {topic || show ? "." : null}
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            Insights matching “{q}” in words or meaning{scope}, best match first{page > 1 ? ` · page ${page}` : ""}.
          </p>
          <ol className="grid grid-cols-1 gap-4" aria-label="Search results">
            {outcome.results.map((result) => (
              <li key={result.insight.id}>
                <InsightCard
                  insight={result.insight}
                  saved={result.saved}
                  highlights={result.highlights}
                  reason={result.foundBy === "meaning" ? "Close in meaning to your search, though not a match for its words." : undefined}
                />
              </li>
            ))}
          </ol>
          {page > 1 || outcome.nextOffset !== null ? (
            <nav aria-label="Search result pages" className="mt-6 flex justify-between gap-4">
              {page > 1 ? (
                <Link href={searchHref({ q, topic, show, page: page - 1 })} className="button-secondary" rel="prev">
                  Previous
                </Link>
              ) : (
                <span />
              )}
              {outcome.nextOffset !== null ? (
                <Link href={searchHref({ q, topic, show, page: page + 1 })} className="button-secondary" rel="next">
                  Next
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
