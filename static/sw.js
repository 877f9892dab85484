/* Sciatica Companion service worker.
 * The server prepends VERSION (a hash of assets, templates and content), PRECACHE (the shell) and
 * importScripts of the outbox, which Background Sync flushes.
 * Static files: cache first. Pages: network first, then the page as last seen, then /offline.
 * Everything else (POSTs, htmx fragments, the API): network only, never cached. */
const PREFIX = 'sciatica-';
const SHELL_CACHE = `${PREFIX}shell-${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages`;
const OFFLINE_URL = '/offline';

// Precached copies are fetched without cookies, so they are never one person's pages.
self.addEventListener('install', (event) => {
  const requests = PRECACHE.map((url) => new Request(url, {credentials: 'omit'}));
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL_CACHE, PAGES_CACHE]);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const action = event.data && event.data.action;
  if (action === 'skipWaiting') self.skipWaiting();
  if (action === 'forget-pages') event.waitUntil(caches.delete(PAGES_CACHE));
  if (action === 'warm-pages') event.waitUntil(warmPages(event.data.urls || []));
});

// Keep the signed-in person's main pages on the phone even before they are first opened.
async function warmPages(urls) {
  const cache = await caches.open(PAGES_CACHE);
  for (const url of urls) {
    try {
      const response = await fetch(url, {credentials: 'same-origin'});
      if (isCacheablePage(response)) await cache.put(url, response);
    } catch (error) { /* offline now: the next visit will try again */ }
  }
}

// Background Sync, where the browser has it: send the outbox even if no page is open.
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(self.OutboxCore.flush());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(staticFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(pageNetworkFirst(request));
  }
  // htmx fragments, /api/, /sw.js and the rest go straight to the network.
});

async function staticFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).searchParams.has('v')) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    // A page saved before an update may name an older hash: any version beats none offline.
    const older = await caches.match(request, {ignoreSearch: true});
    if (older) return older;
    throw error;
  }
}

async function pageNetworkFirst(request) {
  try {
    const response = await fetch(request);
    if (isCacheablePage(response)) {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    // The session cookie changes on every response, so match without Vary.
    const cached = (await caches.match(request, {cacheName: PAGES_CACHE, ignoreVary: true}))
      || (await caches.match(request, {cacheName: SHELL_CACHE, ignoreVary: true}));
    if (cached) return markAsCached(cached);
    return (await caches.match(OFFLINE_URL, {cacheName: SHELL_CACHE, ignoreVary: true}))
      || new Response('You are offline.', {status: 503, headers: {'Content-Type': 'text/plain'}});
  }
}

function isCacheablePage(response) {
  const cacheControl = response.headers.get('Cache-Control') || '';
  // Personal pages are no-store for every HTTP cache; X-Keep-Offline lets this worker keep them.
  return response.ok && response.type === 'basic' && !response.redirected
    && (!cacheControl.includes('no-store') || response.headers.get('X-Keep-Offline') === '1');
}

async function markAsCached(response) {
  // Tell the page it came from this phone's copy, so it shows its "as last seen" notice.
  const html = (await response.text()).replace('data-page-source="network"', 'data-page-source="cache"');
  return new Response(html, {status: response.status, headers: response.headers});
}
