"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { feedbackInput, hideInsight, recordFeedback, recordOpened, saveInsight, unhideInsight, unsaveInsight } from "@/lib/feed/feed-events";

// None of these revalidates a path: in a server action any revalidation re-renders the page it was
// called from, and the feed then re-ranks under the reader (a saved card sank out of sight right
// after "Saved"). The card shows the change itself; every list reads afresh on the next visit.

const NO_SUCH_INSIGHT = "That insight no longer exists.";
const insightId = z.string().min(1).max(64);

export const setSavedAction = defineAction({
  name: "save-insight",
  input: z.object({ insightId, saved: z.boolean() }),
  invalidInput: NO_SUCH_INSIGHT,
  run: ({ input, user }) => (input.saved ? saveInsight(user.id, input.insightId) : unsaveInsight(user.id, input.insightId)),
});

export const setHiddenAction = defineAction({
  name: "hide-insight",
  input: z.object({ insightId, hidden: z.boolean() }),
  invalidInput: NO_SUCH_INSIGHT,
  run: ({ input, user }) => (input.hidden ? hideInsight(user.id, input.insightId) : unhideInsight(user.id, input.insightId)),
});

export const feedbackAction = defineAction({
  name: "feedback",
  input: feedbackInput,
  invalidInput: "Choose what to see more or less of.",
  run: ({ input, user }) => recordFeedback(user.id, input),
});

/** Called once the page is really open in a browser (not on prefetch): an opened insight sinks in the feed. */
export const recordOpenedAction = defineAction({
  name: "record-opened",
  input: z.object({ insightId }),
  invalidInput: NO_SUCH_INSIGHT,
  run: ({ input, user }) => recordOpened(user.id, input.insightId),
});
