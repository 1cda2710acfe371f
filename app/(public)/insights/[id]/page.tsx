import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Artwork } from "@/components/artwork/artwork";
import { RecordBriefClick } from "@/components/brief/record-brief-click";
import { AsSaid } from "@/components/insights/as-said";
import { InsightActions } from "@/components/insights/insight-actions";
import { PlayFromHere } from "@/components/insights/play-from-here";
import { RecordOpen } from "@/components/insights/record-open";
import { RelatedInsights } from "@/components/insights/related-insights";
import { ShareButton } from "@/components/insights/share-button";
import { BRIEF_CLICK_PARAM } from "@/lib/brief/brief-links";
import { getInsightPage, getInsightShareCard } from "@/lib/cards/insight-page";
import { getEnv } from "@/lib/env";
import { formatDate, formatTimestamp } from "@/lib/format";
import { getCurrentUser } from "@/lib/session";

/** Title, description and a large card for chat apps and social sites; the image is opengraph-image.tsx beside this page. */
export async function generateMetadata({ params }: PageProps<"/insights/[id]">): Promise<Metadata> {
  const { id } = await params;
  const insight = await getInsightShareCard(id);
  if (!insight) return { title: "Insight not found" };
  const description = insight.body.length > 200 ? `${insight.body.slice(0, 197)}…` : insight.body;
  const title = `${insight.headline} · ${insight.podcastTitle}`;
  const path = `/insights/${id}`;
  return {
    // Absolute addresses for og:url and og:image: an unfurler fetches them from elsewhere.
    metadataBase: new URL(getEnv().appUrl),
    title,
    description,
    alternates: { canonical: path },
    openGraph: { type: "article", url: path, title, description, publishedTime: insight.publishedAt.toISOString(), siteName: "Podbrief" },
    twitter: { card: "summary_large_image", title, description },
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
    <>
      <article aria-labelledby="insight-headline">
        {typeof briefClick === "string" ? <RecordBriefClick token={briefClick} param={BRIEF_CLICK_PARAM} /> : null}
        <div className="flex items-center gap-3">
          <Artwork src={card.artwork} name={card.podcast.title} size={56} priority />
          <p className="min-w-0 text-sm text-slate-600 dark:text-slate-400">
            <Link href={`/podcasts/${card.podcast.id}`} className="font-semibold text-slate-900 hover:underline dark:text-slate-100">
              {card.podcast.title}
            </Link>
            <br />
            <span className="break-words">{card.episode.title}</span> · <time dateTime={card.publishedAt.toISOString()}>{formatDate(card.publishedAt)}</time>
          </p>
        </div>
        <h1 id="insight-headline" className="mt-6 text-3xl font-bold leading-tight tracking-tight text-balance sm:text-4xl">
          {card.headline}
        </h1>
        <p className="mt-5 max-w-prose text-lg leading-relaxed text-slate-800 dark:text-slate-200">{card.body}</p>
        <AsSaid body={card.body} quote={card.quote} seconds={card.saidAt} speaker={card.speaker} listenHref={page.audio && start !== null ? "#listen" : undefined} size="page" />
        {page.audio ? (
          <div id="listen" className="scroll-mt-6">
            <PlayFromHere url={page.audio.url} start={start} />
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
                <Link href={`/topics/${topic.slug}`} className="inline-block rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700">
                  {topic.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="mt-6 flex flex-wrap items-start gap-x-2 gap-y-3">
          {user ? (
            <InsightActions insightId={card.id} saved={page.saved} canHide={false} />
          ) : (
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/insights/${card.id}`)}`} className="button-secondary px-3 py-1 text-sm">
              Sign in to save
            </Link>
          )}
          <ShareButton url={`${getEnv().appUrl}/insights/${card.id}`} title={card.headline} />
        </div>
        {user ? <RecordOpen insightId={card.id} /> : null}
      </article>
      <RelatedInsights story={page.story} samePoint={page.samePoint} related={page.related} />
    </>
  );
}
