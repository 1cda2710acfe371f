"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { alertInput } from "@/lib/alerts/alert-input";
import { createAlert, deleteAlert } from "@/lib/alerts/alerts";

/** Saves a phrase or name to listen for; matches start with the next transcript read. */
export const createAlertAction = defineAction({
  name: "create-alert",
  input: alertInput,
  invalidInput: "Write the phrase or name to listen for.",
  echo: ["phrase"],
  run: ({ input, user }) => createAlert(user.id, input),
  revalidate: ["/alerts"],
  message: (_created, input) => `Listening for “${input.phrase}” in every new episode.`,
});

/** Removes one of the reader's alerts, and what it found. */
export const deleteAlertAction = defineAction({
  name: "delete-alert",
  input: z.object({ alertId: z.string().min(1).max(64) }),
  invalidInput: "That alert no longer exists.",
  run: async ({ input, user }) => {
    await deleteAlert(user.id, input.alertId);
  },
  revalidate: ["/alerts", "/brief"],
  message: () => "Alert removed.",
});
