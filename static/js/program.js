// The program pages: the exercise timer, the phone's time zone for forms, and ticks that go
// through the outbox (OutboxCore) so they are never lost without signal. Without OutboxCore the
// forms fall back to htmx, and without JavaScript to plain form posts. The timer (timer.js) loads
// only on pages that have one (app.js).

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
for (const input of document.querySelectorAll('[data-browser-timezone]')) {
  if (!input.value) input.value = zone;
}
for (const input of document.querySelectorAll('[data-fill-timezone]')) {
  if (!input.value) input.value = zone;
}

const QUEUED = "Saved on this phone — will send when you're back online.";

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
      button.classList.remove('button-primary');
      button.textContent = next.reason;
    }
  }
}

function refresh(target, url) {
  if (window.htmx) return window.htmx.ajax('GET', url, {target, swap: 'outerHTML'});
  window.location.reload();
  return null;
}

/* A row's Done on Today posts Today's one form (the warning-sign check) and says which tick it is
   in its value, "exercise session id"; the exercise page's card is a form of its own. */
function tickOf(form, submitter) {
  if (form.dataset.completion === 'card') {
    const f = form.elements;
    return {exercise: f.exercise.value, session: f.session.value, uuid: f.uuid.value,
      renew: () => { f.uuid.value = crypto.randomUUID(); }};
  }
  const [exercise, session, uuid] = submitter.value.split(' ');
  return {exercise, session, uuid, renew: () => { submitter.value = [exercise, session, crypto.randomUUID()].join(' '); }};
}

function exerciseOf(holder) {
  const el = holder.querySelector('[data-exercise], input[name="exercise"]');
  return el && (el.dataset.exercise || el.value);
}

async function saveTick(form, submitter) {
  const card = form.dataset.completion === 'card';
  const tick = tickOf(form, submitter);
  const response = (submitter && submitter.name === 'response' && submitter.value) || form.dataset.response || null;
  const data = {exercise: tick.exercise, session: tick.session || null, response};
  const holder = form.closest(card ? '.done-card' : '.ex-row');
  const status = holder.querySelector(card ? '[data-done-status]' : '.ex-saved') || holder.appendChild(
    Object.assign(document.createElement('p'), {className: 'ex-saved'}));
  const first = !form.dataset.saved;
  // Until this tick is saved and the row redrawn with a new id, a second tap would only resend it.
  const idle = [...form.querySelectorAll('button:not(:disabled)')];
  for (const button of idle) button.disabled = true;
  const release = () => { for (const button of idle) button.disabled = false; };
  let outcome;
  try {
    outcome = await window.OutboxCore.save({kind: 'completion', uuid: tick.uuid, data,
      owner: document.body.dataset.person || null});
  } catch (error) {
    release();
    status.textContent = 'This phone could not save that. Please try again.';
    return;
  }
  if (outcome.sent) {
    // The card's address has no query when the page was opened without a session (an optional extra).
    const url = new URL(form.dataset[card ? 'cardUrl' : 'rowUrl'], window.location.href);
    if (card) url.searchParams.set('uuid', tick.uuid);
    else url.searchParams.set('saved', '1');
    if (!card && outcome.result.over_cap) url.searchParams.set('over', '1');
    try {
      await refresh(holder, url.pathname + url.search);
    } catch (error) { /* saved all the same; only the redraw failed */ }
    if (form.isConnected) {  // not redrawn: this tick is saved, so the next tap is a new one
      if (!card) tick.renew();
      status.textContent = 'Saved.';
      release();
    }
    return;
  }
  release();
  if (outcome.superseded) {
    status.textContent = 'This round was changed on another device after you opened it: that change is kept.';
    return;
  }
  if (outcome.result && outcome.result.status === 'rejected') {
    const errors = outcome.result.errors || {};
    status.textContent = errors.paused || errors.locked || 'That could not be saved. Please reload the page and try again.';
    return;
  }
  // Queued: show it as done here; the outbox sends it when the network is back.
  form.dataset.saved = '1';
  if (response) form.dataset.response = response;
  if (first) countLocally(data.exercise);
  if (card) {
    const mark = form.querySelector('#mark-done');
    if (mark) mark.hidden = true;
    for (const button of form.querySelectorAll('.feeling-button')) {
      button.setAttribute('aria-pressed', String(button.value === response));
    }
    holder.querySelector('#stop-now').hidden = response !== 'spread';
  } else {
    tick.renew();  // the next tap is a new completion
  }
  status.textContent = QUEUED;
}

// Capture phase, so the outbox takes the tick before htmx or a plain post would (after
// safety.js, which takes it first when a warning sign is ticked).
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  const holder = (button && button.closest('[data-completion]')) || event.target.closest('form[data-completion]');
  if (!holder || !window.OutboxCore) return;
  event.preventDefault();
  event.stopPropagation();
  saveTick(holder, button);
}, true);
