// The app on the home screen: install help, keeping the phone's data, and fresh ids on copies of
// pages shown from this phone.

const standalone = () => window.matchMedia('(display-mode: standalone)').matches
  || navigator.standalone === true;
// iPadOS asks for desktop pages and says "Macintosh"; a touch screen gives it away.
const apple = () => /iPhone|iPad|iPod/.test(navigator.userAgent)
  || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);

let deferredPrompt = null;

function show(selector, visible) {
  document.querySelectorAll(selector).forEach((el) => { el.hidden = !visible; });
}

function showInstallHelp() {
  const installed = standalone();
  if (installed) show('[data-install-entry]', false);
  if (!document.getElementById('install-help')) return;
  show('#install-installed', installed);
  show('#install-prompt', !installed && deferredPrompt !== null);
  show('#install-ios', !installed && apple());
  show('#install-other', !installed && !apple() && deferredPrompt === null);
}

// Chromium (Android, desktop): the browser's own install dialog, offered from our button.
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  deferredPrompt = event;
  show('[data-install-button]', true);
  showInstallHelp();
});

window.addEventListener('appinstalled', () => {
  deferredPrompt = null;
  show('[data-install-button]', false);
  show('[data-install-entry]', false);
  show('#install-prompt', false);
});

document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-install-button]');
  if (!button || !deferredPrompt) return;
  const prompt = deferredPrompt;
  deferredPrompt = null;
  await prompt.prompt();
  const choice = await prompt.userChoice;
  if (choice.outcome === 'accepted') show('[data-install-entry], #install-prompt', false);
  else show('[data-install-button]', false);
});

// After the first check-in, ask the browser to keep this site's data (IndexedDB holds the outbox).
async function askToKeepData() {
  if (localStorage.getItem('sc-storage')) return;
  let outcome = 'unavailable';
  try {
    if (navigator.storage && navigator.storage.persist) {
      outcome = (await navigator.storage.persist()) ? 'kept' : 'refused';
    }
  } catch (error) { /* an old browser: the server copy is still safe once sent */ }
  localStorage.setItem('sc-storage', outcome);
  showStorage();
}

function showStorage() {
  show('[data-storage-kept]', localStorage.getItem('sc-storage') === 'kept');
}

document.addEventListener('submit', (event) => {
  if (event.target.matches('form[data-outbox="checkin"]')) askToKeepData();
});

// A copy of a page from this phone carries the ids the server made for it once. New entries made
// from the same copy on two days must stay two entries, so they get fresh ids. (Edit forms keep
// the id of the record they change.)
function freshIdsOnCopies() {
  if (document.body.dataset.pageSource !== 'cache') return;
  document.querySelectorAll('form:not([data-record-uuid]) input[name="uuid"], input[name="redflag_uuid"]')
    .forEach((input) => { if (input.value) input.value = crypto.randomUUID(); });
}

freshIdsOnCopies();
showInstallHelp();
showStorage();
