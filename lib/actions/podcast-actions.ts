"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { SafeError } from "@/lib/errors";
import { addPodcastByUrl, feedUrlSchema, followPodcast, unfollowPodcast } from "@/lib/podcasts/add-podcast";

/** Queues the show's first read and opens its page, which follows the read (see add-podcast.ts). */
export const addPodcastAction = defineAction({
  name: "add-podcast",
  input: z.object({ url: feedUrlSchema }),
  invalidInput: "Enter the address of a podcast feed.",
  echo: ["url"],
  run: ({ input, user }) => addPodcastByUrl(user.id, input.url),
  revalidate: ["/podcasts"],
  redirectTo: (added) => `/podcasts/${added.podcastId}`,
});

// A malformed or unknown show id can only come from a forged form: refused in words, never a 500.
const podcastIdInput = z.object({ podcastId: z.string().min(1).max(64) });
const NO_SUCH_PODCAST = "That podcast no longer exists.";
const podcastPaths = (podcastId: string) => ["/podcasts", `/podcasts/${podcastId}`];

export const followPodcastAction = defineAction({
  name: "follow-podcast",
  input: podcastIdInput,
  invalidInput: NO_SUCH_PODCAST,
  run: async ({ input, user }) => {
    if (!(await followPodcast(user.id, input.podcastId))) throw new SafeError(NO_SUCH_PODCAST, "not_found");
  },
  revalidate: (_, input) => podcastPaths(input.podcastId),
});

export const unfollowPodcastAction = defineAction({
  name: "unfollow-podcast",
  input: podcastIdInput,
  invalidInput: NO_SUCH_PODCAST,
  run: ({ input, user }) => unfollowPodcast(user.id, input.podcastId),
  revalidate: (_, input) => podcastPaths(input.podcastId),
});
