/**
 * The one way to write a server action: the session check, the input parsed by zod at the boundary,
 * errors masked and logged, the paths to revalidate and where to go next, all here, so an action is
 * only its schema and its body. Every action answers an ActionResult; a session that is missing or
 * input that does not parse is a refusal in words, never a throw.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { isAdmin } from "@/lib/admin/admin-access";
import { GENERIC_ERROR_MESSAGE, SafeError } from "@/lib/errors";
import { moduleLog } from "@/lib/log";
import { type CurrentUser, getCurrentUser } from "@/lib/session";

// The web server runs each request inside withLogContext, so this line carries the request id.
const actionLog = moduleLog("action");

type SessionNeed = "required" | "admin" | "optional" | "none";
type UserFor<Need extends SessionNeed> = Need extends "required" | "admin" ? CurrentUser : CurrentUser | null;

/** A path to revalidate, or a route pattern and its type, as revalidatePath takes them. */
type Revalidation = string | [path: string, type: "page" | "layout"];

export const SIGN_IN_AGAIN_MESSAGE = "Your session has ended. Sign in again to continue.";
/** What anyone but an admin gets from an admin action: the same as for an action that does not exist. */
export const NOT_FOUND_MESSAGE = "Not found.";
const DEFAULT_INVALID_INPUT = "That request could not be read. Please try again.";

type Definition<Schema extends z.ZodType, Need extends SessionNeed, Data> = {
  /** Names the action in logs. */
  name: string;
  /** Parses the object an action is called with, or the fields of a form (see formFields). */
  input: Schema;
  /**
   * Whether the body needs a signed-in reader ("required", the default), an admin (anyone else, signed
   * in or not, is answered "not_found" before the input is read), may use one, or never looks.
   */
  session?: Need;
  /** What the reader is told when the input does not parse. */
  invalidInput?: string;
  /**
   * By default the schema's own message for the first field that has one says more than
   * `invalidInput`; false when the schema's messages are written for fields, not for the reader.
   */
  schemaMessages?: boolean;
  /** Form fields whose typed text a refusal hands back, so the form keeps it. */
  echo?: string[];
  run: (context: { input: z.output<Schema>; user: UserFor<Need> }) => Promise<Data>;
  /** Paths whose pages change once the body has run. */
  revalidate?: Revalidation[] | ((data: Data, input: z.output<Schema>) => Revalidation[]);
  /** A confirmation for the reader. */
  message?: (data: Data, input: z.output<Schema>) => string;
  /** Where to send the reader once it is done (after revalidating). */
  redirectTo?: (data: Data, input: z.output<Schema>) => string;
};

/**
 * An action as its callers use it: called with its input, by useActionState (the last result, then
 * the form), or as a plain `<form action>`, whose result React ignores (its types want void there).
 */
export type Action<Input, Data> = ((input: Input) => Promise<ActionResult<Data>>) &
  ((previous: ActionResult, form: FormData) => Promise<ActionResult<Data>>) &
  ((form: FormData) => Promise<void>);

/** Whatever the schema accepts, or a form whose fields it parses. */
type ActionInput<Schema extends z.ZodType> = z.input<Schema> | FormData;

export function defineAction<Schema extends z.ZodType, Data = undefined, Need extends SessionNeed = "required">(
  definition: Definition<Schema, Need, Data>,
): Action<ActionInput<Schema>, Data> {
  const action = async (...args: unknown[]): Promise<ActionResult<Data>> => {
    const raw = args.length === 2 && args[1] instanceof FormData ? args[1] : args[0];
    const need = definition.session ?? "required";
    try {
      const user = need === "none" ? null : await getCurrentUser();
      if (need === "required" && !user) return { ok: false, error: SIGN_IN_AGAIN_MESSAGE, code: "unauthorized" };
      if (need === "admin" && !isAdmin(user)) return { ok: false, error: NOT_FOUND_MESSAGE, code: "not_found" };

      const fallback = definition.invalidInput ?? DEFAULT_INVALID_INPUT;
      // zod's own wording ("Too big: expected int to be <=…") is for developers: the fallback stands in for it.
      const parsed = definition.input.safeParse(raw instanceof FormData ? formFields(raw) : raw, { error: () => fallback });
      if (!parsed.success) {
        const own = definition.schemaMessages === false ? undefined : parsed.error.issues.find((issue) => issue.message !== fallback)?.message;
        return { ok: false, error: own ?? fallback, code: "bad_request", fieldErrors: fieldErrors(parsed.error), values: echoed(raw, definition.echo) };
      }

      const input = parsed.data;
      const data = await definition.run({ input, user: user as UserFor<Need> });
      const paths = typeof definition.revalidate === "function" ? definition.revalidate(data, input) : (definition.revalidate ?? []);
      for (const path of paths) {
        if (typeof path === "string") revalidatePath(path);
        else revalidatePath(...path);
      }
      if (definition.redirectTo) redirect(definition.redirectTo(data, input));
      return { ok: true, data, message: definition.message?.(data, input) };
    } catch (error) {
      // redirect() and notFound() throw to reach Next.js: theirs to handle, not failures.
      unstable_rethrow(error);
      if (error instanceof SafeError) return { ok: false, error: error.message, code: error.code, values: echoed(raw, definition.echo) };
      actionLog.error({ err: error, action: definition.name }, "server action failed");
      return { ok: false, error: GENERIC_ERROR_MESSAGE, code: "internal", values: echoed(raw, definition.echo) };
    }
  };
  return action as Action<ActionInput<Schema>, Data>;
}

/**
 * A form's text fields as an object: one value as a string, a repeated field as an array, so a
 * schema can accept a list or refuse a field sent twice. Files and React's own `$ACTION` fields are left out.
 */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((value): value is string => typeof value === "string");
    if (values.length) fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (byField[field] ??= []).push(issue.message);
  }
  return byField;
}

function echoed(raw: unknown, fields: string[] | undefined): Record<string, string> | undefined {
  if (!fields || !(raw instanceof FormData)) return undefined;
  return Object.fromEntries(fields.map((field) => [field, String(raw.get(field) ?? "")]));
}
