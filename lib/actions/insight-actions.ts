"use server";

import { z } from "zod";
import { parseReaderInput, publicMessage } from "@/lib/errors";
import { feedbackInput, hideInsight, recordFeedback, recordOpened, saveInsight, unhideInsight, unsaveInsight } from "@/lib/feed/feed-events";
import { getCurrentUser, requireUser } from "@/lib/session";

export type ActionResult = { ok: true } | { ok: false; error: string };

// None of these revalidates a path: in a server action any revalidation re-renders the page it was
// called from, and the feed then re-ranks under the reader (a saved card sank out of sight ~100 ms
// after "Saved"). The card shows the change itself; every list reads afresh on the next visit.

const insightIdInput = z.object({ insightId: z.string().min(1).max(64) });

async function run(context: string, task: (userId: string) => Promise<void>): Promise<ActionResult> {
  const user = await requireUser();
  try {
    await task(user.id);
  } catch (error) {
    return { ok: false, error: publicMessage(error, context) };
  }
  return { ok: true };
}

const NO_SUCH_INSIGHT = "That insight no longer exists.";

export async function setSavedAction(insightId: string, saved: boolean): Promise<ActionResult> {
  return run(
    "save-insight",
    (userId) => {
      const input = parseReaderInput(insightIdInput, { insightId }, NO_SUCH_INSIGHT);
      return saved === true ? saveInsight(userId, input.insightId) : unsaveInsight(userId, input.insightId);
    },
  );
}

export async function setHiddenAction(insightId: string, hidden: boolean): Promise<ActionResult> {
  return run(
    "hide-insight",
    (userId) => {
      const input = parseReaderInput(insightIdInput, { insightId }, NO_SUCH_INSIGHT);
      return hidden === true ? hideInsight(userId, input.insightId) : unhideInsight(userId, input.insightId);
    },
  );
}

export async function feedbackAction(raw: z.input<typeof feedbackInput>): Promise<ActionResult> {
  return run("feedback", (userId) => recordFeedback(userId, parseReaderInput(feedbackInput, raw, "Choose what to see more or less of.")));
}

/** Called once the page is really open in a browser (not on prefetch): an opened insight sinks in the feed. */
export async function recordOpenedAction(insightId: string): Promise<void> {
  const user = await getCurrentUser();
  const input = insightIdInput.safeParse({ insightId });
  if (!user || !input.success) return;
  await recordOpened(user.id, input.data.insightId).catch(() => undefined);
}
