"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js (the offline page and the app shell) once the page has loaded. Only in a
 * production build: the development server's scripts keep their names while their content changes,
 * and a cached copy would hide edits. NODE_ENV here is the build's mode, fixed by Next at build
 * time, not configuration read at run time.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    // eslint-disable-next-line no-restricted-properties -- the build's mode, inlined by Next into this client bundle; lib/env.ts is server-only
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const register = () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => console.warn("Podbrief could not register its service worker", error));
    };
    if (document.readyState === "complete") register();
    else {
      window.addEventListener("load", register, { once: true });
      return () => window.removeEventListener("load", register);
    }
  }, []);
  return null;
}
