/** What the main thread and a brief thread say to each other (brief-threads.ts, choose-brief-thread.ts). */
import { z } from "zod";
import type { BriefChoice } from "@/lib/brief/choose-brief";

export const chooseMessage = z.object({
  id: z.number().int(),
  requests: z.array(z.object({ userId: z.string(), since: z.date(), sincePreviousBrief: z.boolean().optional() })),
  now: z.date(),
});
export type ChooseMessage = z.infer<typeof chooseMessage>;

/** The choices by reader, or why there are none. The main thread trusts its own threads' answers. */
export type ChosenMessage = { id: number; choices: [string, BriefChoice][] } | { id: number; error: string };
