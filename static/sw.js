/* Sciatica Companion service worker.
 * The server prepends VERSION (a hash of assets, templates and content), LANG (the language the
 * page registered this worker in: /sw.js?lang=es), WORDS (its few words in that language), and
 * page registered this worker in: /sw.js?lang=es), PRECACHE (the shell, in that language: each
 * page's URL names it, ?lang=es) and importScripts of the outbox, which Background Sync flushes.
 * Pages are kept under their URL with ?lang=, so a copy is only ever shown in its own language;
 * choosing another language registers another worker, whose shell is in the new language.
 * Static files, and other files named by their hash (?v=, the library's search index): cache first.
 * Pages: network first; offline, the shell's copy (public pages, always this version's), else the
 * person's copy, else /offline. Page URLs are matched without tracking-only query strings, so the
 * home screen's start URL finds Today; a library search offline gets the shell's search page,
 * whose script searches the index kept here.
 * Everything else (POSTs, htmx fragments, the API): network only, never cached.
 *
 * Messages a page may send (postMessage({action})):
 *   'forget-person'  forget everything personal kept here: the person's pages and who is signed
 *                    in. Sent at sign-out and account deletion. If a MessagePort comes with it,
 *                    {forgotten: true} is posted to it when done. ('forget-pages' is its old name.)
 *                    The worker also forgets by itself when a page from the server says nobody,
 *                    or somebody else, is signed in now (the X-Person header).
 *   'warm-pages'     {urls}: keep these signed-in pages before the person first opens them; the
 *                    port, if any, gets {missed: n}, the number that could not be kept.
 *   'skipWaiting'    start using this version now (the "new version" prompt). */
const PREFIX = 'sciatica-';
const SHELL_CACHE = `${PREFIX}shell-${LANG}-${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages`;       // one person's pages, and who they are (PERSON_KEY)
const OFFLINE_URL = `/offline?lang=${LANG}`;
const SEARCH_PAGE = '/library/search';      // any ?q= offline: static/js/library.js searches here
const PERSON_KEY = '/__person__';
const TRACKING = /^(source|utm_\w+|fbclid|gclid|msclkid|ref)$/;

// Precached copies are fetched without cookies, so they are never one person's pages.
// A worker for another language than the active one's takes over once its shell is kept: the
// person has just chosen that language (no "new version" prompt for it).
self.addEventListener('install', (event) => {
  const requests = PRECACHE.map((url) => new Request(url, {credentials: 'omit'}));
  const active = self.registration.active;
  const newLanguage = active && new URL(active.scriptURL).searchParams.get('lang') !== LANG;
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(requests))
    .then(() => newLanguage && self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL_CACHE, PAGES_CACHE]);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    }
    // The person's pages in another language are of no use now (they come back when opened).
    const pages = await caches.open(PAGES_CACHE);
    for (const request of await pages.keys()) {
      const lang = new URL(request.url).searchParams.get('lang');
      if (lang && lang !== LANG) await pages.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const action = event.data && event.data.action;
  if (action === 'skipWaiting') self.skipWaiting();
  if (action === 'forget-person' || action === 'forget-pages') {
    const reply = event.ports && event.ports[0];
    event.waitUntil(forgetPerson().then(() => reply && reply.postMessage({forgotten: true})));
  }
  if (action === 'warm-pages') {
    const reply = event.ports && event.ports[0];
    event.waitUntil(warmPages(event.data.urls || []).then((outcome) => reply && reply.postMessage(outcome)));
  }
});

// Bumped on every forgetting: a fetch that started before it must keep nothing afterwards
// (its page, or its word on who is signed in, may belong to the person just forgotten).
let generation = 0;

async function forgetPerson() {
  generation += 1;
  await caches.delete(PAGES_CACHE);
}

async function currentPerson() {
  const kept = await caches.match(PERSON_KEY, {cacheName: PAGES_CACHE});
  return kept ? (await kept.json()).person : '';
}

// A page from the server says who it was made for; a change of person drops the last one's pages.
// Answers the generation the response belongs to (a newer one if this response started it).
async function noteWhoIsSignedIn(response, since) {
  const person = response.headers.get('X-Person');
  if (since !== generation || person === null || !/^[0-9a-f]*$/.test(person)) return since;
  const known = await currentPerson();
  if (person === known || since !== generation) return since;
  let now = since;
  if (known) {
    const forgetting = forgetPerson();
    now = generation;
    await forgetting;
  }
  if (person) {
    await keep(PERSON_KEY, new Response(JSON.stringify({person}),
      {headers: {'Content-Type': 'application/json'}}), 'person', now);
  }
  return now;
}

// The URL a page is kept under: without query parameters that only say where a visit came from,
// and with its language (the shell's copies were fetched as ?lang=).
function pageKey(url) {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) {
    if (TRACKING.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.set('lang', LANG);
  parsed.hash = '';
  return parsed.href;
}

// Keep the signed-in person's main pages on the phone before they are first opened. A copy the
// person has seen is left alone (it is refreshed when they open the page again). Answers how many
// could not be kept (offline, or sent elsewhere, as Today is before the welcome questions).
async function warmPages(urls) {
  const since = generation;
  let missed = 0;
  for (const url of urls) {
    const key = pageKey(new URL(url, self.location.origin).href);
    if (await seen(key)) continue;
    try {
      // X-Warm: a fetch nobody is looking at must not take the person's one-time messages.
      const response = await fetch(key, {credentials: 'same-origin', headers: {'X-Warm': '1'}});
      const now = await noteWhoIsSignedIn(response, since);
      if (await seen(key)) continue;                        // opened meanwhile
      const kept = isCacheablePage(response) && response.headers.get('X-Person')
        && await keep(key, response, 'saved', now);
      if (!kept) missed += 1;
    } catch (error) {
      missed += 1;
    }
  }
  return {missed};
}

async function seen(key) {
  const kept = await caches.match(key, {cacheName: PAGES_CACHE, ignoreVary: true});
  return Boolean(kept) && kept.headers.get('X-Kept') === 'seen';
}

// Background Sync, where the browser has it: send the outbox even if no page is open. (WebKit has
// none: the pages flush on load, on 'online' and when they come back to the front.)
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(self.OutboxCore.flush());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/') || (url.searchParams.has('v') && request.mode !== 'navigate')) {
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
  const key = pageKey(request.url);
  let since = generation;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return fromThisPhone(key);
  }
  since = await noteWhoIsSignedIn(response, since);
  // Only a signed-in person's own pages are kept here; public pages come from the shell.
  if (isCacheablePage(response) && response.headers.get('X-Person')
      && !(await caches.match(key, {cacheName: SHELL_CACHE, ignoreVary: true}))) {
    await keep(key, response.clone(), 'seen', since);
  }
  return response;
}

// Offline. The session cookie changes on every response, so match without Vary.
async function fromThisPhone(key) {
  const person = await currentPerson();
  const shell = await caches.open(SHELL_CACHE);
  const precached = await shell.match(key, {ignoreVary: true})
    || (new URL(key).pathname === SEARCH_PAGE && await shell.match(`${SEARCH_PAGE}?lang=${LANG}`, {ignoreVary: true}));
  if (precached) return present(precached, person, 'shell');
  const kept = await caches.match(key, {cacheName: PAGES_CACHE, ignoreVary: true});
  if (kept) return present(kept, person, 'cache', kept.headers.get('X-Kept') || 'seen');
  const offline = await shell.match(OFFLINE_URL, {ignoreVary: true});
  if (offline) return present(offline, person, 'shell');
  return new Response(WORDS.offline, {status: 503, headers: {'Content-Type': 'text/plain; charset=utf-8'}});
}

function isCacheablePage(response) {
  const cacheControl = response.headers.get('Cache-Control') || '';
  // Personal pages are no-store for every HTTP cache; X-Keep-Offline lets this worker keep them.
  return response.ok && response.type === 'basic' && !response.redirected
    && (!cacheControl.includes('no-store') || response.headers.get('X-Keep-Offline') === '1');
}

// Keep a response in the person's cache, unless they were forgotten since `since`. True if kept.
async function keep(key, response, how, since) {
  const headers = new Headers(response.headers);
  headers.set('X-Kept', how);
  const body = await response.blob();
  if (since !== generation) return false;
  const cache = await caches.open(PAGES_CACHE);
  if (since !== generation) return false;
  await cache.put(key, new Response(body, {status: response.status, statusText: response.statusText, headers}));
  return true;
}

/* A copy from this phone, told apart on the page: data-page-source="cache" shows the notice (with
 * data-cached "seen" or "saved"); "shell" (a precached public page) shows none. A page made for
 * nobody gets the signed-in navigation when someone is signed in on this phone. */
async function present(response, person, source, how) {
  let html = await response.text();
  html = html.replace('data-page-source="network"',
    source === 'cache' ? `data-page-source="cache" data-cached="${how}"` : `data-page-source="${source}"`);
  if (person) html = signedInChrome(html, person);
  const headers = new Headers(response.headers);
  for (const name of ['X-Kept', 'Content-Length', 'Content-Encoding']) headers.delete(name);  // a new body
  return new Response(html, {status: response.status, headers});
}

function signedInChrome(html, person) {
  if (!html.includes('data-signed-in="false"')) return html;
  return html.replace('data-signed-in="false"', 'data-signed-in="true"')
    .replace('data-person=""', `data-person="${person}"`)
    .replaceAll('data-chrome="signed-out"', 'data-chrome="signed-out" hidden')
    .replaceAll('data-chrome="signed-in" hidden', 'data-chrome="signed-in"');
}

/* Reminders (Web Push). The server sends {title, body, url, tag}, encrypted for this browser, even
 * when the app is closed; the worker shows it, and a tap opens or focuses the app on that page.
 * Only pages of this app are opened: any other address becomes Today. At sign-out and account
 * deletion ('forget-person') the browser's subscription goes too (the server's already has). */
const REMINDER_ICON = '/static/icons/icon-192.png';

function appPage(url) {
  try {
    const target = new URL(url || '/', self.location.origin);
    if (target.origin === self.location.origin) return target.href;
  } catch (error) { /* not an address: Today */ }
  return new URL('/', self.location.origin).href;
}

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) { /* not JSON: a plain reminder */ }
  const text = (value, fallback) => (typeof value === 'string' && value ? value.slice(0, 200) : fallback);
  event.waitUntil(self.registration.showNotification(text(message.title, 'Sciatica Companion'), {
    body: text(message.body, ''),
    tag: text(message.tag, 'reminder'),
    icon: REMINDER_ICON,
    data: {url: appPage(message.url)},
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openApp(appPage(event.notification.data && event.notification.data.url)));
});

async function openApp(url) {
  const windows = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  const same = windows.find((client) => client.url === url);
  if (same) return same.focus();
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    try {
      const focused = await open.focus();
      const moved = await focused.navigate(url);
      if (moved) return moved;
    } catch (error) { /* not ours to move (not controlled yet): a new window instead */ }
  }
  return self.clients.openWindow(url);
}

self.addEventListener('message', (event) => {
  const action = event.data && event.data.action;
  if (action === 'forget-person' || action === 'forget-pages') {
    event.waitUntil(self.registration.pushManager.getSubscription()
      .then((subscription) => subscription && subscription.unsubscribe()).catch(() => null));
  }
});
