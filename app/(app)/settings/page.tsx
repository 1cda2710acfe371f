import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { AccessTokens } from "@/components/settings/access-tokens";
import { signOutEverywhereAction } from "@/lib/actions/auth-actions";
import { SettingsBriefForm } from "./brief-form";
import { listAccessTokens } from "@/lib/api/access-tokens";
import { getSavedReturnsSetting } from "@/lib/brief/saved-returns";
import { formatDate, formatRelative } from "@/lib/format";
import { getBriefSettings } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const [brief, savedReturns, accessTokens] = await Promise.all([getBriefSettings(user.id), getSavedReturnsSetting(user.id), listAccessTokens(user.id)]);
  // The stored zone stays selectable even if this runtime's list lacks it.
  const timeZones = [...new Set([brief.timeZone, ...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();
  return (
    <>
      <PageHeader title="Settings" />
      <dl className="grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">Signed in as</dt>
        <dd data-testid="settings-email">{user.email}</dd>
      </dl>
      <section className="mt-8" aria-labelledby="brief-settings">
        <h2 id="brief-settings" className="mb-3 text-lg font-semibold">
          Daily brief
        </h2>
        <SettingsBriefForm
          values={{ ...brief, briefPausedUntil: brief.briefPausedUntil ? brief.briefPausedUntil.toISOString().slice(0, 10) : "", briefSavedReturns: savedReturns }}
          timeZones={timeZones}
        />
      </section>
      <section className="mt-8" aria-labelledby="session-settings">
        <h2 id="session-settings" className="mb-2 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3 max-w-lg text-slate-700 dark:text-slate-300">
          Signed in on a computer you no longer use, or worried someone copied your session? This signs you out on every browser and
          device at once.
        </p>
        <form action={signOutEverywhereAction}>
          <button
            type="submit"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-900"
          >
            Sign out everywhere
          </button>
        </form>
      </section>
      <section className="mt-8" aria-labelledby="api-settings">
        <h2 id="api-settings" className="mb-2 text-lg font-semibold">
          API access tokens
        </h2>
        <p className="mb-3 max-w-lg text-slate-700 dark:text-slate-300">
          For your own scripts and apps: the{" "}
          <a href="/api/v1/openapi.json" className="underline">
            REST API
          </a>{" "}
          reads your feed, topics, saved insights and briefs; a read-and-write token also saves, follows and sends feedback. Anyone with a
          token acts as you, so revoke one you no longer use.
        </p>
        <AccessTokens
          tokens={accessTokens.map((token) => ({
            id: token.id,
            name: token.name,
            scope: token.scope,
            created: formatDate(token.createdAt),
            lastUsed: token.lastUsedAt ? formatRelative(token.lastUsedAt) : null,
            revoked: token.revokedAt ? formatDate(token.revokedAt) : null,
          }))}
        />
      </section>
      <section className="mt-8" aria-labelledby="topic-settings">
        <h2 id="topic-settings" className="mb-2 text-lg font-semibold">
          Topics
        </h2>
        <p className="text-slate-700 dark:text-slate-300">
          <Link href="/topics" className="underline">
            Follow or unfollow topics
          </Link>{" "}
          or{" "}
          <Link href="/onboarding" className="underline">
            pick your topics again
          </Link>
          .
        </p>
      </section>
    </>
  );
}
