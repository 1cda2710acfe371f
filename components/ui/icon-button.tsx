type Props = Omit<React.ComponentProps<"button">, "aria-label"> & {
  /** The accessible name, and the tooltip unless `tooltip` says more. */
  label: string;
  tooltip?: string;
  /** Shown beside the icon, e.g. "Saved" once an insight is saved. */
  text?: string;
  active?: boolean;
};

/**
 * A compact button drawn as an icon, named for assistive technology and explained by a tooltip on
 * hover and on keyboard focus. The tooltip sits above the button's right edge, inside the card, so
 * that a button at the right of a narrow screen never widens the page, and is display:none until
 * shown, so that it takes no room when hidden.
 */
export function IconButton({ label, tooltip = label, text, active = false, className = "", children, ...rest }: Props) {
  return (
    <button
      type="button"
      aria-label={label}
      className={`group/icon relative inline-flex h-9 min-w-9 items-center justify-center gap-1.5 rounded-lg px-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 dark:focus-visible:outline-sky-400 ${
        active
          ? "bg-brand-50 text-brand-700 hover:bg-brand-100 dark:bg-sky-950 dark:text-sky-300 dark:hover:bg-sky-900"
          : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
      } ${className}`}
      {...rest}
    >
      {children}
      {text ? <span aria-hidden="true">{text}</span> : null}
      <span
        aria-hidden="true"
        className="pointer-events-none absolute right-0 bottom-full z-30 mb-1.5 hidden rounded-md bg-slate-900 px-2 py-1 text-xs font-medium whitespace-nowrap text-white shadow-md group-hover/icon:block group-focus-visible/icon:block group-aria-expanded/icon:hidden dark:bg-slate-100 dark:text-slate-900"
      >
        {tooltip}
      </span>
    </button>
  );
}
