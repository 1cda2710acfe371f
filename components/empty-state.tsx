export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <h2 className="font-semibold">{title}</h2>
      <div className="mt-2 text-slate-700 dark:text-slate-300">{children}</div>
    </div>
  );
}
