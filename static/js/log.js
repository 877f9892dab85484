// The log on the phone: check-in forms save through the outbox, so nothing is lost without signal.
import './outbox-core.js';

const Outbox = self.OutboxCore;
const person = document.body.dataset.person || null;
const SCALES = ['leg_pain', 'back_pain'];
const MINUTES = ['sitting_minutes', 'walking_minutes'];
const YES_NO = ['tingling', 'weakness', 'sleep_disturbed'];
const LABELS = {checkin: 'Check-in', redflag: 'Safety check', completion: 'Exercise done'};

function checkinData(form) {
  const fd = new FormData(form);
  const data = {};
  for (const name of SCALES) if (fd.get(name) !== null) data[name] = Number(fd.get(name));
  for (const name of MINUTES) if (fd.get(name)) data[name] = fd.get(name).trim();
  for (const name of YES_NO) if (fd.get(name)) data[name] = fd.get(name);
  if (fd.get('extent')) data.extent = fd.get('extent');
  for (const name of ['medication', 'notes']) if (fd.get(name) !== null) data[name] = fd.get(name);
  return data;
}

function redflagData(form) {
  const fd = new FormData(form);
  return {go_now: fd.getAll('go_now'), contact_today: fd.getAll('contact_today')};
}

function showErrors(form, errors) {
  form.querySelectorAll('.js-error').forEach((el) => el.remove());
  form.querySelectorAll('.field-invalid').forEach((el) => el.classList.remove('field-invalid'));
  for (const [name, message] of Object.entries(errors || {})) {
    const control = form.querySelector(`[name="${CSS.escape(name)}"]`);
    const holder = control ? control.closest('fieldset, .field') : form;
    holder.classList.add('field-invalid');
    const p = document.createElement('p');
    p.className = 'error js-error';
    p.textContent = message;
    holder.append(p);
  }
  const first = form.querySelector('.field-invalid');
  if (first) first.scrollIntoView({block: 'center'});
}

function setStatus(form, text) {
  const status = form.querySelector('.save-status');
  if (status) status.textContent = text;
}

function todayOnPhone() {
  return Outbox.localStamp(new Date()).local_date;
}

function stampFor(form) {
  // An edit keeps the day and time it was first logged; a new entry takes the phone's clock.
  if (!form.dataset.recordUuid) return undefined;
  const date = form.elements.local_date.value;
  const time = form.elements.local_time.value;
  return date && time ? {local_date: date, local_time: time} : undefined;
}

async function saveRedflag(form) {
  const details = form.querySelector('.redflag-check');
  const uuidField = form.elements.redflag_uuid;
  // Kept on the phone at once and sent in the background: a warning sign never waits on the network.
  await Outbox.saveNow({kind: 'redflag', uuid: uuidField.value || undefined,
    data: redflagData(form), owner: person});
  uuidField.value = '';
  localStorage.setItem('sc-redflag-date', todayOnPhone());
  if (details) details.dataset.lastAnswered = todayOnPhone();
}

async function onCheckinSubmit(event) {
  const form = event.target;
  event.preventDefault();
  const noneOfThese = event.submitter && event.submitter.value === 'none';
  const flags = form.querySelector('.redflag-check') ? redflagData(form) : {go_now: [], contact_today: []};
  const alarm = flags.go_now.length ? '/emergency' : flags.contact_today.length ? '/urgent' : null;
  if (noneOfThese || alarm) await saveRedflag(form);
  if (noneOfThese) {
    const details = form.querySelector('.redflag-check');
    details.open = false;
    details.querySelector('.summary-state').textContent = '(done today: none of these)';
    setStatus(form, 'Thank you. None of the warning signs today.');
    return;
  }
  const data = checkinData(form);
  if (data.leg_pain === undefined) {
    if (alarm) return window.location.assign(alarm);
    showErrors(form, {leg_pain: 'Choose a number from 0 to 10.'});
    return;
  }
  const uuid = form.elements.uuid.value || crypto.randomUUID();
  form.elements.uuid.value = uuid;
  if (alarm) {
    await Outbox.saveNow({kind: 'checkin', uuid, data, stamp: stampFor(form), owner: person});
    return window.location.assign(alarm);
  }
  const answer = await Outbox.save({kind: 'checkin', uuid, data, stamp: stampFor(form), owner: person});
  if (answer.sent === false) {
    showErrors(form, answer.result.errors);
    setStatus(form, 'Please check the answers marked. Nothing has been lost.');
    return;
  }
  if (answer.sent) return window.location.assign('/log/history?saved=1');
  form.reset();
  form.elements.uuid.value = crypto.randomUUID();
  setStatus(form, "Saved on this phone — will send when you're back online.");
  requestBackgroundSync();
}

async function onDeleteSubmit(event) {
  const form = event.target;
  event.preventDefault();
  const answer = await Outbox.save({kind: form.dataset.outboxDelete, op: 'delete',
    uuid: form.dataset.recordUuid, owner: person});
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

// The worker's "outbox changed" (after a Background Sync) says no more than that: keep what the
// page last learnt, such as "sign in again", instead of reverting to "will send".
async function renderPanels(detail = lastDetail) {
  lastDetail = detail;
  const panels = document.querySelectorAll('.outbox-panel');
  const records = (await Outbox.all()).sort((a, b) => a.client_updated_at.localeCompare(b.client_updated_at));
  document.body.dataset.outboxCount = String(records.length);
  for (const panel of panels) {
    panel.hidden = records.length === 0;
    const waiting = records.filter((r) => r.state !== 'rejected').length;
    const refused = records.length - waiting;
    let text = '';
    if (waiting) {
      text = detail.signedOut
        ? `${waiting} saved on this phone. Sign in again to send ${waiting === 1 ? 'it' : 'them'}.`
        : `Saved on this phone — will send when you're back online (${waiting} waiting).`;
    }
    if (refused) text += ` ${refused} need${refused === 1 ? 's' : ''} a correction before ${refused === 1 ? 'it' : 'they'} can be sent.`;
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
  what.textContent = `${record.local_date} · ${describe(record)} · ${record.state === 'rejected' ? 'not accepted' : 'waiting to send'}`;
  li.append(what);
  if (record.state === 'rejected') {
    const why = document.createElement('p');
    why.className = 'error';
    why.textContent = Object.values(record.errors || {}).join(' ');
    li.append(why);
    if (record.kind === 'checkin') li.append(button('Fix it', () => loadIntoForm(record)));
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
    const controls = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    controls.forEach((c) => {
      if (c.type === 'radio') c.checked = String(c.value) === String(value);
      else c.value = value;
    });
  }
  showErrors(form, record.errors);
}

function closeAnsweredSafetyCheck() {
  const details = document.querySelector('.redflag-check');
  if (!details) return;
  const today = todayOnPhone();
  if (details.dataset.lastAnswered === today || localStorage.getItem('sc-redflag-date') === today) {
    details.open = false;
    details.querySelector('.summary-state').textContent = '(done today — open to answer again)';
  }
}

function fillLocalFields() {
  const stamp = Outbox.localStamp(new Date());
  document.querySelectorAll('form[data-outbox]').forEach((form) => {
    for (const [name, value] of Object.entries(stamp)) {
      const field = form.elements[name];
      if (field && !field.value) field.value = value;
    }
  });
}

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
closeAnsweredSafetyCheck();
renderPanels().then(() => Outbox.flush());
