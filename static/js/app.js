// Sciatica Companion: registers the service worker, offers updates, and forgets pages on sign-out.
import './safety.js';
import './log.js';
import './program.js';
import './report.js';
import './auth.js';

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

async function registerWorker() {
  const registration = await worker.register('/sw.js', {scope: '/'});
  if (registration.waiting && worker.controller) offerUpdate(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing.addEventListener('statechange', () => {
      if (installing.state === 'installed' && worker.controller) offerUpdate(installing);
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

async function forgetPagesIfSignedOut() {
  if (document.body.dataset.signedOut !== 'true') return;
  sessionStorage.removeItem('sc-warmed');
  const registration = await worker.ready;
  registration.active.postMessage({action: 'forget-pages'});
}

async function warmSignedInPages() {
  if (document.body.dataset.signedIn !== 'true' || sessionStorage.getItem('sc-warmed')) return;
  const registration = await worker.ready;
  // The emergency screens too: offline they then show the person's own navigation and numbers.
  registration.active.postMessage({action: 'warm-pages',
    urls: ['/', '/log/', '/log/history', '/program', '/emergency', '/urgent']});
  sessionStorage.setItem('sc-warmed', '1');
}

if (worker) {
  registerWorker().catch((error) => console.warn('service worker not registered', error));
  forgetPagesIfSignedOut();
  warmSignedInPages();
}

