// The exercise timer: holds, rests and slow cycles from the dose on the page, with a short quiet
// beep and a buzz at each change. Time is read from Date.now() and never counted in ticks, so it
// stays right when the screen locks or the tab sleeps and comes back. On the exercise page it is a
// card of its own; on Today it runs in place in the next exercise's card ([data-timer-inline]),
// which has no Reset or sound switch: the sound follows the switch last set on an exercise page.

import {t} from './i18n.js';
import {clockText, doseOf, repsText, schedule, showReady} from './timer-ready.js';

export {schedule};

const LABELS = {hold: t('Hold'), rest: t('Rest'), cycle: t('Slowly, out and back'), move: t('Keep going')};

/* Where we are after `elapsed` ms: the step's index, the step and the ms left in it. */
export function positionAt(steps, elapsed) {
  let start = 0;
  for (let index = 0; index < steps.length; index += 1) {
    const end = start + steps[index].ms;
    if (elapsed < end) return {index, step: steps[index], remaining: end - elapsed, done: false};
    start = end;
  }
  return {index: steps.length, step: steps[steps.length - 1], remaining: 0, done: true};
}

let audio = null;

const SOUND = 'sc-timer-sound';    // localStorage: 'off' once the switch was turned off

function soundOn(root) {
  const box = root.querySelector('[data-timer-sound]');
  return box ? box.checked : localStorage.getItem(SOUND) !== 'off';
}

function signal(root, times) {
  if (!soundOn(root)) return;
  try {
    audio = audio || new AudioContext();
    const now = audio.currentTime;
    for (let i = 0; i < times; i += 1) {
      const t = now + i * 0.25;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.08, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(t);
      tone.stop(t + 0.2);
    }
  } catch (error) {
    // No sound on this device; the buzz and the words still work.
  }
  if (navigator.vibrate) navigator.vibrate(times > 1 ? [120, 80, 120] : 120);
}

class Timer {
  constructor(root) {
    this.root = root;
    this.dose = doseOf(root);
    this.steps = schedule(this.dose);
    this.total = this.steps.reduce((sum, step) => sum + step.ms, 0);
    this.counting = this.steps.length === 0;
    const none = {addEventListener() {}, style: {}, classList: {add() {}}};
    this.el = (name) => root.querySelector(`[data-timer-${name}]`) || none;
    this.el('start').addEventListener('click', () => (this.startedAt === null ? this.start() : this.pause()));
    this.el('reset').addEventListener('click', () => this.reset());
    this.el('count').addEventListener('click', () => this.countOne());
    const sound = root.querySelector('[data-timer-sound]');
    if (sound) {
      sound.checked = localStorage.getItem(SOUND) !== 'off';
      sound.addEventListener('change', () => localStorage.setItem(SOUND, sound.checked ? 'on' : 'off'));
    }
    showReady(root);
    this.reset(true);
  }

  elapsed() {
    return this.before + (this.startedAt === null ? 0 : Date.now() - this.startedAt);
  }

  start() {
    if (audio && audio.state === 'suspended') audio.resume();
    this.startedAt = Date.now();
    this.interval = setInterval(() => this.render(), 200);
    this.keepAwake(true);
    this.el('start').textContent = t('Pause');
    this.root.dataset.state = 'running';
    this.render();
  }

  pause(quiet) {
    this.before = this.elapsed();
    this.startedAt = null;
    clearInterval(this.interval);
    this.keepAwake(false);
    if (quiet) return;
    this.el('start').textContent = t('Resume');
    this.root.dataset.state = 'paused';
    this.say(t('Paused.'));
  }

  reset(first) {
    if (this.startedAt !== null && this.startedAt !== undefined) this.pause(true);
    this.before = 0;
    this.startedAt = null;
    this.index = -1;
    this.count = 0;
    this.el('start').textContent = t('Start');
    this.el('start').disabled = false;
    this.el('count').disabled = false;
    this.root.dataset.state = 'ready';
    this.show(t('Ready when you are'), this.counting ? '0' : this.clock(this.steps[0].ms), this.repsText(null));
    this.el('bar').style.width = '0%';
    if (!first) this.say(t('Reset.'));
  }

  countOne() {
    const total = this.dose.reps * this.dose.sets;
    this.count = Math.min(total, this.count + 1);
    const done = this.count >= total;
    signal(this.root, done ? 2 : 1);
    const counted = {done: this.count, total};
    this.show(done ? t('Done') : t('Counting'), String(this.count),
      done ? t('%(done)s of %(total)s done', counted) : t('%(done)s of %(total)s', counted));
    this.el('bar').style.width = `${(100 * this.count) / total}%`;
    if (done) this.finish();
    else this.say(t('%(done)s of %(total)s.', counted));
  }

  render() {
    if (this.counting) return;
    const at = positionAt(this.steps, this.elapsed());
    this.el('bar').style.width = `${Math.min(100, (100 * this.elapsed()) / this.total)}%`;
    if (at.done) {
      this.pause(true);
      this.show(t('Done'), '✓', this.repsText(null, true));
      this.finish();
      return;
    }
    this.show(LABELS[at.step.kind], this.clock(at.remaining), this.repsText(at.step));
    if (at.index !== this.index) {
      // One signal per change, even if several passed while the screen was locked.
      this.index = at.index;
      signal(this.root, 1);
      this.say(t('%(count)s. %(phase)s.', {count: this.repsText(at.step), phase: LABELS[at.step.kind]}));
    }
  }

  finish() {
    this.root.dataset.state = 'done';
    this.el('start').textContent = t('Start');
    this.el('start').disabled = true;
    this.el('count').disabled = true;
    this.index = -1;
    if (!this.counting) signal(this.root, 2);
    this.say(this.root.hasAttribute('data-timer-inline') ? t('Done. Press Done to count it.')
      : t('Done. How did that feel? You can answer below.'));
    // The next step is Done: it becomes the one main button (program.js listens).
    this.root.dispatchEvent(new CustomEvent('timer:done', {bubbles: true}));
  }

  clock(ms) {
    return clockText(this.dose, ms);
  }

  repsText(step, done) {
    return repsText(this.dose, step, done);
  }

  show(phase, clock, reps) {
    this.el('phase').textContent = phase;
    this.el('clock').textContent = clock;
    this.el('reps').textContent = reps;
  }

  say(text) {
    this.el('status').textContent = text;
  }

  async keepAwake(on) {
    try {
      if (on && 'wakeLock' in navigator) this.lock = await navigator.wakeLock.request('screen');
      else if (!on && this.lock) { await this.lock.release(); this.lock = null; }
    } catch (error) {
      this.lock = null;  // not allowed here; the timer still counts from the clock
    }
  }
}

const timers = [];

/* Start a timer on every [data-timer] in `scope` that has none yet (Today redraws its next
   exercise's card after a Done). */
export function startTimers(scope = document) {
  for (const root of scope.querySelectorAll('[data-timer]')) {
    if (root.timer) continue;
    root.timer = new Timer(root);
    timers.push(root.timer);
  }
}
startTimers();
window.scStartTimers = startTimers;      // program.js: a timer for the card a Done redraws

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  for (const timer of timers) {
    if (timer.startedAt !== null) {
      timer.keepAwake(true);
      timer.render();
    }
  }
});
