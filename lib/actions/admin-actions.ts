"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { optionalField } from "@/lib/actions/form-fields";
import { jobRefInput, retryJob } from "@/lib/admin/job-queue";
import { getEnv } from "@/lib/env";
import { createInvitation, revokeInvitation } from "@/lib/sign-ups/invitations";

/** A failed job back in the queue, with one more try. Admins only: anyone else is told "not found". */
export const retryJobAction = defineAction({
  name: "admin-retry-job",
  session: "admin",
  input: jobRefInput,
  invalidInput: "That job could not be found.",
  schemaMessages: false,
  run: async ({ input }) => {
    await retryJob(input);
    return input.name;
  },
  revalidate: ["/admin"],
  message: (name) => `The ${name} job is queued again.`,
});

/** A new invitation link, answered once: only its hash is stored. */
export const createInvitationAction = defineAction({
  name: "admin-create-invitation",
  session: "admin",
  input: z.object({ note: optionalField(z.string().trim().max(120, "Keep the note under 120 characters.")) }),
  run: async ({ input, user }) => {
    const { token } = await createInvitation({ createdBy: user.email ?? user.id, note: input.note });
    return `${getEnv().appUrl}/invite/${token}`;
  },
  revalidate: ["/admin"],
  message: () => "Copy the invitation link now: it is shown only once. It lets one person make an account, within 14 days.",
});

export const revokeInvitationAction = defineAction({
  name: "admin-revoke-invitation",
  session: "admin",
  input: z.object({ invitationId: z.string().min(1).max(64) }),
  invalidInput: "That invitation could not be found.",
  run: async ({ input }) => {
    await revokeInvitation(input.invitationId);
  },
  revalidate: ["/admin"],
  message: () => "The invitation no longer works.",
});
