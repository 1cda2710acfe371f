import type { Metadata } from "next";
import { OnboardingForm } from "@/components/onboarding/onboarding-form";
import { TimeZoneField } from "@/components/onboarding/time-zone-field";
import { PageHeader } from "@/components/page-header";
import { skipOnboardingAction } from "@/lib/actions/onboarding-actions";
import { getBriefSettings } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";
import { curatedTopicsWithSamples } from "@/lib/topics/topic-samples";

export const metadata: Metadata = { title: "Welcome" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const [topics, settings] = await Promise.all([
    curatedTopicsWithSamples(),
    getBriefSettings(user.id),
  ]);
  return (
    <>
      <PageHeader title="Welcome to Podbrief" description="Tell us what you care about, and your feed and daily brief start from it. You can change all of this later in Settings." />
      <OnboardingForm topics={topics} briefHour={settings.briefHour} timeZone={settings.timeZone} />
      <form action={skipOnboardingAction} className="mt-4">
        {/* Skipping still sets the brief's time zone: on, at 07:00 where the reader is. */}
        <TimeZoneField fallback={settings.timeZone} visible={false} />
        <button type="submit" className="text-sm text-slate-600 underline dark:text-slate-400">
          Skip for now
        </button>
      </form>
    </>
  );
}
