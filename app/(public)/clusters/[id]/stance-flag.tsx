import type { TakeStance } from "@/lib/clusters/cluster-page";

const VERDICT_LABEL = { agrees: "Agrees", adds: "Adds to it", disagrees: "Disagrees" } as const;

/** How a take stands to the story's headline take, and which method said so: the offline rule or a named model. */
export function StanceFlag({ stance }: { stance: TakeStance }) {
  const method = stance.method === "model" ? `model check (${stance.model})` : "offline rule";
  const tone =
    stance.verdict === "disagrees"
      ? "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
      : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300";
  return (
    <span className={`rounded-full px-2 py-0.5 ${tone}`} data-stance={stance.verdict} data-method={stance.method}>
      {VERDICT_LABEL[stance.verdict]} · <span className="font-normal">{method}</span>
    </span>
  );
}
