import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { InsightCard } from "@/components/insights/insight-card";
import { PageHeader } from "@/components/page-header";
import { countSaved, listSaved, savedListInput, savedTopics } from "@/lib/saved/saved-insights";
import { requireUser } from "@/lib/session";
import { SavedFilters } from "./saved-filters";
import { savedHref } from "./saved-href";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Saved" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SavedPage({ searchParams }: PageProps<"/saved">) {
  const params = await searchParams;
  const { q, topic, cursor } = savedListInput.parse({ q: first(params.q) || undefined, topic: first(params.topic) || undefined, cursor: first(params.cursor) });
  const user = await requireUser(savedHref({ q, topic, cursor }));
  const [total, topics, page] = await Promise.all([countSaved(user.id), savedTopics(user.id), listSaved(user.id, { q, topic, cursor })]);
  const topicName = topics.find((entry) => entry.slug === topic)?.name ?? topic;

  if (total === 0) {
    return (
      <>
        <PageHeader title="Saved" description="Insights you saved, to come back to or export." />
        <EmptyState title="Nothing saved yet">
          <p>
            Press <strong>Save</strong> on any insight, in <Link href="/feed" className="underline">your feed</Link>, on a topic page or on the
            insight&apos;s own page, and it stays here: searchable, filterable by topic, and ready to export as Markdown, CSV or JSON, to Obsidian or to Readwise.
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Saved" description={`${formatCount(total, "insight")} you saved, to come back to or export.`} />
      <p className="-mt-4 mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <span>Export all:</span>
        <a href="/api/saved/export?format=md" download className="text-brand-700 underline dark:text-brand-100">
          Markdown
        </a>
        <a href="/api/saved/export?format=csv" download className="text-brand-700 underline dark:text-brand-100">
          CSV
        </a>
        <a href="/api/saved/export?format=json" download className="text-brand-700 underline dark:text-brand-100">
          JSON
        </a>
        <a href="/api/saved/export?format=obsidian" download className="text-brand-700 underline dark:text-brand-100">
          Obsidian (zip)
        </a>
        <a href="/api/saved/export?format=readwise" download className="text-brand-700 underline dark:text-brand-100">
          Readwise (CSV)
        </a>
      </p>
      <SavedFilters q={q} topic={topic} topics={topics} />
      {q || topic ? (
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
          Showing saved insights{q ? ` matching “${q}”` : ""}
          {topic ? ` on ${topicName}` : ""}.{" "}
          <Link href="/saved" className="underline">
            Show all
          </Link>
        </p>
      ) : null}
      {page.items.length ? (
        <ol className="grid grid-cols-1 gap-4" aria-label="Saved insights">
          {page.items.map(({ insight }) => (
            <li key={insight.id}>
              <InsightCard insight={insight} saved canHide={false} />
            </li>
          ))}
        </ol>
      ) : cursor ? (
        <EmptyState title="No more saved insights">
          <Link href={savedHref({ q, topic })} className="underline">
            Back to the newest
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="No saved insights match">
          Try other words or another topic, or{" "}
          <Link href="/saved" className="underline">
            show all saved insights
          </Link>
          .
        </EmptyState>
      )}
      {cursor || page.nextCursor ? (
        <nav aria-label="Saved pages" className="mt-6 flex flex-wrap gap-3">
          {cursor ? (
            <Link href={savedHref({ q, topic })} className="button-secondary">
              Newest
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link href={savedHref({ q, topic, cursor: page.nextCursor })} className="button-secondary">
              Load more
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
