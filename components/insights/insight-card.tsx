import { InsightCardView, type InsightCardViewProps } from "@/components/insights/insight-card-view";
import { type InsightCardData, toCardView } from "@/lib/cards/insight-card";

type Props = Omit<InsightCardViewProps, "insight"> & { insight: InsightCardData };

/**
 * One insight in a list (InsightCardView, a client component). Rendered here on the server so that
 * only what the card shows crosses to the browser, not every field the read model or a page's row carries.
 */
export function InsightCard({ insight, ...props }: Props) {
  return <InsightCardView insight={toCardView(insight)} {...props} />;
}
