"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { fieldList, optionalField } from "@/lib/actions/form-fields";
import { SafeError } from "@/lib/errors";
import { briefScheduleInput, finishOnboarding } from "@/lib/readers/reader-settings";
import { createReaderTopic, followTopics } from "@/lib/topics/reader-topics";

const onboardingForm = briefScheduleInput.extend({
  topic: fieldList(z.string().min(1).max(64), 60),
  phrase: optionalField(z.string().max(200)),
});

export const completeOnboardingAction = defineAction({
  name: "onboarding",
  input: onboardingForm,
  invalidInput: "Some of the choices could not be read. Please try again.",
  schemaMessages: false,
  run: async ({ input: { topic: topicIds, phrase, ...schedule }, user }) => {
    if (topicIds.length === 0 && !phrase) throw new SafeError("Pick at least one topic, describe your own, or skip for now.");
    await followTopics(user.id, topicIds);
    if (phrase) await createReaderTopic(user.id, phrase);
    await finishOnboarding(user.id, schedule);
  },
  redirectTo: () => "/feed",
});

/** Skipping keeps the defaults (brief on, at 07:00) in the browser's time zone, when it sent a valid one. */
export const skipOnboardingAction = defineAction({
  name: "skip-onboarding",
  input: z.object({ timeZone: briefScheduleInput.shape.timeZone.optional().catch(undefined) }),
  run: ({ input, user }) => finishOnboarding(user.id, input.timeZone ? { timeZone: input.timeZone } : null),
  redirectTo: () => "/feed",
});
