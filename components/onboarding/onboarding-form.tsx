"use client";

import { useActionState } from "react";
import { TimeZoneField } from "@/components/onboarding/time-zone-field";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { completeOnboardingAction } from "@/lib/actions/onboarding-actions";
import type { TopicWithSamples } from "@/lib/topics/topic-samples";
import { HourOptions } from "@/components/brief/hour-options";
import { FormStatus } from "@/components/form-status";


export function OnboardingForm({ topics, briefHour, timeZone }: { topics: TopicWithSamples[]; briefHour: number; timeZone: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(completeOnboardingAction, IDLE_RESULT);
  return (
    <form action={formAction} className="flex flex-col gap-6">
      <fieldset>
        <legend className="mb-3 text-lg font-semibold">Pick the topics you want to hear about</legend>
        <ul className="grid gap-3 sm:grid-cols-2">
          {topics.map((topic) => (
            <li key={topic.id} className="rounded-xl border border-slate-200 p-3 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 dark:border-slate-800 dark:has-[:checked]:bg-blue-950">
              <label className="flex cursor-pointer items-start gap-2">
                {/* shrink-0: in a flex row a long label would otherwise squeeze the box narrower than it is tall. */}
                <input type="checkbox" name="topic" value={topic.id} className="mt-1 size-4 shrink-0" />
                <span className="min-w-0">
                  <span className="font-medium">{topic.name}</span>
                  {topic.samples.length ? (
                    <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                      {topic.samples.map((sample) => (
                        <span key={sample.id} className="block">
                          “{sample.headline}” <span className="text-slate-500 dark:text-slate-400">({sample.podcast})</span>
                        </span>
                      ))}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex flex-col gap-2">
        <label htmlFor="phrase" className="font-medium">
          Or describe your own topic
        </label>
        <input id="phrase" name="phrase" maxLength={80} placeholder="e.g. open-source LLM economics" className="input" />
      </div>
      <div className="flex flex-col gap-2">
        <label htmlFor="briefHour" className="font-medium">
          When should your daily brief arrive?
        </label>
        <select id="briefHour" name="briefHour" defaultValue={briefHour} className="input w-40">
          <HourOptions />
        </select>
        <TimeZoneField fallback={timeZone} />
      </div>
      <FormStatus error={resultError(state)} />
      <div>
        <button type="submit" disabled={pending} className="button-primary">
          {pending ? "Setting up your feed…" : "Start reading"}
        </button>
      </div>
    </form>
  );
}
