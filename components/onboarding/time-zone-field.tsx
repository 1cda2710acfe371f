"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's time zone, sent with the form; the server's rendering (and a browser without scripts) keeps the stored one. */
export function TimeZoneField({ fallback, visible = true }: { fallback: string; visible?: boolean }) {
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, () => fallback) || fallback;
  return (
    <>
      <input type="hidden" name="timeZone" value={timeZone} />
      {visible ? <p className="text-sm text-slate-600 dark:text-slate-400">Time zone: {timeZone}</p> : null}
    </>
  );
}
