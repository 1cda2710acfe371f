import { connection } from "next/server";
import { db } from "@/lib/db";
import { moduleLog } from "@/lib/log";

const log = moduleLog("health");

/** Liveness and database reachability, for load balancers and the start script. */
export async function GET() {
  await connection();
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch (error) {
    log.error({ err: error }, "the database is not reachable");
    return Response.json({ ok: false, error: { code: "database_unreachable", message: "The database is not reachable." } }, { status: 503 });
  }
}
