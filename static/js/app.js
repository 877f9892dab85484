// Sciatica Companion: registers the service worker, offers updates, and forgets pages on sign-out.
// Every page: the outbox sent and shown, the home-screen help, and (below) the emergency
// numbers of the person's country.
import './outbox.js';
import './pwa.js';

// Every other module loads only on the pages whose parts it works on, which keeps each first
// visit inside its budget (README "Benchmarks"); the service worker keeps them all for offline.
const ONLY_WHERE = {
  './auth.js': '[data-passkey-add], [data-passkey-get], #recovery-codes',
  './library.js': '[data-search-index]',
  // A warning sign to tick (a ticked box wins on every button, and leaving with one unsent
  // warns), the day's check, a screen that explains an answer, a pause to show. Before log.js
  // and program.js, so its submit handler comes first.
  './safety.js': 'input[name="go_now"], input[name="contact_today"], .redflag-check, [data-alarm-screen], '
    + '[data-pause-state], [data-offline-pause]',
  './log.js': 'form[data-outbox], form[data-stamp], form[data-outbox-delete], form.onboarding',
  './program.js': '[data-browser-timezone], [data-fill-timezone], [data-completion], [data-feel], [data-timer]',
  './push.js': '[data-push]',
  './report.js': '[data-print], [data-share-url]',
  // On Today the timer runs in place and timer.js loads at the first tap on Start (timer-ready.js).
  './timer.js': '[data-timer]:not([data-timer-inline])',
  './timer-ready.js': '[data-timer-inline]',
  './welcome.js': 'form[data-keep-answers]',
};
const pageModules = Object.entries(ONLY_WHERE)
  .filter(([, selector]) => document.querySelector(selector)).map(([module]) => import(module));

/* ---- emergency numbers on every page (the banner has one), pages kept for anyone included ---- */

const COUNTRY = 'sc-country-words';  // localStorage: the signed-in person's country and its words, per language

// Pages from the phone ('cache': the person's copy; 'shell': the copy kept for anyone) are not the server's word.
const fromNetwork = () => (document.body.dataset.pageSource || 'network') === 'network';

/* A page from the server for a signed-in person carries their country's words (data-country-words,
   from webapp/safety/countries.py) in the page's language: kept here per language, they replace the
   [data-c] words on public pages stored for anyone (the emergency screens, articles, exercises), so
   no copy of the table is kept. A page in a language with no words kept yet takes another
   language's: the person's number matters more than the words around it. */
function keptCountry() {
  const body = document.body;
  const lang = document.documentElement.lang;
  localStorage.removeItem('sc-country');             // the code alone, kept before the words were
  let kept;
  try { kept = JSON.parse(localStorage.getItem(COUNTRY) || '{}') || {}; } catch (error) { kept = {}; }
  if (kept.code) kept = {'en-GB': kept};              // kept before the words were per language
  if (body.dataset.signedOut === 'true') {
    localStorage.removeItem(COUNTRY);
    return null;
  }
  if (body.dataset.signedIn === 'true' && fromNetwork() && body.dataset.countryWords) {
    try {
      const words = JSON.parse(body.dataset.countryWords);
      // Another country in any language means the setting changed: the other languages' words go.
      kept = Object.fromEntries(Object.entries(kept).filter(([, w]) => w && w.code === words.code));
      kept[lang] = words;
      localStorage.setItem(COUNTRY, JSON.stringify(kept));
    } catch (error) { /* a page's words are the server's JSON: nothing to keep if not */ }
  }
  return kept[lang] || Object.values(kept)[0] || null;
}

function applyCountry() {
  const country = keptCountry();
  if (!country || country.code === document.body.dataset.country) return;
  for (const el of document.querySelectorAll('[data-c]')) {
    const words = country[el.dataset.c];
    if (typeof words !== 'string') continue;
    el.textContent = words;
    if ('cOptional' in el.dataset) el.hidden = !words;
  }
  for (const link of document.querySelectorAll('[data-c-dial]')) {
    link.href = `tel:${country.dial}`;
    link.hidden = !country.dial;
  }
  document.body.dataset.country = country.code;
}

applyCountry();

const worker = navigator.serviceWorker;

function offerUpdate(waiting) {
  const toast = document.getElementById('update-toast');
  if (!toast) return;
  toast.hidden = false;
  document.getElementById('update-reload').addEventListener('click', () => {
    sessionStorage.setItem('sc-updating', '1');
    waiting.postMessage({action: 'skipWaiting'});
  }, {once: true});
}

// The worker keeps its copies in the page's language (static/sw.js): a new language registers a
// new worker, which takes over by itself once its copies are kept (no update to offer).
const language = document.documentElement.dataset.language || 'en';
const languageOf = (worker) => new URL(worker.scriptURL).searchParams.get('lang');

async function registerWorker() {
  const registration = await worker.register(`/sw.js?lang=${encodeURIComponent(language)}`, {scope: '/'});
  const ready = (waiting) => {
    if (!registration.active || languageOf(registration.active) === languageOf(waiting)) offerUpdate(waiting);
  };
  if (registration.waiting && worker.controller) ready(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing.addEventListener('statechange', () => {
      if (installing.state === 'installed' && worker.controller) ready(installing);
    });
  });
  // Reload once, and only when the person asked for the update (not on the first install).
  worker.addEventListener('controllerchange', () => {
    if (sessionStorage.getItem('sc-updating')) {
      sessionStorage.removeItem('sc-updating');
      window.location.reload();
    }
  });
}

// After sign-out or account deletion: the worker forgets this person's pages (see static/sw.js).
async function forgetPersonIfSignedOut() {
  if (document.body.dataset.signedOut !== 'true') return;
  const registration = await worker.ready;
  registration.active.postMessage({action: 'forget-person'});
}

// Every tab a cold start offline can open: Today, the log, the program and the report.
// Once per person per browser session; a signed-out page (sign-out, a session gone) starts over.
// Never for a practitioner: their pages are never kept on the device, and a page fetched in the
// background must not look at anyone's data (the server answers such a fetch with nothing).
async function warmSignedInPages() {
  const body = document.body.dataset;
  if (body.signedIn !== 'true') {
    sessionStorage.removeItem('sc-warmed');
    return;
  }
  if (body.practitioner === 'true') return;
  if (body.pageSource !== 'network' || sessionStorage.getItem('sc-warmed') === body.person) return;
  const registration = await worker.ready;
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    // Before the welcome questions are answered most of these lead there: try again next page.
    if (event.data.missed === 0) sessionStorage.setItem('sc-warmed', body.person);
  };
  registration.active.postMessage({action: 'warm-pages',
    urls: ['/', '/log/', '/log/history', '/program', '/report/']}, [channel.port2]);
}

// Welcome answers kept for a reload (welcome.js) are dropped on any other page: by then the
// server has them, or the person has signed out.
if (!document.querySelector('form[data-keep-answers]')) {
  Object.keys(sessionStorage).filter((k) => k.startsWith('sc-answers-')).forEach((k) => sessionStorage.removeItem(k));
}

// A copy kept on this phone says "You're offline"; once the phone is back online that is no
// longer so (the page itself stays as it was until it is opened again).
window.addEventListener('online', () => { document.body.dataset.backOnline = 'true'; });
window.addEventListener('offline', () => { delete document.body.dataset.backOnline; });

// Every exercise of the person's current plan (Today lists them in data-keep-offline), so the
// whole day works with no signal, steps, drawing and timer included, not only the ones opened.
async function warmPlanPages() {
  const list = document.querySelector('[data-keep-offline]');
  if (!list || document.body.dataset.pageSource !== 'network') return;
  const key = `${document.body.dataset.person}:${list.dataset.keepOffline}`;
  if (sessionStorage.getItem('sc-warmed-plan') === key) return;
  const registration = await worker.ready;
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    if (event.data.missed === 0) sessionStorage.setItem('sc-warmed-plan', key);
  };
  registration.active.postMessage({action: 'warm-pages', urls: JSON.parse(list.dataset.keepOffline)}, [channel.port2]);
}

if (worker) {
  registerWorker().catch((error) => console.warn('service worker not registered', error));
  forgetPersonIfSignedOut();
  warmSignedInPages();
  if (document.body.dataset.signedIn === 'true' && document.body.dataset.practitioner !== 'true') warmPlanPages();
}


// Every module has run, this page's own included: say so (static/js/boot.js starts this file
// after the first paint).
Promise.allSettled(pageModules).then(() => {
  document.documentElement.dataset.scripts = 'ready';
  window.dispatchEvent(new Event('app:ready'));
});

// A page the server drew with errors: focus goes to the first control marked invalid, so the
// person (and a screen reader) starts where the problem is.
const firstInvalid = document.querySelector('[aria-invalid="true"]');
if (firstInvalid && !document.activeElement?.matches('input, select, textarea')) {
  firstInvalid.focus({preventScroll: false});
}
