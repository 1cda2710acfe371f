/**
 * What a reader may save as an alert, checked at the boundary (the Alerts form's action and the
 * service behind it). Pure, so the form's client code could share it.
 */
import { z } from "zod";

export const ALERT_PHRASE_MAX = 80;
/** Words in one phrase: a phrase search of more is a sentence, and would hardly ever match word for word. */
export const ALERT_WORDS_MAX = 8;
/** Alerts per reader: enough for every name and phrase a reader follows, and a bound on one reader's share of the matching. */
export const ALERTS_PER_READER_MAX = 100;

export const ALERT_DELIVERIES = ["brief", "email"] as const;
export type AlertDelivery = (typeof ALERT_DELIVERIES)[number];

export const alertPhraseInput = z
  .string()
  // Refused before tidying, so a megabyte of spaces is not first copied around.
  .max(ALERT_PHRASE_MAX * 4, `Keep the phrase under ${ALERT_PHRASE_MAX} characters.`)
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(2, "Write the phrase or name to listen for.")
      .max(ALERT_PHRASE_MAX, `Keep the phrase under ${ALERT_PHRASE_MAX} characters.`)
      // Control characters are no part of words, and PostgreSQL refuses to store NUL in text at all.
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Write the phrase in words: it has a character that is not a letter, digit or punctuation.")
      .refine((value) => value.split(" ").length <= ALERT_WORDS_MAX, `Keep the phrase to ${ALERT_WORDS_MAX} words or fewer.`),
  );

export const alertInput = z.object({
  phrase: alertPhraseInput,
  delivery: z.enum(ALERT_DELIVERIES, { error: "Choose where matches go: your brief or an email." }).default("brief"),
});
export type AlertInput = z.infer<typeof alertInput>;
