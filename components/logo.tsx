import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-lg font-bold tracking-tight">
      <span aria-hidden className="inline-flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm text-white">
        P
      </span>
      Podbrief
    </Link>
  );
}
