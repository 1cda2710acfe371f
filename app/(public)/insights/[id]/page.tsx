import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordBriefClick } from "@/components/brief/record-brief-click";
import { AsSaid } from "@/components/insights/as-said";
import { InsightActions } from "@/components/insights/insight-actions";
import { RecordOpen } from "@/components/insights/record-open";
import { BRIEF_CLICK_PARAM } from "@/lib/brief/brief-links";
import { formatDate, formatTimestamp } from "@/lib/format";
import { getInsightPage } from "@/lib/insights/insight-page";
import { getCurrentUser } from "@/lib/session";

export async function generateMetadata({ params }: PageProps<"/insights/[id]">): Promise<Metadata> {
  const { id } = await params;
  const page = await getInsightPage(id, null);
  if (!page) return { title: "Insight not found" };
  const { card } = page;
  const description = card.body.length > 200 ? `${card.body.slice(0, 197)}…` : card.body;
  const title = `${card.headline} · ${card.podcast.title}`;
  return {
    title,
    description,
    openGraph: { type: "article", title, description, publishedTime: card.publishedAt.toISOString(), siteName: "Podbrief" },
    twitter: { card: "summary", title, description },
  };
}

export default async function InsightPage({ params, searchParams }: PageProps<"/insights/[id]">) {
  const [{ id }, query, user] = await Promise.all([params, searchParams, getCurrentUser()]);
  const page = await getInsightPage(id, user?.id ?? null);
  if (!page) notFound();
  const { card } = page;
  // A shared link may name a moment (?t=seconds); otherwise the quote's start. An untimed
  // transcript has no moment to name: listening starts at the beginning, and no time is shown.
  const requested = Number(typeof query.t === "string" ? query.t : NaN);
  const start = card.saidAt === null ? null : Number.isFinite(requested) && requested >= 0 ? Math.floor(requested) : card.saidAt;
  // Arrived through a brief's link (/mail/click): the browser records the click once the page loads.
  const briefClick = query[BRIEF_CLICK_PARAM];

  return (
    <article aria-labelledby="insight-headline">
      {typeof briefClick === "string" ? <RecordBriefClick token={briefClick} param={BRIEF_CLICK_PARAM} /> : null}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <Link href={`/podcasts/${card.podcast.id}`} className="font-medium hover:underline">
          {card.podcast.title}
        </Link>{" "}
        · {card.episode.title} · {formatDate(card.publishedAt)}
      </p>
      <h1 id="insight-headline" className="mt-2 text-2xl font-bold leading-tight tracking-tight">
        {card.headline}
      </h1>
      <p className="mt-4 text-lg leading-relaxed text-slate-800 dark:text-slate-200">{card.body}</p>
      <AsSaid body={card.body} quote={card.quote} seconds={card.saidAt} speaker={card.speaker} size="page" />
      {page.audio ? (
        <div className="mt-6" data-testid="listen" data-start={start ?? undefined}>
          <p className="mb-2 text-sm font-medium">{start === null ? "Listen to the episode" : `Listen from ${formatTimestamp(start)}`}</p>
          {/* The media fragment starts playback at the quoted moment. */}
          <audio controls preload="none" src={start === null ? page.audio.url : `${page.audio.url}#t=${start}`} className="w-full">
            <a href={page.audio.url}>Download the episode</a>
          </audio>
        </div>
      ) : page.episodeLink ? (
        // Feeds without an audio file still link the episode; say where in it to listen.
        <p className="mt-6 text-sm" data-testid="listen" data-start={start ?? undefined}>
          <a href={page.episodeLink} className="font-medium underline" rel="noopener noreferrer">
            Listen to the episode
          </a>
          {start === null ? null : ` from ${formatTimestamp(start)}`}
        </p>
      ) : null}
      {card.topics.length ? (
        <ul className="mt-6 flex flex-wrap gap-2" aria-label="Topics">
          {card.topics.map((topic) => (
            <li key={topic.id}>
              <Link href={`/topics/${topic.slug}`} className="rounded-full bg-slate-100 px-3 py-1 text-sm hover:bg-slate-200 dark:bg-slate-800 dark:hover:bg-slate-700">
                {topic.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {user ? (
        <div className="mt-6">
          <InsightActions insightId={card.id} saved={page.saved} canHide={false} />
          <RecordOpen insightId={card.id} />
        </div>
      ) : null}

      <section className="mt-10" aria-labelledby="related-heading">
        <h2 id="related-heading" className="text-lg font-semibold">
          Related Insights
        </h2>
        {page.related.length ? (
          <ul className="mt-3 flex flex-col gap-3" data-testid="related-insights">
            {page.related.map((related) => (
              <li key={related.id} className="rounded-xl border border-slate-200 p-3 dark:border-slate-800">
                <Link href={`/insights/${related.id}`} className="font-medium hover:underline">
                  {related.headline}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {related.podcast.title} · {related.episode.title}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-600 dark:text-slate-400">No other show has said something close to this yet.</p>
        )}
      </section>
    </article>
  );
}
