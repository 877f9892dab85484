// The outbox on every page: what this phone keeps is sent when the page opens, when the phone is
// back online and when the app comes back into view, and the panel (on Today and the log) says
// what waits, what was refused and when everything has been sent. app.js imports it everywhere.
import './outbox-core.js';
import {nt, t} from './i18n.js';

const Outbox = self.OutboxCore;

function describe(record) {
  const d = record.data || {};
  const time = record.local_time;
  if (record.op === 'delete') {
    const deleted = {checkin: t('Check-in deleted'), redflag: t('Safety check deleted'),
      completion: t('Exercise done deleted')};
    return deleted[record.kind] || t('Entry deleted');
  }
  if (record.kind === 'checkin') return t('Check-in %(time)s: leg %(score)s/10', {time, score: d.leg_pain});
  if (record.kind === 'completion') {
    const exercise = d.exercise || t('Exercise');
    return t('%(exercise)s done at %(time)s', {exercise, time});
  }
  if (record.kind === 'redflag') return t('Safety check at %(time)s', {time});
  return t('Entry at %(time)s', {time});
}

/** Why a record was refused, in the page's language: the server's words (sent in the language of
 *  the page that sent it), or this phone's when the server could not take it at all. */
export function refusal(record) {
  if (record.failed) {
    return t('The server could not accept this entry (error %(status)s). Check it, then save it again, or discard it.',
      {status: record.failed});
  }
  return Object.values(record.errors || {}).join(' ');
}

let lastDetail = {};
let waitingBefore = null;      // entries waiting at the last look: "Sent" when that drops to none
let sentTimer = null;

/* The unsent count as the app's badge, where the browser has one (an installed app). */
function badge(waiting) {
  if (!('setAppBadge' in navigator)) return;
  (waiting ? navigator.setAppBadge(waiting) : navigator.clearAppBadge()).catch(() => {});
}

// The worker's "outbox changed" (after a Background Sync) says no more than that: keep what the
// page last learnt, such as "sign in again", instead of reverting to "will send".
async function renderPanels(detail = lastDetail) {
  lastDetail = detail;
  const panels = document.querySelectorAll('.outbox-panel');
  const records = (await Outbox.all()).sort((a, b) => a.client_updated_at.localeCompare(b.client_updated_at));
  document.body.dataset.outboxCount = String(records.length);
  const waiting = records.filter((r) => r.state === 'pending').length;
  const sent = Boolean(waitingBefore) && records.length === 0;
  waitingBefore = waiting;
  badge(waiting);
  if (sent) {
    // Everything kept on this phone has reached the server: say so, briefly, where it was counted.
    clearTimeout(sentTimer);
    for (const panel of panels) {
      panel.hidden = false;
      panel.dataset.sent = 'true';
      panel.querySelector('.outbox-summary').textContent = t('Sent. Everything saved on this phone has reached the server.');
      panel.querySelector('.outbox-list').replaceChildren();
    }
    sentTimer = setTimeout(() => {
      for (const panel of panels) if (panel.dataset.sent) { panel.hidden = true; delete panel.dataset.sent; }
    }, 8000);
    return;
  }
  for (const panel of panels) {
    if (records.length) delete panel.dataset.sent;
    if (!panel.dataset.sent) panel.hidden = records.length === 0;
    const refused = records.filter((r) => r.state === 'rejected').length;
    const superseded = records.filter((r) => r.state === 'superseded').length;
    // Whole sentences, one for each count (a translation may need other forms than English).
    const parts = [];
    if (waiting) {
      parts.push(detail.signedOut
        ? nt('%(num)d saved on this phone. Sign in again to send it.',
          '%(num)d saved on this phone. Sign in again to send them.', waiting)
        : nt("Saved on this phone — will send when you're back online (%(num)d waiting).",
          "Saved on this phone — will send when you're back online (%(num)d waiting).", waiting));
    }
    if (refused) {
      parts.push(nt('%(num)d needs a correction before it can be sent.',
        '%(num)d need a correction before they can be sent.', refused));
    }
    if (superseded) {
      parts.push(nt('An entry was changed on another device after you edited it here: choose which to keep.',
        '%(num)d entries were changed on another device after you edited it here: choose which to keep.',
        superseded));
    }
    if (panel.dataset.sent) continue;
    panel.querySelector('.outbox-summary').textContent = parts.join(' ');
    const list = panel.querySelector('.outbox-list');
    list.replaceChildren(...records.map(itemFor));
  }
}

function itemFor(record) {
  const li = document.createElement('li');
  li.className = `outbox-item outbox-${record.state}`;
  li.dataset.uuid = record.uuid;
  const what = document.createElement('span');
  const refused = record.kind === 'completion' ? t('not counted') : t('not accepted');
  const states = {rejected: refused, superseded: t('your edit, not used')};
  const state = states[record.state] || t('waiting to send');
  what.textContent = `${record.local_date} · ${describe(record)} · ${state}`;
  li.append(what);
  if (record.state === 'superseded') {
    // The server kept a later edit from another device: say what it holds, and let the person choose.
    const why = document.createElement('p');
    why.className = 'notice';
    const held = {...record, ...(record.held || {}), data: {...record.data, ...(record.held || {})}};
    why.textContent = t('It was changed on another device after you edited it here. Kept now: %(held)s.',
      {held: describe(held)});
    li.append(why, button(t('Use my edit'), () => Outbox.useMine(record.uuid)),
      button(t('Keep the other'), () => Outbox.discard(record.uuid)));
    return li;
  }
  if (record.state === 'rejected') {
    const why = document.createElement('p');
    why.className = 'error';
    why.textContent = refusal(record);
    li.append(why);
    if (record.kind === 'checkin' && record.op !== 'delete') li.append(button(t('Fix it'), () => fix(record)));
    // Set aside by this phone after the server failed on it: it may go through another time.
    if (record.errors && record.errors.record) li.append(button(t('Send again'), () => Outbox.retry(record.uuid)));
    li.append(button(t('Discard it'), () => {
      if (window.confirm(t('Throw this entry away? It has not been saved anywhere else.'))) Outbox.discard(record.uuid);
    }));
  }
  return li;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button button-small';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/* A refused check-in back into the check-in form (log.js fills it), or to the log for one. */
function fix(record) {
  if (!document.querySelector('form.checkin-form')) return window.location.assign('/log/');
  window.dispatchEvent(new CustomEvent('outbox:fix', {detail: record}));
}

window.addEventListener('outbox:change', (event) => renderPanels(event.detail));
window.addEventListener('online', () => Outbox.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') Outbox.flush();
});
if (navigator.serviceWorker) {
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.outbox) renderPanels();
  });
}
renderPanels().then(() => Outbox.flush());
