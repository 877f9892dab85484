// The log on the phone: check-in forms save through the outbox, so nothing is lost without signal.
// It loads on pages with such a form (app.js); sending what waits, and saying so, is outbox.js's.
import './outbox-core.js';
import {t} from './i18n.js';
import {refusal} from './outbox.js';
import {saveAnswer, signsIn} from './safety.js';

const Outbox = self.OutboxCore;
const person = document.body.dataset.person || null;
const SCALES = ['leg_pain', 'back_pain'];
const MINUTES = ['sitting_minutes', 'walking_minutes'];
const YES_NO = ['tingling', 'weakness', 'weakness_new', 'spread_to_other', 'both_constant', 'sleep_disturbed'];
const CHOICES = ['extent', 'leg_side', 'weakness_side'];

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

// Each error is tied to its controls (aria-invalid, aria-describedby) as the server's are, and
// focus moves to the first, so a screen reader says what is wrong where it is.
function showErrors(form, errors) {
  document.querySelectorAll('.js-error').forEach((el) => el.remove());
  document.querySelectorAll('.js-invalid').forEach((el) => el.classList.remove('field-invalid', 'js-invalid'));
  document.querySelectorAll('[data-js-described]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    if (el.dataset.jsDescribed) el.setAttribute('aria-describedby', el.dataset.jsDescribed);
    else el.removeAttribute('aria-describedby');
    delete el.dataset.jsDescribed;
  });
  let first = null;
  for (const [name, message] of Object.entries(errors || {})) {
    const control = controlOf(form, name);
    const holder = control ? control.closest('fieldset, .field') : form;
    holder.classList.add('field-invalid', 'js-invalid');
    const p = document.createElement('p');
    p.className = 'error js-error';
    p.id = `${name}-js-error`;
    p.textContent = message;
    holder.append(p);
    const found = form.elements.namedItem(name);
    const controls = found instanceof RadioNodeList ? [...found] : found ? [found] : [];
    for (const el of controls) {
      el.dataset.jsDescribed = el.getAttribute('aria-describedby') || '';
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', `${el.dataset.jsDescribed} ${p.id}`.trim());
    }
    first = first || controls[0] || holder;
  }
  if (first) {
    first.scrollIntoView({block: 'center'});
    if (first.focus) first.focus({preventScroll: true});
  }
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
    setStatus(t('Thank you. None of the warning signs today.'));
    return;
  }
  if (data.leg_pain === undefined) {
    if (alarm) return saveAnswer(form, signs);
    showErrors(form, {leg_pain: t('Choose a number from 0 to 10.')});
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
    setStatus(t('Please answer the questions marked. Nothing has been lost.'));
    return;
  }
  const answer = await Outbox.save({kind: 'checkin', uuid, data, stamp: stampFor(form), owner: person});
  if (answer.superseded) {
    setStatus(t('This check-in was changed on another device after you opened it, so your edit was '
      + 'not used. Choose which to keep below.'));
    return;
  }
  if (answer.sent === false) {
    showErrors(form, answer.result.failed ? {record: refusal(answer.result)} : answer.result.errors);
    setStatus(t('Please check the answers marked. Nothing has been lost.'));
    return;
  }
  const onToday = form.elements.return_to && form.elements.return_to.value === 'today';
  if (answer.sent && !onToday) return window.location.assign('/log/history?saved=1');
  form.reset();
  showErrors(form, {});
  showFollowUps(form);
  form.elements.uuid.value = crypto.randomUUID();
  setStatus(answer.sent ? t('Saved. Thank you.') : t("Saved on this phone — will send when you're back online."));
  if (!answer.sent) requestBackgroundSync();
}

/* The day's check is answered. On Today it stays where it is, marked done, so nothing the person
   is about to tap moves under their thumb, and folds up once it has gone out of sight above (the
   page is scrolled by as much, so nothing on screen moves then either); on the next visit it is
   drawn folded. Elsewhere it folds up at once. */
function answered(check, button) {
  const state = check.querySelector('.summary-state');
  if (state) state.textContent = t('(done today: none of these)');
  const more = check.querySelector('.check-more');
  if (!check.hasAttribute('data-compact')) {
    check.open = false;
    return;
  }
  check.classList.add('answered-now');
  button.dataset.label = t('None of these ✓');
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

function loadIntoForm(record) {
  const form = document.querySelector('form.checkin-form');
  if (!form) return;
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
  showErrors(form, record.failed ? {record: refusal(record)} : record.errors);
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
// "Fix it" in the outbox panel (outbox.js): the check-in comes back into this page's form.
window.addEventListener('outbox:fix', (event) => loadIntoForm(event.detail));
fillLocalFields();
