"use client";

import { useFormStatus } from "react-dom";
import { followTopicAction, unfollowTopicAction } from "@/lib/actions/topic-actions";

function SubmitButton({ following, name }: { following: boolean; name: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={following ? "button-secondary" : "button-primary"}>
      {following ? "Unfollow" : "Follow"}
      <span className="sr-only"> {name}</span>
    </button>
  );
}

/** Follow or unfollow a topic; a plain form, so it works before the page's scripts have loaded. */
export function FollowTopicButton({ topicId, name, following }: { topicId: string; name: string; following: boolean }) {
  return (
    <form action={following ? unfollowTopicAction : followTopicAction} className="shrink-0">
      <input type="hidden" name="topicId" value={topicId} />
      <SubmitButton following={following} name={name} />
    </form>
  );
}
