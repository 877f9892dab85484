// The outbox on every page: what this phone keeps is sent when the page opens, when the phone is
// back online and when the app comes back into view, and the panel (on Today and the log) says
// what waits, what was refused and when everything has been sent. app.js imports it everywhere.
import './outbox-core.js';

const Outbox = self.OutboxCore;
const LABELS = {checkin: 'Check-in', redflag: 'Safety check', completion: 'Exercise done'};

function describe(record) {
  const d = record.data || {};
  if (record.op === 'delete') return `${LABELS[record.kind] || 'Entry'} deleted`;
  if (record.kind === 'checkin') return `Check-in ${record.local_time}: leg ${d.leg_pain}/10`;
  if (record.kind === 'completion') return `${d.exercise || 'Exercise'} done at ${record.local_time}`;
  return `${LABELS[record.kind] || 'Entry'} at ${record.local_time}`;
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
      panel.querySelector('.outbox-summary').textContent = 'Sent. Everything saved on this phone has reached the server.';
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
    let text = '';
    if (waiting) {
      text = detail.signedOut
        ? `${waiting} saved on this phone. Sign in again to send ${waiting === 1 ? 'it' : 'them'}.`
        : `Saved on this phone — will send when you're back online (${waiting} waiting).`;
    }
    if (refused) text += ` ${refused} need${refused === 1 ? 's' : ''} a correction before ${refused === 1 ? 'it' : 'they'} can be sent.`;
    if (superseded) {
      text += ` ${superseded === 1 ? 'An entry was' : `${superseded} entries were`} changed on another device after `
        + 'you edited it here: choose which to keep.';
    }
    if (panel.dataset.sent) continue;
    panel.querySelector('.outbox-summary').textContent = text.trim();
    const list = panel.querySelector('.outbox-list');
    list.replaceChildren(...records.map(itemFor));
  }
}

function itemFor(record) {
  const li = document.createElement('li');
  li.className = `outbox-item outbox-${record.state}`;
  li.dataset.uuid = record.uuid;
  const what = document.createElement('span');
  const refused = record.kind === 'completion' ? 'not counted' : 'not accepted';
  const states = {rejected: refused, superseded: 'your edit, not used'};
  what.textContent = `${record.local_date} · ${describe(record)} · ${states[record.state] || 'waiting to send'}`;
  li.append(what);
  if (record.state === 'superseded') {
    // The server kept a later edit from another device: say what it holds, and let the person choose.
    const why = document.createElement('p');
    why.className = 'notice';
    const held = {...record, ...(record.held || {}), data: {...record.data, ...(record.held || {})}};
    why.textContent = `It was changed on another device after you edited it here. Kept now: ${describe(held)}.`;
    li.append(why, button('Use my edit', () => Outbox.useMine(record.uuid)),
      button('Keep the other', () => Outbox.discard(record.uuid)));
    return li;
  }
  if (record.state === 'rejected') {
    const why = document.createElement('p');
    why.className = 'error';
    why.textContent = Object.values(record.errors || {}).join(' ');
    li.append(why);
    if (record.kind === 'checkin' && record.op !== 'delete') li.append(button('Fix it', () => fix(record)));
    // Set aside by this phone after the server failed on it: it may go through another time.
    if (record.errors && record.errors.record) li.append(button('Send again', () => Outbox.retry(record.uuid)));
    li.append(button('Discard it', () => {
      if (window.confirm('Throw this entry away? It has not been saved anywhere else.')) Outbox.discard(record.uuid);
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
