// Reminders on this phone (the Reminders page's push card, templates/program/_push.html): show the
// part that fits this browser, and turn Web Push on after a tap (browsers allow the permission
// prompt only after one). The service worker (static/sw.js) shows what arrives.
import {t} from './i18n.js';


const card = document.querySelector('[data-push]');

const standalone = () => window.matchMedia('(display-mode: standalone)').matches
  || navigator.standalone === true;
// iPadOS asks for desktop pages and says "Macintosh"; a touch screen gives it away.
const apple = () => /iPhone|iPad|iPod/.test(navigator.userAgent)
  || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function part(name, visible) {
  for (const el of card.querySelectorAll(`[data-push-part="${name}"]`)) el.hidden = !visible;
}

function say(text) {
  card.querySelector('[data-push-status]').textContent = text;
}

// "BEl6...": the server's public key as pushManager.subscribe() takes it.
function keyBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function browserSubscription() {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

async function show() {
  const on = card.dataset.pushOn === 'true';
  if (!supported()) {
    // Safari on an iPhone has Web Push only in the app opened from the home screen.
    part('ios', apple() && !standalone());
    part('ios-update', apple() && standalone());
    part('unsupported', !apple());
    return;
  }
  if (Notification.permission === 'denied') {
    part('blocked', true);
    return;
  }
  if (!on) {
    part('start', true);
    return;
  }
  // The server sends to this phone; does the browser still take it (settings changed since)?
  const subscription = Notification.permission === 'granted' ? await browserSubscription() : null;
  if (!subscription) {
    part('lost', true);
    part('start', true);
  }
}

async function start(button) {
  button.disabled = true;
  say(t('Asking this phone to allow notifications…'));
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      say('');
      part('blocked', permission === 'denied');
      if (permission !== 'denied') say(t('Notifications were not allowed. Tap the button to try again.'));
      return;
    }
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription()
      || await registration.pushManager.subscribe({userVisibleOnly: true,
        applicationServerKey: keyBytes(card.dataset.pushKey)});
    const response = await fetch(card.dataset.pushSubscribe, {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', Accept: 'application/json',
        'X-CSRFToken': document.querySelector('meta[name="csrf-token"]').content},
      body: JSON.stringify({subscription: subscription.toJSON(),
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || ''}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.message || t('The reminders could not be turned on.'));
    window.location.reload();          // the page now shows "on", Stop and the test button
  } catch (error) {
    say(navigator.onLine === false ? t('You are offline. Try again when you have signal.')
      : t('%(problem)s Please try again.', {problem: error.message || t('The reminders could not be turned on.')}));
  } finally {
    button.disabled = false;
  }
}

// Stop: the browser forgets its subscription too, then the form tells the server.
async function stop(form) {
  try {
    const subscription = supported() ? await browserSubscription() : null;
    if (subscription) await subscription.unsubscribe();
  } catch (error) { /* the server's side is what stops the reminders */ }
  form.submit();
}

if (card) {
  show();
  card.addEventListener('click', (event) => {
    const button = event.target.closest('[data-push-part="start"]');
    if (button) start(button);
  });
  const stopForm = card.querySelector('[data-push-stop]');
  if (stopForm) {
    stopForm.addEventListener('submit', (event) => {
      event.preventDefault();
      stop(stopForm);
    });
  }
}
