import { AlertMatches } from "@/components/alerts/alert-matches";
import type { AlertMatchView } from "@/lib/alerts/alerts";

/** The brief's own "Alerts" section: what the reader's alerts found since their last brief; nothing when none. */
export function BriefAlerts({ matches }: { matches: AlertMatchView[] }) {
  if (matches.length === 0) return null;
  return (
    <section className="mt-8" aria-labelledby="brief-alerts">
      <h2 id="brief-alerts" className="mb-3 text-lg font-semibold">
        Alerts
      </h2>
      <AlertMatches matches={matches} label="Alert matches in this brief" />
    </section>
  );
}
