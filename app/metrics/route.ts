import { connection } from "next/server";
import { metricsAccess, scrapeMetrics } from "@/lib/metrics/serve-metrics";

/** Prometheus metrics, opt-in (METRICS_ENABLED): see lib/metrics/serve-metrics.ts for who may read them. */
export async function GET(request: Request) {
  await connection();
  const access = metricsAccess(request.headers);
  // Off, it is as if there were no such page.
  if (access === "disabled") return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  if (access === "unauthorized") {
    return Response.json(
      { error: { code: "unauthorized", message: "Metrics are served to this computer, or with the bearer token METRICS_TOKEN." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
