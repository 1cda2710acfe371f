import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { publicMessage } from "@/lib/errors";

/** What a page opened from an email shows when its link is broken, expired or not for it. */
export function MailLinkError({ error, context }: { error: unknown; context: string }) {
  return (
    <EmptyState title="This link does not work">
      <p>{publicMessage(error, context)}</p>
      <p className="mt-2">
        <Link href="/brief" className="underline">
          Sign in to see your briefs
        </Link>
      </p>
    </EmptyState>
  );
}
