import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

/** A /brief address whose date is not on the calendar ("2026-13-45"). */
export default function BriefNotFound() {
  return (
    <EmptyState title="That is not a date">
      Brief addresses name a day as year-month-day, like 2026-03-02. <Link href="/brief" className="underline">See your latest brief</Link>.
    </EmptyState>
  );
}
