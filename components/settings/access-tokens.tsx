"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { useClipboard } from "@/components/use-clipboard";
import { type ActionResult, IDLE_RESULT, resultError, resultValue } from "@/lib/actions/action-result";
import { createAccessTokenAction, revokeAccessTokenAction } from "@/lib/actions/access-token-actions";

/** One token as Settings lists it; dates already in words (formatted on the server). */
export type AccessTokenRow = { id: string; name: string; scope: "read" | "write"; created: string; lastUsed: string | null; revoked: string | null };

type Created = { token: string; name: string; scope: "read" | "write" };

/**
 * Personal access tokens for the REST API: make one (shown once: only its hash is stored), see each
 * one's scope and when it was made and last used, revoke it.
 */
export function AccessTokens({ tokens }: { tokens: AccessTokenRow[] }) {
  const [created, create, creating] = useActionState<ActionResult<Created>, FormData>(createAccessTokenAction, IDLE_RESULT);
  const [revoked, revoke, revoking] = useActionState<ActionResult, FormData>(revokeAccessTokenAction, IDLE_RESULT);
  const fresh = created.ok ? created.data : undefined;
  return (
    <div className="max-w-2xl space-y-4">
      <form action={create} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Token name</span>
          <input name="name" required maxLength={60} placeholder="e.g. Notes sync" defaultValue={resultValue(created, "name")} className="input w-56" />
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="font-medium">Scope</legend>
          <div className="flex gap-4 py-2">
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="read" defaultChecked /> Read
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="write" /> Read and write
            </label>
          </div>
        </fieldset>
        <button type="submit" disabled={creating} className="button-secondary">
          Create token
        </button>
      </form>
      <FormStatus error={resultError(created)} message={created.ok ? created.message : undefined} />
      {fresh ? <NewToken key={fresh.token} token={fresh.token} /> : null}
      {tokens.length ? (
        // Five columns do not fit a phone: the table scrolls in its own box, never the page.
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Your access tokens">
            <thead className="text-slate-600 dark:text-slate-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Name</th>
                <th className="py-1 pr-3 font-medium">Scope</th>
                <th className="py-1 pr-3 font-medium">Created</th>
                <th className="py-1 pr-3 font-medium">Last used</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-slate-200 dark:border-slate-800" data-testid="access-token">
                  <td className="py-2 pr-3">{token.name}</td>
                  <td className="py-2 pr-3">{token.scope === "write" ? "Read and write" : "Read"}</td>
                  <td className="py-2 pr-3">{token.created}</td>
                  <td className="py-2 pr-3">{token.lastUsed ?? "Never"}</td>
                  <td className="py-2">
                    {token.revoked ? (
                      <span className="text-slate-600 dark:text-slate-400">Revoked {token.revoked}</span>
                    ) : (
                      <form action={revoke}>
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" disabled={revoking} className="button-secondary px-2 py-0.5 text-xs">
                          Revoke<span className="sr-only"> {token.name}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">You have no access tokens yet.</p>
      )}
      <FormStatus error={resultError(revoked)} message={revoked.ok ? revoked.message : undefined} />
    </div>
  );
}

/** The token just made, with a copy button: after this page is left it cannot be seen again. */
function NewToken({ token }: { token: string }) {
  const { outcome, copy } = useClipboard();
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 p-3 dark:bg-slate-900">
      <code data-testid="new-access-token" className="min-w-0 select-all break-all">
        {token}
      </code>
      <button type="button" onClick={() => copy(token)} className="button-secondary px-2 py-0.5 text-xs">
        Copy<span className="sr-only"> token</span>
      </button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Select the token to copy it" : null}
      </span>
    </div>
  );
}
