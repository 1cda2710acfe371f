"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { createAccessToken, createAccessTokenInput, revokeAccessToken } from "@/lib/api/access-tokens";

/**
 * A new personal access token for the REST API. Answers the token itself, which only this answer
 * ever holds: the database keeps its hash, so Settings shows it once.
 */
export const createAccessTokenAction = defineAction({
  name: "create-access-token",
  input: createAccessTokenInput,
  invalidInput: "Name the token and choose read or write.",
  echo: ["name"],
  run: async ({ input, user }) => {
    const { token, summary } = await createAccessToken(user.id, input);
    return { token, name: summary.name, scope: summary.scope };
  },
  revalidate: ["/settings"],
  message: (created) => `Copy your token “${created.name}” now: it is shown only this once.`,
});

export const revokeAccessTokenAction = defineAction({
  name: "revoke-access-token",
  input: z.object({ tokenId: z.string().min(1).max(64) }),
  invalidInput: "That token no longer exists.",
  run: ({ input, user }) => revokeAccessToken(user.id, input.tokenId),
  revalidate: ["/settings"],
  message: () => "Revoked: the token no longer works.",
});
