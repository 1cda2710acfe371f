"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { CopyLink } from "@/components/topics/copy-link";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { changeTopicFeedLinksAction } from "@/lib/actions/topic-feed-actions";
import type { FeedPaths } from "@/lib/topic-feeds/feed-links";

type Props = { topicId: string; name: string; activeSince: string | null };

/**
 * A reader's own topic's feed links. Only a hash of the token is stored, so the addresses are shown
 * once, when they are made; making new ones or revoking them stops the old ones at once.
 */
export function PrivateFeedLinks({ topicId, name, activeSince }: Props) {
  const [result, change, pending] = useActionState<ActionResult<FeedPaths | null>, FormData>(changeTopicFeedLinksAction, IDLE_RESULT);
  const links = result.ok ? result.data : undefined;
  const active = links !== null && (links !== undefined || activeSince !== null);
  return (
    <div className="space-y-2">
      <p className="text-slate-700 dark:text-slate-300">
        Private links: anyone who has them can read {name} in a feed reader, so keep them to yourself.
        {active && !links ? ` Your links made ${activeSince} work; they were shown once. Make new ones to see them again.` : null}
      </p>
      {links ? (
        <ul className="space-y-1" aria-label={`Feed links for ${name}`}>
          <CopyLink label="RSS" url={links.rss} />
          <CopyLink label="JSON Feed" url={links.json} />
        </ul>
      ) : null}
      <form action={change} className="flex flex-wrap gap-2">
        <input type="hidden" name="topicId" value={topicId} />
        <button type="submit" name="intent" value="regenerate" disabled={pending} className="button-secondary">
          {active ? "Make new feed links" : "Make feed links"}
        </button>
        {active ? (
          <button type="submit" name="intent" value="revoke" disabled={pending} className="button-secondary">
            Revoke feed links
          </button>
        ) : null}
      </form>
      <FormStatus error={resultError(result)} message={result.ok ? result.message : undefined} />
    </div>
  );
}
