// The log on the phone: check-in forms save through the outbox, so nothing is lost without signal.
import './outbox-core.js';
import {saveAnswer, signsIn} from './safety.js';

const Outbox = self.OutboxCore;
const person = document.body.dataset.person || null;
const SCALES = ['leg_pain', 'back_pain'];
const MINUTES = ['sitting_minutes', 'walking_minutes'];
const YES_NO = ['tingling', 'weakness', 'weakness_new', 'spread_to_other', 'both_constant', 'sleep_disturbed'];
const CHOICES = ['extent', 'leg_side', 'weakness_side'];
const LABELS = {checkin: 'Check-in', redflag: 'Safety check', completion: 'Exercise done'};

function checkinData(form) {
  const fd = new FormData(form);
  const data = {};
  for (const name of SCALES) if (fd.get(name) !== null) data[name] = Number(fd.get(name));
  for (const name of MINUTES) if (fd.get(name)) data[name] = fd.get(name).trim();
  for (const name of YES_NO) if (fd.get(name)) data[name] = fd.get(name);
  for (const name of CHOICES) if (fd.get(name)) data[name] = fd.get(name);
  for (const name of ['medication', 'notes']) if (fd.get(name) !== null) data[name] = fd.get(name);
  return data;
}

// A form's controls, those that belong to it from elsewhere on the page (form=) included.
function controlOf(form, name) {
  const found = form.elements.namedItem(name);
  return found instanceof RadioNodeList ? found[0] : found;
}

function showErrors(form, errors) {
  document.querySelectorAll('.js-error').forEach((el) => el.remove());
  document.querySelectorAll('.js-invalid').forEach((el) => el.classList.remove('field-invalid', 'js-invalid'));
  let first = null;
  for (const [name, message] of Object.entries(errors || {})) {
    const control = controlOf(form, name);
    const holder = control ? control.closest('fieldset, .field') : form;
    holder.classList.add('field-invalid', 'js-invalid');
    const p = document.createElement('p');
    p.className = 'error js-error';
    p.textContent = message;
    holder.append(p);
    first = first || holder;
  }
  if (first) first.scrollIntoView({block: 'center'});
}

// The status line beside the button pressed (on Today the quick check-in's, or the check's).
function statusFor(form, button) {
  return (button && button.closest('section, form').querySelector('.save-status')) || form.querySelector('.save-status');
}

/* Does a follow-up block apply? Every answer it follows (data-follow, data-when) is given, and
   the block it sits in applies too. */
function applies(block, form) {
  const fd = new FormData(form);
  const names = block.dataset.follow.split(' ');
  const wanted = block.dataset.when.split(' ');
  const outer = block.parentElement.closest('.follow-up[data-follow]');
  return names.every((name, i) => fd.get(name) === wanted[i]) && (!outer || applies(outer, form));
}

// The follow-up questions that apply and are still blank: the phone asks before it keeps anything.
function missingFollowUps(form) {
  const errors = {};
  const fd = new FormData(form);
  for (const block of followUps(form)) {
    if (!applies(block, form)) continue;
    for (const field of block.querySelectorAll(':scope > [data-required]')) {
      if (!fd.get(field.dataset.field)) errors[field.dataset.field] = field.dataset.required;
    }
  }
  return errors;
}

// The follow-up blocks of a form, wherever on the page its fields are.
function followUps(form) {
  return [...document.querySelectorAll('.follow-up[data-follow]')]
    .filter((block) => block.querySelector('input') && block.querySelector('input').form === form);
}

function stampFor(form) {
  // An edit keeps the day and time it was first logged; a new entry takes the phone's clock.
  if (!form.dataset.recordUuid) return undefined;
  const date = form.elements.local_date.value;
  const time = form.elements.local_time.value;
  return date && time ? {local_date: date, local_time: time} : undefined;
}

async function onCheckinSubmit(event) {
  const form = event.target;
  const button = event.submitter;
  // A button that posts this form elsewhere (on Today: Done, a stage suggestion...) is not a
  // check-in: with a sign ticked safety.js has taken it, without one it posts as usual.
  if (button && button.hasAttribute('formaction')) return;
  event.preventDefault();
  const check = form.querySelector('.redflag-check');
  const setStatus = (text) => { const status = statusFor(form, button); if (status) status.textContent = text; };
  // Any ticked box, or a follow-up answer that is a warning sign, wins whichever button was pressed.
  const signs = signsIn(form);
  const alarm = signs.go_now.length > 0 || signs.contact_today.length > 0;
  const data = checkinData(form);
  if (!alarm && button && button.value === 'none') {
    await saveAnswer(form, signs);
    answered(check, button);
    setStatus('Thank you. None of the warning signs today.');
    return;
  }
  if (data.leg_pain === undefined) {
    if (alarm) return saveAnswer(form, signs);
    showErrors(form, {leg_pain: 'Choose a number from 0 to 10.'});
    return;
  }
  const uuid = form.elements.uuid.value || crypto.randomUUID();
  form.elements.uuid.value = uuid;
  if (alarm) {
    // The sign first: its screen comes at once. A check-in missing a follow-up answer is kept
    // all the same; the server asks for the answer ("Fix it") and nothing typed is lost. Both go
    // in one flight, so the server sees the answer that holds the check-in's implied signs.
    await Outbox.keep({kind: 'checkin', uuid, data, stamp: stampFor(form), owner: person});
    return saveAnswer(form, signs);
  }
  const missing = missingFollowUps(form);
  if (Object.keys(missing).length) {
    showErrors(form, missing);
    setStatus('Please answer the questions marked. Nothing has been lost.');
    return;
  }
  const answer = await Outbox.save({kind: 'checkin', uuid, data, stamp: stampFor(form), owner: person});
  if (answer.superseded) {
    setStatus(form, 'This check-in was changed on another device after you opened it, so your edit was '
      + 'not used. Choose which to keep below.');
    return;
  }
  if (answer.sent === false) {
    showErrors(form, answer.result.errors);
    setStatus('Please check the answers marked. Nothing has been lost.');
    return;
  }
  const onToday = form.elements.return_to && form.elements.return_to.value === 'today';
  if (answer.sent && !onToday) return window.location.assign('/log/history?saved=1');
  form.reset();
  showErrors(form, {});
  showFollowUps(form);
  form.elements.uuid.value = crypto.randomUUID();
  setStatus(answer.sent ? 'Saved. Thank you.' : "Saved on this phone — will send when you're back online.");
  if (!answer.sent) requestBackgroundSync();
}

/* The day's check is answered. On Today it stays where it is, marked done, so nothing the person
   is about to tap moves under their thumb, and folds up once it has gone out of sight above (the
   page is scrolled by as much, so nothing on screen moves then either); on the next visit it is
   drawn folded. Elsewhere it folds up at once. */
function answered(check, button) {
  const state = check.querySelector('.summary-state');
  if (state) state.textContent = '(done today: none of these)';
  const more = check.querySelector('.check-more');
  if (!check.hasAttribute('data-compact')) {
    check.open = false;
    return;
  }
  check.classList.add('answered-now');
  button.dataset.label = 'None of these ✓';
  button.textContent = button.dataset.label;
  if (!('IntersectionObserver' in window)) return;
  const observer = new IntersectionObserver(([entry]) => {
    if (entry.isIntersecting || entry.boundingClientRect.bottom > 0 || !check.open) return;
    observer.disconnect();
    const anchor = check.nextElementSibling || check.parentElement;
    const root = document.scrollingElement;
    const before = anchor.getBoundingClientRect().top;
    root.style.overflowAnchor = 'none';          // we keep the place ourselves, once
    check.open = false;
    if (more) more.open = true;                  // opened again, it shows everything
    window.scrollBy(0, anchor.getBoundingClientRect().top - before);
    requestAnimationFrame(() => { root.style.overflowAnchor = ''; });
  });
  observer.observe(check);
}

/* Each follow-up question shows only when its answer applies (all show without JavaScript). */
function showFollowUps(form) {
  for (const block of followUps(form)) block.hidden = !applies(block, form);
}

async function onDeleteSubmit(event) {
  const form = event.target;
  event.preventDefault();
  const answer = await Outbox.save({kind: form.dataset.outboxDelete, op: 'delete',
    uuid: form.dataset.recordUuid, owner: person});
  if (answer.sent === false) return window.location.assign('/log/history?not_deleted=1');
  window.location.assign(answer.sent ? '/log/history?deleted=1' : '/log/history');
}

async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker.ready;
    if (registration.sync) await registration.sync.register('outbox');
  } catch (error) { /* Background Sync is optional: online, load and visibility still flush. */ }
}

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
    if (record.kind === 'checkin' && record.op !== 'delete') li.append(button('Fix it', () => loadIntoForm(record)));
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

function loadIntoForm(record) {
  const form = document.querySelector('form.checkin-form');
  if (!form) return window.location.assign('/log/');
  form.reset();
  form.elements.uuid.value = record.uuid;
  for (const [name, value] of Object.entries(record.data || {})) {
    const found = form.elements.namedItem(name);
    const controls = found instanceof RadioNodeList ? [...found] : found ? [found] : [];
    controls.forEach((c) => {
      if (c.type === 'radio') c.checked = String(c.value) === String(value);
      else c.value = value;
    });
  }
  showFollowUps(form);
  showErrors(form, record.errors);
}

function fillLocalFields() {
  const stamp = Outbox.localStamp(new Date());
  document.querySelectorAll('form[data-outbox], form[data-stamp]').forEach((form) => {
    for (const [name, value] of Object.entries(stamp)) {
      const field = form.elements[name];
      if (field && !field.value) field.value = value;
    }
  });
}

const FOLLOWING = 'form[data-outbox="checkin"], form.onboarding';
document.querySelectorAll(FOLLOWING).forEach(showFollowUps);
// On the document: a field that belongs to a form from elsewhere on the page (form=) is not inside it.
document.addEventListener('change', (event) => {
  const form = event.target.form;
  if (form && form.matches(FOLLOWING)) showFollowUps(form);
});
document.querySelectorAll('form[data-outbox="checkin"]').forEach((f) => f.addEventListener('submit', onCheckinSubmit));
document.querySelectorAll('form[data-outbox-delete]').forEach((f) => f.addEventListener('submit', onDeleteSubmit));
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
fillLocalFields();
renderPanels().then(() => Outbox.flush());
