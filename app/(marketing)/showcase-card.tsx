import Link from "next/link";
import { Artwork } from "@/components/artwork/artwork";
import { formatCount } from "@/lib/format";

export type ShowcaseItem = {
  headline: string;
  /** The first sentence or two of the body. */
  excerpt: string;
  show: string;
  /** The show's stored artwork (`/art/<hash>`), or null for its monogram. */
  artworkSrc: string | null;
  episode: string;
  date: string;
  /** Its page; none for the example card, which is no real insight. */
  href: string | null;
  relatedCount: number;
};

/** One insight on the landing page, as a card: the show, the headline, its opening and the way to the rest. */
export function ShowcaseCard({ item, example = false }: { item: ShowcaseItem; example?: boolean }) {
  return (
    <article className="flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-3">
        <Artwork src={item.artworkSrc} name={item.show} size={40} />
        <p className="min-w-0 flex-1 text-sm leading-tight text-slate-600 dark:text-slate-400">
          <span className="block truncate font-semibold text-slate-900 dark:text-slate-100">{item.show}</span>
          <span className="block truncate">{item.date}</span>
        </p>
        {example ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">Example</span> : null}
      </div>
      <h3 className="mt-4 text-lg font-semibold leading-snug text-pretty">{item.href ? <Link href={item.href} className="hover:underline">{item.headline}</Link> : item.headline}</h3>
      <p className="mt-2 leading-relaxed text-slate-700 dark:text-slate-300">{item.excerpt}</p>
      <p className="mt-auto pt-4 text-sm">
        {item.href ? (
          <Link href={item.relatedCount ? `${item.href}#related` : item.href} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            {item.relatedCount ? formatCount(item.relatedCount, "related insight") : "Read the insight"}
            <span aria-hidden> →</span>
          </Link>
        ) : (
          <span className="text-slate-600 dark:text-slate-400">From {item.episode}</span>
        )}
      </p>
    </article>
  );
}
