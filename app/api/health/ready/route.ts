import { connection } from "next/server";
import { db } from "@/lib/db";
import { checkReadiness, databaseProbe, queueProbe, readinessResponse } from "@/lib/health/readiness";
import { jobQueue } from "@/lib/jobs/enqueue";

/** Readiness: the database and the job queue both answer (503 naming the one that does not). */
export async function GET() {
  await connection();
  return readinessResponse(await checkReadiness({ database: databaseProbe(db), queue: queueProbe(jobQueue) }));
}
