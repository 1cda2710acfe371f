/**
 * Podbrief's mark: a white "P" on a rounded brand-blue square. One drawing for the header, the
 * favicon and the app icons (scripts/generate-icons.ts renders the same paths), so they always match.
 */
export const LOGO_BRAND_COLOR = "#1d5fd6";
/** The letter, on a 32 × 32 grid; its bowl is cut out with the even-odd rule. */
export const LOGO_LETTER_PATH = "M9.5 7h7a6 6 0 0 1 0 12h-3v6h-4zM13.5 10.5v5h2.75a2.5 2.5 0 0 0 0-5z";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="7" fill={LOGO_BRAND_COLOR} />
      <path d={LOGO_LETTER_PATH} fill="#fff" fillRule="evenodd" />
    </svg>
  );
}
