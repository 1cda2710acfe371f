import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { BriefAlerts } from "@/components/brief/brief-alerts";
import { BriefItems, BriefNote } from "@/components/brief/brief-items";
import { RecordBriefOpen } from "@/components/brief/record-brief-open";
import { SavedReturnSection } from "@/components/brief/saved-return";
import { SendBriefNowForm } from "@/components/brief/send-brief-now-form";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { briefDateLabel, isBriefDate, nextDueAt } from "@/lib/brief/brief-schedule";
import { latestBriefDate, listBriefArchive, loadBrief, savedInBrief } from "@/lib/brief/load-brief";
import { getEnv } from "@/lib/env";
import { canReadOutbox } from "@/lib/mail/send-mail";
import { getBriefSettings } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Daily brief" };

const STATUS_WORDS: Record<string, string> = {
  pending: "Being sent",
  sending: "Being sent",
  sent: "Sent",
  unconfirmed: "Sent (delivery not confirmed)",
  failed: "Not delivered",
  empty: "Nothing new",
};

export default async function BriefPage({ searchParams }: PageProps<"/brief">) {
  const params = await searchParams;
  const requested = typeof params.date === "string" && params.date !== "" ? params.date : undefined;
  const user = await requireUser(requested && isBriefDate(requested) ? `/brief?date=${requested}` : "/brief");
  // A date that is not on the calendar ("2026-13-45") names no brief: a 404 that says so (./not-found.tsx).
  if (requested && !isBriefDate(requested)) notFound();
  const [date, archive, schedule] = await Promise.all([requested ?? latestBriefDate(user.id), listBriefArchive(user.id), getBriefSettings(user.id)]);
  const brief = date ? await loadBrief(user.id, { briefDate: date }) : null;
  const saved = brief ? await savedInBrief(user.id, brief) : new Set<string>();
  const next = nextDueAt(schedule, new Date());
  const outbox = getEnv().mailTransport === "outbox";
  // The outbox opens only to this computer (or with MAIL_OUTBOX=on); elsewhere a link to it is a 404.
  const showOutbox = canReadOutbox(await headers());

  return (
    <>
      <PageHeader
        title={brief ? `Your brief · ${briefDateLabel(brief.briefDate)}` : "Your daily brief"}
        description={
          next
            ? `The top insights for you, by email. Next: ${next.dueAt.toLocaleString("en-GB", { timeZone: schedule.timeZone, weekday: "long", hour: "2-digit", minute: "2-digit" })} (${schedule.timeZone}).`
            : "Your brief is off. Turn it on in Settings to get the top insights by email."
        }
      />
      {params.sending ? (
        <p role="status" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          Your next brief is being made: it will be here{showOutbox ? <> and in the <Link href="/dev/outbox" className="underline">outbox</Link></> : null} in a few seconds.{" "}
          <Link href="/brief" className="underline">
            Refresh
          </Link>
        </p>
      ) : null}
      {brief ? (
        <section aria-label="This brief">
          <RecordBriefOpen briefId={brief.id} />
          <p className="-mt-4 mb-4 text-sm text-slate-600 dark:text-slate-400" data-testid="brief-status">
            {STATUS_WORDS[brief.status]} · {formatCount(brief.items.length, "insight")}
            {brief.alerts.length > 0 ? ` · ${formatCount(brief.alerts.length, "alert match", "alert matches")}` : ""}
          </p>
          <BriefNote note={brief.note} />
          <BriefItems brief={brief} saved={saved} interactive />
          <BriefAlerts matches={brief.alerts} />
          {brief.savedReturn ? <SavedReturnSection savedReturn={brief.savedReturn} interactive /> : null}
        </section>
      ) : requested ? (
        <EmptyState title="No brief that day">
          There is no brief dated {requested}. <Link href="/brief" className="underline">See your latest brief</Link>.
        </EmptyState>
      ) : (
        <EmptyState title="No brief yet">
          Your first brief arrives {next ? "at your hour" : "once you turn it on in Settings"}: the top 5 new insights on the topics you follow.{" "}
          <Link href="/settings" className="underline">
            Brief settings
          </Link>
        </EmptyState>
      )}

      {outbox ? (
        <SendBriefNowForm />
      ) : null}

      {archive.length > 0 ? (
        <section className="mt-10" aria-labelledby="brief-archive">
          <h2 id="brief-archive" className="text-lg font-semibold">
            Past briefs
          </h2>
          <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
            {archive.map((entry) => (
              <li key={entry.briefDate} className="py-2">
                <Link href={`/brief?date=${entry.briefDate}`} className="font-medium hover:underline" aria-current={entry.briefDate === brief?.briefDate ? "page" : undefined}>
                  {briefDateLabel(entry.briefDate)}
                </Link>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {" · "}
                  {formatCount(entry.itemCount, "insight")}
                  {entry.headline ? ` · ${entry.headline}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
