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
  for (const input of document.querySelectorAll('form[data-completion] input[name="exercise"]')) {
    const holder = input.value === slug && input.form.closest('.ex-row, .done-card');
    const counter = holder && holder.querySelector('.ex-count');
    if (!counter) continue;
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

async function saveTick(form, submitter) {
  const f = form.elements;
  const card = form.dataset.completion === 'card';
  const response = (submitter && submitter.name === 'response' && submitter.value) || form.dataset.response || null;
  const data = {exercise: f.exercise.value, session: f.session.value || null, response};
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
    outcome = await window.OutboxCore.save({kind: 'completion', uuid: f.uuid.value, data,
      owner: document.body.dataset.person || null});
  } catch (error) {
    release();
    status.textContent = 'This phone could not save that. Please try again.';
    return;
  }
  if (outcome.sent) {
    // The card's address has no query when the page was opened without a session (an optional extra).
    const url = new URL(form.dataset[card ? 'cardUrl' : 'rowUrl'], window.location.href);
    if (card) url.searchParams.set('uuid', f.uuid.value);
    else url.searchParams.set('saved', '1');
    if (!card && outcome.result.over_cap) url.searchParams.set('over', '1');
    try {
      await refresh(holder, url.pathname + url.search);
    } catch (error) { /* saved all the same; only the redraw failed */ }
    if (form.isConnected) {  // not redrawn: this tick is saved, so the next tap is a new one
      if (!card) f.uuid.value = crypto.randomUUID();
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
    f.uuid.value = crypto.randomUUID();  // the next tap is a new completion
  }
  status.textContent = QUEUED;
}

// Capture phase, so the outbox takes the tick before htmx or a plain post would.
document.addEventListener('submit', (event) => {
  const form = event.target.closest && event.target.closest('form[data-completion]');
  if (!form || !window.OutboxCore) return;
  event.preventDefault();
  event.stopPropagation();
  saveTick(form, event.submitter);
}, true);
