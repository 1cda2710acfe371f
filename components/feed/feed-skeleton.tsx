/** Where the feed's cards will be while they are ranked: the page around them is already on screen. */
export function FeedSkeleton({ cards = 3 }: { cards?: number }) {
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-label="Loading insights" role="status">
      {Array.from({ length: cards }, (_, index) => (
        <div key={index} className="max-w-2xl animate-pulse rounded-2xl border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-800 dark:bg-slate-900/60" aria-hidden="true">
          <div className="h-5 w-3/4 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="mt-4 h-4 w-full rounded bg-slate-100 dark:bg-slate-800/70" />
          <div className="mt-2 h-4 w-5/6 rounded bg-slate-100 dark:bg-slate-800/70" />
          <div className="mt-6 flex items-center gap-3">
            <div className="size-10 rounded-md bg-slate-200 dark:bg-slate-800" />
            <div className="h-4 w-40 rounded bg-slate-100 dark:bg-slate-800/70" />
          </div>
        </div>
      ))}
    </div>
  );
}
