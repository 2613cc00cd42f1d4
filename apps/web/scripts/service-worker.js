// @ts-nocheck: a template, not a module (the build fills in the version and the file list; see vite.config.ts).
// losslab's service worker:
// precaches every built file on install, then answers same-origin GET requests from the cache
// first, so that once loaded the app works without the network. Page navigations fall back to the
// cached index.html. It never contacts another origin (requests to one are not intercepted).
// Cached responses keep their headers (COOP/COEP, Content-Security-Policy).

const CACHE = 'losslab-__VERSION__';
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(new URL(file, self.registration.scope), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('losslab-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A navigation (any query: the state lives in it) is the app's page.
      const key = request.mode === 'navigate' ? new URL('index.html', self.registration.scope).href : url.href;
      const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      if (cached) return cached;
      return fetch(request);
    })(),
  );
});
