import { RECENT_DAYS, type TopicSummary } from "@/lib/topics/topic-directory";
import { formatCount } from "@/lib/format";

/** "12 followers · 340 insights, 25 in the last 30 days" */
export function TopicCounts({ topic, className }: { topic: Pick<TopicSummary, "followers" | "insights" | "recentInsights">; className?: string }) {
  return (
    <p className={className ?? "text-sm text-slate-600 dark:text-slate-400"}>
      {formatCount(topic.followers, "follower")} · {formatCount(topic.insights, "insight")}
      {topic.insights ? `, ${topic.recentInsights.toLocaleString("en")} in the last ${RECENT_DAYS} days` : ""}
    </p>
  );
}
