/*
 * Podbrief's service worker: just enough to install as an app and to say "offline" in words.
 *
 * What it keeps is shared by every reader of this browser, so it caches only files that are the same
 * for everyone: the offline page, the icons and manifest, and Next's build assets under
 * /_next/static/ (their names change with their content). Pages, RSC payloads, server actions and
 * /api/ answers go to the network untouched and are never stored: they carry one reader's data.
 * When a page cannot be fetched at all, the offline page answers instead.
 */
const CACHE = "podbrief-shell-v1";
const OFFLINE_URL = "/offline.html";
const SHELL = [OFFLINE_URL, "/favicon.ico", "/icons/icon-192.png", "/manifest.webmanifest"];
// Build assets of older releases pile up otherwise; the newest few hundred are plenty for one release.
const MAX_STATIC_ENTRIES = 300;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function isShellAsset(url) {
  return url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/") || SHELL.includes(url.pathname);
}

async function trimCache(cache) {
  const keys = await cache.keys();
  const excess = keys.length - MAX_STATIC_ENTRIES;
  for (const request of keys.slice(0, Math.max(0, excess))) {
    if (!SHELL.includes(new URL(request.url).pathname)) await cache.delete(request);
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, response.clone());
    await trimCache(cache);
  }
  return response;
}

async function networkOrOffline(request) {
  try {
    return await fetch(request);
  } catch {
    const offline = await caches.match(OFFLINE_URL);
    return offline ?? Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkOrOffline(request));
    return;
  }
  if (isShellAsset(url)) event.respondWith(cacheFirst(request));
});
