import type { JobDefinition } from "@/lib/jobs/define-job";
import { purgeExpired } from "@/lib/jobs/purge-expired";

/** Every job the worker runs. A job not listed here is never picked up. */
export const jobs: readonly JobDefinition[] = [purgeExpired];
