import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { revokeInvitationAction } from "@/lib/actions/admin-actions";
import { requireAdmin } from "@/lib/admin/admin-access";
import { listFailingFeeds, listShows, listUsers, modelSpendOverview } from "@/lib/admin/admin-overview";
import { failedJobs, JOB_STATES, queueCounts } from "@/lib/admin/job-queue";
import { getEnv } from "@/lib/env";
import { formatUsd } from "@/lib/insights/cost";
import { formatCount, formatDate } from "@/lib/format";
import { listInvitations } from "@/lib/sign-ups/invitations";
import { InvitationForm } from "./invitation-form";
import { RetryJobButton } from "./retry-job-button";

export const metadata: Metadata = { title: "Admin", robots: { index: false, follow: false } };

const section = "space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800";
const table = "w-full text-left text-sm";
const cell = "border-t border-slate-200 py-1.5 pr-3 align-top dark:border-slate-800";

/** The operator's page: readers, shows, failing feeds, the job queue, model spend and invitations. Admins only (ADMIN_EMAILS); a 404 to anyone else. */
export default async function AdminPage() {
  await requireAdmin();
  const env = getEnv();
  const [users, shows, failing, counts, failed, spend, invitations] = await Promise.all([
    listUsers(),
    listShows(),
    listFailingFeeds(),
    queueCounts(),
    failedJobs(),
    modelSpendOverview(),
    listInvitations(),
  ]);
  const signUps = env.SIGNUPS === "open" ? "open to anyone" : env.SIGNUPS === "closed" ? "closed: by invitation only" : `open to ${env.SIGNUP_DOMAINS.map((d) => `@${d}`).join(", ")} addresses, and by invitation`;

  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description={`Sign-ups are ${signUps} (SIGNUPS).`} />

      <section aria-labelledby="spend" className={section}>
        <h2 id="spend" className="text-lg font-semibold">Model spend this month</h2>
        {spend.reached ? (
          <p role="status" data-testid="budget-reached" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            The monthly model budget of {formatUsd(spend.budgetUsd ?? 0)} is reached ({formatUsd(spend.spent.usd)} spent): extraction uses the offline extractor until{" "}
            {formatDate(spend.resetsAt)}. {formatCount(spend.fallbackEpisodes, "episode")} read offline instead this month.
          </p>
        ) : null}
        <p data-testid="model-spend">
          {spend.model ? `Model: ${spend.model}. ` : "No model is configured: extraction is offline and costs nothing. "}
          {formatUsd(spend.spent.usd)} spent on {formatCount(spend.spent.runs, "extraction")} ({spend.spent.inputTokens.toLocaleString("en")} input and{" "}
          {spend.spent.outputTokens.toLocaleString("en")} output tokens)
          {spend.budgetUsd !== null ? `, of a ${formatUsd(spend.budgetUsd)} budget (MODEL_BUDGET_USD_MONTHLY).` : "; no budget is set."}
          {spend.spent.unpriced > 0 ? ` ${formatCount(spend.spent.unpriced, "extraction")} ran without prices set and count no dollars.` : null}
        </p>
      </section>

      <section aria-labelledby="failing-feeds" className={section}>
        <h2 id="failing-feeds" className="text-lg font-semibold">Failing feeds ({failing.length})</h2>
        {failing.length === 0 ? (
          <p>Every feed read fine on its last try.</p>
        ) : (
          <table className={table}>
            <thead>
              <tr>
                <th className="pr-3">Show</th>
                <th className="pr-3">Why</th>
                <th className="pr-3">Failures</th>
                <th className="pr-3">Last worked</th>
              </tr>
            </thead>
            <tbody>
              {failing.map((feed) => (
                <tr key={feed.id} data-testid="failing-feed">
                  <td className={cell}>
                    <a href={`/podcasts/${feed.id}`} className="font-medium underline">{feed.title}</a>
                    <div className="break-all text-xs text-slate-600 dark:text-slate-400">{feed.feedUrl}</div>
                  </td>
                  <td className={cell}>{feed.error ?? "Unknown"}{feed.firstReadFailed ? " (first read)" : null}</td>
                  <td className={cell}>{feed.failures}</td>
                  <td className={cell}>{feed.lastSuccessAt ? formatDate(feed.lastSuccessAt) : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="jobs" className={section}>
        <h2 id="jobs" className="text-lg font-semibold">Job queue</h2>
        {counts.length === 0 ? (
          <p>The queue is empty.</p>
        ) : (
          <table className={table} aria-label="Jobs by queue and state">
            <thead>
              <tr>
                <th className="pr-3">Queue</th>
                {JOB_STATES.map((state) => (
                  <th key={state} className="pr-3">{state}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {counts.map((queue) => (
                <tr key={queue.name}>
                  <td className={cell}>{queue.name}</td>
                  {JOB_STATES.map((state) => (
                    <td key={state} className={cell}>{queue.counts[state]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="font-semibold">Failed jobs ({failed.length})</h3>
        {failed.length === 0 ? (
          <p>No job has failed (failed jobs are kept for 7 days).</p>
        ) : (
          <ul className="space-y-2">
            {failed.map((job) => (
              <li key={job.id} data-testid="failed-job" className="flex items-start justify-between gap-3 border-t border-slate-200 pt-2 dark:border-slate-800">
                <div className="min-w-0 text-sm">
                  <div className="font-medium">
                    {job.name} <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{job.id}</span>
                  </div>
                  <div className="break-words">{job.error ?? "No error recorded."}</div>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    {formatCount(job.retryCount + 1, "try", "tries")}
                    {job.failedAt ? `; failed ${formatDate(job.failedAt)}` : null}
                  </div>
                </div>
                <RetryJobButton name={job.name} id={job.id} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invitations" className={section}>
        <h2 id="invitations" className="text-lg font-semibold">Invitations</h2>
        <InvitationForm />
        {invitations.length === 0 ? null : (
          <table className={table} aria-label="Invitation links">
            <thead>
              <tr>
                <th className="pr-3">Made</th>
                <th className="pr-3">Note</th>
                <th className="pr-3">State</th>
                <th className="pr-3" />
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td className={cell}>{formatDate(invitation.createdAt)} by {invitation.createdBy}</td>
                  <td className={cell}>{invitation.note ?? ""}</td>
                  <td className={cell}>
                    {invitation.state === "accepted" ? `used by ${invitation.acceptedEmail}` : invitation.state === "open" ? `open until ${formatDate(invitation.expiresAt)}` : invitation.state}
                  </td>
                  <td className={cell}>
                    {invitation.state === "open" || invitation.state === "accepted" ? (
                      <form action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="button-secondary">Revoke</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="users" className={section}>
        <h2 id="users" className="text-lg font-semibold">Readers ({users.total})</h2>
        <table className={table}>
          <thead>
            <tr>
              <th className="pr-3">Email</th>
              <th className="pr-3">Joined</th>
              <th className="pr-3">Shows</th>
            </tr>
          </thead>
          <tbody>
            {users.newest.map((user) => (
              <tr key={user.id}>
                <td className={cell}>
                  {user.email ?? "(no address)"}
                  {user.admin ? " · admin" : null}
                  {user.onboarded ? null : " · not onboarded"}
                </td>
                <td className={cell}>{formatDate(user.createdAt)}</td>
                <td className={cell}>{user.shows}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.total > users.newest.length ? <p className="text-sm">The newest {users.newest.length} of {users.total}.</p> : null}
      </section>

      <section aria-labelledby="shows" className={section}>
        <h2 id="shows" className="text-lg font-semibold">Shows ({shows.total})</h2>
        <table className={table}>
          <thead>
            <tr>
              <th className="pr-3">Show</th>
              <th className="pr-3">Readers</th>
              <th className="pr-3">Episodes</th>
              <th className="pr-3">Last read</th>
            </tr>
          </thead>
          <tbody>
            {shows.shows.map((show) => (
              <tr key={show.id}>
                <td className={cell}>
                  <a href={`/podcasts/${show.id}`} className="underline">{show.title}</a>
                  {show.isDemo ? " · demo" : null}
                  {show.status !== "ready" ? ` · ${show.status}` : null}
                </td>
                <td className={cell}>{show.readers}</td>
                <td className={cell}>{show.episodes}</td>
                <td className={cell}>{show.lastSuccessAt ? formatDate(show.lastSuccessAt) : show.isDemo ? "from demo/" : "never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shows.total > shows.shows.length ? <p className="text-sm">The {shows.shows.length} with the most readers, of {shows.total}.</p> : null}
      </section>
    </div>
  );
}
