import { RECENT_DAYS, type TopicSummary } from "@/lib/topics/topic-directory";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "12 followers · 340 insights, 25 in the last 30 days" */
export function TopicCounts({ topic, className }: { topic: Pick<TopicSummary, "followers" | "insights" | "recentInsights">; className?: string }) {
  return (
    <p className={className ?? "text-sm text-slate-600 dark:text-slate-400"}>
      {count(topic.followers, "follower", "followers")} · {count(topic.insights, "insight", "insights")}
      {topic.insights ? `, ${topic.recentInsights.toLocaleString("en")} in the last ${RECENT_DAYS} days` : ""}
    </p>
  );
}
