import Link from "next/link";
import { LogoMark } from "@/components/logo-mark";

/** The mark and the name; `compactOnTablet` keeps only the mark from 640 to 1024 px, where the header row is full, with the name for screen readers. */
export function Logo({ href = "/", compactOnTablet = false }: { href?: string; compactOnTablet?: boolean }) {
  return (
    <Link href={href} className="flex shrink-0 items-center gap-2 rounded-md text-lg font-bold tracking-tight">
      <LogoMark className="size-7 shrink-0" />
      <span className={compactOnTablet ? "sm:max-lg:sr-only" : undefined}>Podbrief</span>
    </Link>
  );
}
