"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicMessage } from "@/lib/errors";
import { briefScheduleInput, finishOnboarding } from "@/lib/readers/reader-settings";
import { createReaderTopic, followTopics } from "@/lib/topics/reader-topics";
import { requireUser } from "@/lib/session";

export type OnboardingState = { error?: string };

const onboardingInput = z.object({
  topicIds: z.array(z.string().min(1).max(64)).max(60),
  phrase: z.string().max(200).optional(),
});

export async function completeOnboardingAction(_previous: OnboardingState, formData: FormData): Promise<OnboardingState> {
  const user = await requireUser("/onboarding");
  const input = onboardingInput.safeParse({ topicIds: formData.getAll("topic").map(String), phrase: String(formData.get("phrase") ?? "") || undefined });
  const schedule = briefScheduleInput.safeParse({ briefHour: formData.get("briefHour"), timeZone: formData.get("timeZone") });
  if (!input.success || !schedule.success) return { error: "Some of the choices could not be read. Please try again." };
  if (input.data.topicIds.length === 0 && !input.data.phrase) return { error: "Pick at least one topic, describe your own, or skip for now." };
  try {
    await followTopics(user.id, input.data.topicIds);
    if (input.data.phrase) await createReaderTopic(user.id, input.data.phrase);
    await finishOnboarding(user.id, schedule.data);
  } catch (error) {
    return { error: publicMessage(error, "onboarding") };
  }
  redirect("/feed");
}

/** Skipping keeps the defaults (brief on, at 07:00) in the browser's time zone, when it sent a valid one. */
export async function skipOnboardingAction(formData: FormData): Promise<void> {
  const user = await requireUser("/onboarding");
  const timeZone = briefScheduleInput.shape.timeZone.safeParse(formData.get("timeZone"));
  await finishOnboarding(user.id, timeZone.success ? { timeZone: timeZone.data } : null);
  redirect("/feed");
}
