"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { AsSaid } from "@/components/insights/as-said";
import { InsightActions } from "@/components/insights/insight-actions";
import { setHiddenAction } from "@/lib/actions/insight-actions";
import { formatDate } from "@/lib/format";
import type { InsightCardData } from "@/lib/insights/insight-card";

type Props = {
  insight: InsightCardData;
  saved: boolean;
  /** Why this reader sees it ("You follow AI geopolitics · 3 shows discussed this"). */
  reason?: string;
  /** Shown under the body, e.g. the other shows of its cluster. */
  children?: React.ReactNode;
  canHide?: boolean;
};

/**
 * One insight in a list: what it says, the words as said and when, its topics, and what the reader can do with
 * it. A client component so that hiding folds it away at once, with an undo.
 */
export function InsightCard({ insight, saved, reason, children, canHide }: Props) {
  const [hidden, setHidden] = useState(false);
  const [, startTransition] = useTransition();
  if (hidden) {
    const undo = () =>
      startTransition(async () => {
        setHidden(false);
        await setHiddenAction(insight.id, false);
      });
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-insight-id={insight.id} data-hidden>
        Hidden: you will not see “{insight.headline}” again.{" "}
        <button type="button" onClick={undo} className="font-medium underline">
          Undo
        </button>
      </p>
    );
  }
  return (
    <article className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-insight-id={insight.id} aria-labelledby={`insight-${insight.id}`}>
      <h2 id={`insight-${insight.id}`} className="text-lg font-semibold leading-snug">
        <Link href={`/insights/${insight.id}`} className="hover:underline">
          {insight.headline}
        </Link>
      </h2>
      <p className="mt-2 leading-relaxed text-slate-800 dark:text-slate-200">{insight.body}</p>
      <AsSaid body={insight.body} quote={insight.quote} seconds={insight.saidAt} speaker={insight.speaker} listenHref={insight.saidAt === null ? undefined : `/insights/${insight.id}?t=${insight.saidAt}`} />
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        <Link href={`/podcasts/${insight.podcast.id}`} className="font-medium hover:underline">
          {insight.podcast.title}
        </Link>
        {" · "}
        {insight.episode.title}
        {" · "}
        {formatDate(insight.publishedAt)}
      </p>
      {insight.topics.length ? (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label="Topics">
          {insight.topics.map((topic) => (
            <li key={topic.id}>
              <Link href={`/topics/${topic.slug}`} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200">
                {topic.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {reason ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{reason}</p> : null}
      {children}
      <div className="mt-3">
        <InsightActions insightId={insight.id} saved={saved} canHide={canHide} onHiddenChange={setHidden} topics={insight.topics} podcast={insight.podcast} />
      </div>
    </article>
  );
}
