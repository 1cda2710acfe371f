/**
 * zod pieces for the fields of a form as defineAction hands them over (see formFields): a field is
 * absent, a string, or a list of strings when it was sent more than once.
 */
import { z } from "zod";

/** Every value a field was sent with: none, one, or a list. */
export function fieldValues(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A field that may be sent up to `max` times (checkboxes of one name), as a list. */
export function fieldList<Item extends z.ZodType>(item: Item, max: number) {
  return z.preprocess(fieldValues, z.array(item).max(max));
}

/** A checkbox: a browser sends "on" when it is ticked and nothing when it is not. */
export const checkboxField = z.preprocess((value) => value === "on" || value === true, z.boolean());

/** An optional text field: empty or absent is no value. */
export function optionalField<Value extends z.ZodType>(value: Value) {
  return z.preprocess((raw) => (raw === "" || raw === null ? undefined : raw), value.optional());
}
