import type { Metadata } from "next";
import { AlertMatches } from "@/components/alerts/alert-matches";
import { CreateAlertForm } from "@/components/alerts/create-alert-form";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { deleteAlertAction } from "@/lib/actions/alert-actions";
import { listAlertMatches, listAlerts } from "@/lib/alerts/alerts";
import { formatCount } from "@/lib/format";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Alerts" };

const DELIVERY_WORDS = { brief: "in your brief", email: "by email" } as const;

export default async function AlertsPage() {
  const user = await requireUser("/alerts");
  const [alerts, matches] = await Promise.all([listAlerts(user.id), listAlertMatches(user.id)]);
  return (
    <>
      <PageHeader title="Alerts" description="Hear about it whenever a show says a name or phrase you care about." />
      <section aria-label="Add an alert" className="mb-8">
        <CreateAlertForm />
      </section>

      {alerts.length > 0 ? (
        <section aria-labelledby="your-alerts" className="mb-8">
          <h2 id="your-alerts" className="mb-2 text-lg font-semibold">
            Your alerts
          </h2>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {alerts.map((alert) => (
              <li key={alert.id} className="flex items-center justify-between gap-3 py-2" data-testid="alert-row">
                <span>
                  <span className="font-medium">“{alert.phrase}”</span>
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    {" · "}
                    {DELIVERY_WORDS[alert.delivery]} · {formatCount(alert.matches, "match", "matches")}
                  </span>
                </span>
                <form action={deleteAlertAction}>
                  <input type="hidden" name="alertId" value={alert.id} />
                  <button type="submit" className="text-sm text-slate-700 underline hover:text-red-700 dark:text-slate-300" aria-label={`Remove the alert “${alert.phrase}”`}>
                    Remove
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="alert-matches">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="alert-matches" className="text-lg font-semibold">
            Mentions
          </h2>
          {matches.length > 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Export all:{" "}
              <a href="/api/alerts/export?format=obsidian" className="underline" download>
                Obsidian
              </a>
              {" · "}
              <a href="/api/alerts/export?format=readwise" className="underline" download>
                Readwise
              </a>
            </p>
          ) : null}
        </div>
        {matches.length > 0 ? (
          <AlertMatches matches={matches} label="Mentions of your alerts" />
        ) : (
          <EmptyState title="No mentions yet">
            {alerts.length > 0 ? "Each new episode is checked as its transcript is read; mentions show here." : "Add a phrase above, and mentions in new episodes show here."}
          </EmptyState>
        )}
      </section>
    </>
  );
}
