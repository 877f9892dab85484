// The program pages: the phone's time zone for forms, and ticks that go through the outbox
// (OutboxCore) so they are never lost without signal. Without OutboxCore the forms fall back to
// htmx, and without JavaScript to plain form posts. The timer (timer.js) loads only on pages
// that have one (app.js), and on Today at the first tap on Start (timer-ready.js).
//
// A round of an exercise is one record (one id). "How did that feel?" is sent under the id of
// the round it follows, so it never counts as a round of its own: on Today the feeling buttons
// carry the id of the Done just pressed; on the exercise page the card shows the last round not
// yet rated, from the server or, offline, from this phone's outbox.
//
// It loads only where it is needed (app.js), and after safety.js, whose submit handler must take
// a Done first when a warning sign is ticked: this import says so to the module loader.
import './safety.js';
import {t} from './i18n.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
for (const input of document.querySelectorAll('[data-browser-timezone]')) {
  if (!input.value) input.value = zone;
}
for (const input of document.querySelectorAll('[data-fill-timezone]')) {
  if (!input.value) input.value = zone;
}

const QUEUED = t("Saved on this phone — will send when you're back online.");
const FELT_QUEUED = t("Saved on this phone: it will be sent when you're back online.");

/* Count one more on every counter for this exercise on the page (used when the tick is queued).
   The words come from the server (data-ahead, one entry per further tick), so they match. */
function countLocally(slug) {
  for (const counter of document.querySelectorAll('.ex-row .ex-count, .done-card .ex-count')) {
    const holder = counter.closest('.ex-row, .done-card');
    if (exerciseOf(holder) !== slug) continue;
    const ahead = JSON.parse(counter.dataset.ahead || '[]');
    const next = ahead.length > 1 ? ahead.shift() : ahead[0];
    if (!next) continue;
    counter.dataset.ahead = JSON.stringify(ahead);
    counter.textContent = next.counter;
    const button = holder.querySelector('.ex-button');
    if (next.reason && button && holder.classList.contains('ex-row')) {
      button.disabled = true;
      button.textContent = next.reason;
      holder.classList.add('ex-row-capped');
    }
  }
}

function refresh(target, url) {
  if (window.htmx) return window.htmx.ajax('GET', url, {target, swap: 'outerHTML'});
  window.location.reload();
  return null;
}

/* What a press means. On Today a button posts Today's one form (the warning-sign check) and says
   which round it is in its value: "exercise session id", or "exercise session id feeling" after a
   round. The exercise page's card is a form of its own. */
function tickOf(form, submitter) {
  if (form.dataset.completion === 'card') {
    const f = form.elements;
    const response = (submitter && submitter.name === 'response' && submitter.value) || form.dataset.response || null;
    return {exercise: f.exercise.value, session: f.session.value, uuid: f.uuid.value, response,
      renew: () => { f.uuid.value = crypto.randomUUID(); }};
  }
  const [exercise, session, uuid, response] = submitter.value.split(' ');
  return {exercise, session, uuid, response: response || null,
    renew: () => { submitter.value = [exercise, session, crypto.randomUUID()].join(' '); }};
}

function exerciseOf(holder) {
  const el = holder.querySelector('[data-exercise], input[name="exercise"]');
  return el && (el.dataset.exercise || el.value);
}

/* After a Done on Today: ask how it felt, for that very round (its id on every answer). */
function askHowItFelt(row, tick) {
  const feel = row.querySelector('[data-feel]');
  if (!feel) return;
  for (const button of feel.querySelectorAll('button[name="done"]')) {
    const value = button.value.split(' ');
    button.value = [tick.exercise, tick.session || '', tick.uuid, value[3]].join(' ');
  }
  feel.hidden = false;
}

/* The question Done just opened, brought into view if it opened below the screen's edge (the
   person's own tap asked for it; nothing above it moves). */
function showQuestion(row) {
  const feel = row && row.querySelector('[data-feel]:not([hidden])');
  if (!feel) return;
  const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  feel.scrollIntoView({block: 'nearest', behavior: calm ? 'auto' : 'smooth'});
}

/* The timer on the next exercise's card (its section holds it): stopped at Done, and started
   afresh on the redrawn card. */
function stopTimer(row) {
  const root = row && row.closest('[data-timer]');
  const timer = root && root.timer;
  if (timer && timer.startedAt !== null && timer.startedAt !== undefined) timer.pause(true);
}

async function saveTick(form, submitter) {
  const card = form.dataset.completion === 'card';
  const tick = tickOf(form, submitter);
  const data = {exercise: tick.exercise, session: tick.session || null, response: tick.response};
  const holder = form.closest(card ? '.done-card' : '.ex-row');
  const status = holder.querySelector(card ? '[data-done-status]' : '.ex-saved') || holder.appendChild(
    Object.assign(document.createElement('p'), {className: 'ex-saved'}));
  const feeling = !card && Boolean(tick.response);
  const first = card ? !form.dataset.saved : !feeling;
  if (!card && !feeling) stopTimer(holder);
  // Until this tick is saved and the row redrawn with a new id, a second tap would only resend it.
  const idle = [...holder.querySelectorAll('button:not(:disabled)')];
  for (const button of idle) button.disabled = true;
  const release = () => { for (const button of idle) button.disabled = false; };
  let outcome;
  try {
    outcome = await window.OutboxCore.save({kind: 'completion', uuid: tick.uuid, data,
      owner: document.body.dataset.person || null});
  } catch (error) {
    release();
    status.textContent = t('This phone could not save that. Please try again.');
    return;
  }
  if (outcome.sent) {
    // The card's address has no query when the page was opened without a session (an optional extra).
    const url = new URL(form.dataset[card ? 'cardUrl' : 'rowUrl'], window.location.href);
    if (card) url.searchParams.set('uuid', tick.uuid);
    else if (feeling) url.searchParams.set('felt', tick.response);
    else url.searchParams.set('saved', '1');
    if (!card && !feeling && outcome.result.over_cap) url.searchParams.set('over', '1');
    const nextCard = document.querySelector('.next-card');
    if (!card && nextCard) url.searchParams.set('next_id', nextCard.id);
    const timerRoot = holder.closest('[data-timer]');
    try {
      const rowId = holder.id;
      await refresh(holder, url.pathname + url.search);
      if (timerRoot && !holder.isConnected && window.scStartTimers) {
        timerRoot.timer = null;                   // its buttons were redrawn: a timer for the new ones
        window.scStartTimers();
      }
      if (!card && !feeling) showQuestion(document.getElementById(rowId));
    } catch (error) { /* saved all the same; only the redraw failed */ }
    if (holder.isConnected) {  // not redrawn: this tick is saved, so the next tap is a new one
      release();
      if (!card && !feeling) {
        askHowItFelt(holder, tick);
        showQuestion(holder);
        tick.renew();
      }
      status.textContent = t('Saved.');
    }
    return;
  }
  release();
  if (outcome.superseded) {
    status.textContent = t('This round was changed on another device after you opened it: that change is kept.');
    return;
  }
  if (outcome.result && outcome.result.status === 'rejected') {
    const errors = outcome.result.errors || {};
    status.textContent = errors.paused || errors.locked || t('That could not be saved. Please reload the page and try again.');
    return;
  }
  // Queued: show it as done here; the outbox sends it when the network is back.
  if (first) countLocally(data.exercise);
  if (card) {
    form.dataset.saved = '1';
    if (tick.response) form.dataset.response = tick.response;
    const mark = form.querySelector('#mark-done');
    if (mark) mark.hidden = true;
    for (const button of form.querySelectorAll('.feeling-button')) {
      button.setAttribute('aria-pressed', String(button.value === tick.response));
    }
    holder.querySelector('#stop-now').hidden = tick.response !== 'spread';
    status.textContent = QUEUED;
    return;
  }
  if (feeling) {
    const feel = holder.querySelector('[data-feel]');
    if (feel) feel.hidden = true;
    status.textContent = tick.response === 'spread'
      ? t("Saved on this phone: it will be sent when you're back online. Stop this one for now: spreading down the leg means it is not right for you at the moment.")
      : FELT_QUEUED;
    return;
  }
  askHowItFelt(holder, tick);
  showQuestion(holder);
  tick.renew();  // the next Done is a new round
  status.textContent = QUEUED;
}

// Capture phase, so the outbox takes the tick before htmx or a plain post would (after
// safety.js, which takes it first when a warning sign is ticked).
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  const holder = (button && (button.closest('[data-completion]') || (button.closest('[data-feel]')
    && button.closest('.ex-row').querySelector('[data-completion]'))))
    || event.target.closest('form[data-completion]');
  if (!holder || !window.OutboxCore) return;
  event.preventDefault();
  event.stopPropagation();
  saveTick(holder, button);
}, true);

/* When the timer in the next exercise's card has run, Done is the one main button. */
document.addEventListener('timer:done', (event) => {
  const row = event.target.querySelector('.next-card');
  if (!row) return;
  const start = row.querySelector('[data-timer-start], [data-timer-count]');
  const done = row.querySelector('.ex-button:not(:disabled)');
  if (start) start.classList.remove('button-primary');
  if (done) done.classList.add('button-primary');
});

/* The exercise page, offline or before its Done has reached the server: a round done today and
   kept on this phone, not yet rated, is the round "How did that feel?" answers. */
async function attachToRoundOnThisPhone() {
  const form = document.querySelector('form[data-completion="card"]');
  if (!form || form.dataset.saved || !window.OutboxCore) return;
  const today = window.OutboxCore.localStamp(new Date()).local_date;
  const person = document.body.dataset.person || null;
  const mine = (await window.OutboxCore.all()).filter((r) => r.kind === 'completion' && r.state === 'pending'
    && r.op !== 'delete' && r.local_date === today && (!r.owner || r.owner === person)
    && r.data && r.data.exercise === form.elements.exercise.value && !r.data.response)
    .sort((a, b) => a.client_updated_at.localeCompare(b.client_updated_at));
  const round = mine[mine.length - 1];
  if (!round) return;
  form.elements.uuid.value = round.uuid;
  form.elements.session.value = round.data.session || '';
  form.dataset.saved = '1';
  const mark = form.querySelector('#mark-done');
  if (mark) mark.hidden = true;
  const state = form.querySelector('[data-done-state]');
  if (state) {
    state.hidden = false;
    state.textContent = t('Saved on this phone at %(time)s.', {time: round.local_time});
  }
}

/* A copy of a page from this phone carries the round ids the server made for it once: every
   Done on it gets a new one, so two rounds done from the same copy stay two. */
function freshRoundIds() {
  if (document.body.dataset.pageSource !== 'cache') return;
  for (const button of document.querySelectorAll('.ex-row .ex-button[name="done"]')) {
    const [exercise, session] = button.value.split(' ');
    button.value = [exercise, session, crypto.randomUUID()].join(' ');
  }
  for (const feel of document.querySelectorAll('[data-feel][hidden]')) {
    for (const button of feel.querySelectorAll('button[name="done"]')) {
      const [exercise, session, , response] = button.value.split(' ');
      button.value = [exercise, session, crypto.randomUUID(), response].join(' ');
    }
  }
}

freshRoundIds();
attachToRoundOnThisPhone();
