// The exercise timer before it runs: its dose, its steps, and the timer drawn ready to start.
// On Today the timer runs in place in the next exercise's card ([data-timer-inline]): this module
// draws it ready, and timer.js, which runs it, loads at the first tap on Start or "I did one" and
// then handles that very tap. Today's first visit stays inside its budget; offline the service
// worker has timer.js already.

import {nt, t} from './i18n.js';

const number = (value) => (value ? Number(value) : 0);

export function doseOf(root) {
  const d = root.dataset;
  return {reps: number(d.reps), sets: number(d.sets) || 1, hold: number(d.hold),
    cycle: number(d.cycle), minutes: number(d.minutes), rest: number(d.rest) || 5};
}

/* The list of timed steps for a dose: [{kind, rep, set, ms}]. Empty when there is nothing to time
 * (reps only), and the timer becomes a tap counter. */
export function schedule({reps, sets = 1, hold, cycle, minutes, rest = 5}) {
  if (minutes) return [{kind: 'move', rep: 1, set: 1, ms: minutes * 60000}];
  const steps = [];
  if (!reps || !(hold || cycle)) return steps;
  for (let set = 1; set <= sets; set += 1) {
    for (let rep = 1; rep <= reps; rep += 1) {
      steps.push({kind: hold ? 'hold' : 'cycle', rep, set, ms: (hold || cycle) * 1000});
      const last = rep === reps && set === sets;
      // Holds rest between every rep; cycles flow on, resting only between sets.
      if (!last && (hold || rep === reps)) steps.push({kind: 'rest', rep, set, ms: rest * 1000});
    }
  }
  return steps;
}

export function clockText(dose, ms) {
  const seconds = Math.ceil(ms / 1000);
  if (!dose.minutes) return String(seconds);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function repsText(dose, step, done) {
  const {reps, sets, minutes} = dose;
  if (minutes) {
    return done ? nt('%(num)d minute done', '%(num)d minutes done', minutes) : nt('%(num)d minute', '%(num)d minutes', minutes);
  }
  const total = schedule(dose).length === 0 ? reps * sets : reps;
  if (done) {
    return sets > 1 ? t('%(done)s of %(total)s done, %(sets)s sets', {done: reps, total: reps, sets})
      : t('%(done)s of %(total)s done', {done: reps, total: reps});
  }
  if (!step) return t('%(done)s of %(total)s', {done: 0, total});
  // Each whole phrase is one message, so a language can order it its own way.
  const values = {rep: step.rep, reps, set: step.set, sets};
  const rested = step.kind === 'rest';
  if (step.kind === 'cycle') {
    if (sets > 1) return t('Cycle %(rep)s of %(reps)s, set %(set)s of %(sets)s', values);
    return t('Cycle %(rep)s of %(reps)s', values);
  }
  if (sets > 1) {
    return rested ? t('Rep %(rep)s of %(reps)s done, set %(set)s of %(sets)s', values)
      : t('Rep %(rep)s of %(reps)s, set %(set)s of %(sets)s', values);
  }
  return rested ? t('Rep %(rep)s of %(reps)s done', values) : t('Rep %(rep)s of %(reps)s', values);
}

/* The timer's controls shown (a tap counter's "I did one" instead of Start) and its ready words. */
export function showReady(root) {
  const dose = doseOf(root);
  const steps = schedule(dose);
  const el = (name) => root.querySelector(`[data-timer-${name}]`);
  const set = (name, apply) => { const found = el(name); if (found) apply(found); };
  for (const only of root.querySelectorAll('[data-timer-only]')) only.hidden = false;
  if (steps.length === 0) {
    set('start', (start) => { start.hidden = true; });
    set('count', (count) => { count.hidden = false; count.classList.add('button-primary', 'timer-main'); });
  } else {
    set('count', (count) => { count.hidden = true; });
  }
  set('start', (start) => { start.textContent = t('Start'); start.disabled = false; });
  set('count', (count) => { count.disabled = false; });
  set('phase', (phase) => { phase.textContent = t('Ready when you are'); });
  set('clock', (clock) => { clock.textContent = steps.length ? clockText(dose, steps[0].ms) : '0'; });
  set('reps', (reps) => { reps.textContent = repsText(dose, null); });
  set('bar', (bar) => { bar.style.width = '0%'; });
  root.dataset.state = 'ready';
  root.hidden = false;
}

/* Today's timers drawn ready, until timer.js takes them (program.js calls this again after a
   Done redraws the card: timer.js then puts its own startTimers here). */
function readyInline(scope = document) {
  for (const root of scope.querySelectorAll('[data-timer-inline]')) if (!root.timer) showReady(root);
}

const waiting = new WeakSet();      // timers whose first tap waits for timer.js: one tap, once
let loading = null;

document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('[data-timer-start], [data-timer-count]');
  const root = button && button.closest('[data-timer-inline]');
  if (!root || root.timer || waiting.has(root)) return;
  waiting.add(root);
  loading = loading || import('./timer.js');
  loading.then(({startTimers}) => {
    startTimers();
    waiting.delete(root);
    if (root.timer && button.isConnected && !button.disabled) button.click();
  }, () => { waiting.delete(root); loading = null; });
});

if (!window.scStartTimers) window.scStartTimers = readyInline;
readyInline();
