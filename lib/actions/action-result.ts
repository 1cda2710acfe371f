/**
 * What every server action answers (see define-action.ts). Kept apart from defineAction so client
 * components can import the type and the starting state without pulling server modules into the browser.
 */
export type ActionResult<Data = unknown> =
  | { ok: true; data?: Data; message?: string }
  | {
      ok: false;
      /** Words for the reader: a SafeError's message, or the generic one. */
      error: string;
      /** The SafeError's code ("unauthorized", "not_found", …), or "internal". */
      code: string;
      /** Per field, when the input did not parse. */
      fieldErrors?: Record<string, string[]>;
      /** What the reader typed into the named fields, so a refused form keeps it. */
      values?: Record<string, string>;
    };

/** useActionState's starting state: nothing to say yet. */
export const IDLE_RESULT: ActionResult<never> = { ok: true };

/** The refusal of a result, if it is one, for a form's error line. */
export function resultError(result: ActionResult): string | undefined {
  return result.ok ? undefined : result.error;
}

/** What a refused form field held, to put back in it. */
export function resultValue(result: ActionResult, field: string): string | undefined {
  return result.ok ? undefined : result.values?.[field];
}
