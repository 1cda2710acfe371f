"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { retryJobAction } from "@/lib/actions/admin-actions";

export function RetryJobButton({ name, id }: { name: string; id: string }) {
  const [result, retry, pending] = useActionState<ActionResult<string>, FormData>(retryJobAction, IDLE_RESULT);
  return (
    <form action={retry} className="flex flex-col items-end gap-1">
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="button-secondary" aria-label={`Retry ${name} job ${id}`}>
        Retry
      </button>
      <FormStatus error={resultError(result)} message={result.ok ? result.message : undefined} />
    </form>
  );
}
