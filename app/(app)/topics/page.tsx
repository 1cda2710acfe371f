import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { CreateTopicForm } from "@/components/topics/create-topic-form";
import { FollowTopicButton } from "@/components/topics/follow-topic-button";
import { TopicCounts } from "@/components/topics/topic-counts";
import { requireUser } from "@/lib/session";
import { listTopics, type TopicSummary } from "@/lib/topics/topic-directory";

export const metadata: Metadata = { title: "Topics" };

function TopicList({ topics, label }: { topics: TopicSummary[]; label: string }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={label}>
      {topics.map((topic) => (
        <li key={topic.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h3 className="font-semibold">
              <Link href={`/topics/${topic.slug}`} className="hover:underline">
                {topic.name}
              </Link>
              {topic.kind === "custom" ? (
                <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 align-middle text-xs font-normal text-slate-700 dark:bg-slate-800 dark:text-slate-300">Yours</span>
              ) : null}
            </h3>
            {topic.description !== topic.name ? <p className="mt-1 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{topic.description}</p> : null}
            <TopicCounts topic={topic} className="mt-1 text-sm text-slate-600 dark:text-slate-400" />
          </div>
          <FollowTopicButton topicId={topic.id} name={topic.name} following={topic.following} />
        </li>
      ))}
    </ul>
  );
}

export default async function TopicsPage() {
  const user = await requireUser("/topics");
  const topics = await listTopics(user.id);
  const followed = topics.filter((topic) => topic.following);
  const others = topics.filter((topic) => !topic.following);

  return (
    <>
      <PageHeader title="Topics" description="Follow topics, or describe your own, to shape your feed and your daily brief." />
      <section aria-labelledby="create-topic" className="mb-8 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="create-topic" className="mb-3 text-lg font-semibold">
          Create your own topic
        </h2>
        <CreateTopicForm />
      </section>
      {topics.length === 0 ? (
        <EmptyState title="No topics yet">There are no topics to follow yet. Describe one of your own above.</EmptyState>
      ) : null}
      {followed.length ? (
        <section aria-labelledby="followed-topics" className="mb-8">
          <h2 id="followed-topics" className="mb-3 text-lg font-semibold">
            Topics you follow <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({followed.length})</span>
          </h2>
          <TopicList topics={followed} label="Topics you follow" />
        </section>
      ) : null}
      {others.length ? (
        <section aria-labelledby="other-topics">
          <h2 id="other-topics" className="mb-3 text-lg font-semibold">
            {followed.length ? "More topics" : "All topics"}
          </h2>
          <TopicList topics={others} label={followed.length ? "More topics" : "All topics"} />
        </section>
      ) : null}
    </>
  );
}
