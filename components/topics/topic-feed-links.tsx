import { CopyLink } from "@/components/topics/copy-link";
import { PrivateFeedLinks } from "@/components/topics/private-feed-links";
import type { FeedPaths } from "@/lib/topic-feeds/feed-links";
import { formatDate } from "@/lib/format";

type Props =
  | { kind: "curated"; name: string; feedUrls: FeedPaths }
  | { kind: "custom"; topicId: string; name: string; activeSince: Date | null };

/** "Feed links": follow a topic in any feed reader, by public addresses or, for a reader's own topic, private ones. */
export function TopicFeedLinks(props: Props) {
  return (
    <section aria-labelledby="feed-links" className="mt-8 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
      <h2 id="feed-links" className="mb-2 font-semibold">
        Feed links
      </h2>
      {props.kind === "curated" ? (
        <>
          <p className="mb-2 text-slate-700 dark:text-slate-300">Follow {props.name} in any feed reader: its newest insights, as they are found.</p>
          <ul className="space-y-1" aria-label={`Feed links for ${props.name}`}>
            <CopyLink label="RSS" url={props.feedUrls.rss} />
            <CopyLink label="JSON Feed" url={props.feedUrls.json} />
          </ul>
        </>
      ) : (
        <PrivateFeedLinks topicId={props.topicId} name={props.name} activeSince={props.activeSince ? `on ${formatDate(props.activeSince)}` : null} />
      )}
    </section>
  );
}
