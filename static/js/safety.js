// Warning signs on the phone: any ticked box goes to the emergency or urgent screen at once
// (offline too), those screens show why for each sign, and a go-now answer pauses the exercises
// on this phone. It loads on pages that have a warning sign to tick, a screen to explain or a
// pause to show (app.js); the emergency numbers that follow the person's country are app.js's.
import './outbox-core.js';
import {t} from './i18n.js';

const Outbox = self.OutboxCore;
const person = document.body.dataset.person || '';
const ALARM = 'sc-alarm';          // sessionStorage: the answer the screen should explain
const PAUSED = 'sc-paused';        // localStorage: the person whose go-now answer is unconfirmed
const FRESH_MS = 30 * 60 * 1000;
const TIERS = ['none', 'soon', 'today', 'now'];

// Pages from the phone ('cache': the person's copy; 'shell': the copy kept for anyone) are not the server's word.
const fromNetwork = () => (document.body.dataset.pageSource || 'network') === 'network';

/* ---- the answer: what is ticked, what the follow-up questions imply, and where it leads ---- */

// A form's data includes the fields that belong to it from elsewhere on the page (form=): on
// Today the quick check-in's, and every button's.
export function ticked(form) {
  const fd = new FormData(form);
  return {go_now: fd.getAll('go_now'), contact_today: fd.getAll('contact_today')};
}

/* Signs implied by the check-in's follow-ups, from the routes the server worked out for this
   person (data-routes): spread to the other leg, new weakness in one leg or both, both legs weak
   or numb all the time. */
export function implied(form) {
  const routes = JSON.parse(form.dataset.routes || '{}');
  const fd = new FormData(form);
  const found = [];
  if (fd.get('leg_side') === 'both' && fd.get('spread_to_other') === 'yes' && form.elements.namedItem('spread_to_other')) found.push(routes.spread);
  if (fd.get('weakness') === 'yes' && fd.get('weakness_new') === 'yes') {
    found.push(fd.get('weakness_side') === 'both' ? routes.weak_both : routes.weak_one);
  }
  if (fd.get('weakness') === 'yes' && fd.get('weakness_side') === 'both' && fd.get('both_constant') === 'yes') {
    found.push(routes.weak_both_constant);
  }
  const signs = {go_now: [], contact_today: []};
  for (const route of found.filter(Boolean)) {
    const [kind, code] = route.split(':');
    signs[kind].push(code);
  }
  return signs;
}

function tierOf(form, signs) {
  if (signs.go_now.length) return 'now';
  let tier = 'none';
  for (const code of signs.contact_today) {
    const box = form.querySelector(`input[name=contact_today][value="${CSS.escape(code)}"]`);
    const t = (box && box.dataset.tier) || 'today';
    if (TIERS.indexOf(t) > TIERS.indexOf(tier)) tier = t;
  }
  return tier;
}

/* Keep the answer on the phone (sent in the background) and go to the screen it calls for at
   once. Any ticked box wins, whichever button was pressed. Returns true when it navigated. */
export async function saveAnswer(form, signs) {
  const uuidField = form.elements.redflag_uuid;
  const tier = tierOf(form, signs);
  if (tier === 'now') localStorage.setItem(PAUSED, person);
  await Outbox.saveNow({kind: 'redflag', uuid: (uuidField && uuidField.value) || undefined,
    data: {go_now: signs.go_now, contact_today: signs.contact_today}, owner: person || null});
  if (uuidField) uuidField.value = '';
  markAnsweredToday();
  if (tier === 'none') return false;
  sessionStorage.setItem(ALARM, JSON.stringify({tier, signs: tier === 'now' ? signs.go_now : signs.contact_today,
    at: Date.now()}));
  leaving = true;
  window.location.assign(tier === 'now' ? '/emergency' : '/urgent');
  return true;
}

export const signsIn = (form) => {
  const a = ticked(form);
  const b = implied(form);
  return {go_now: [...new Set([...a.go_now, ...b.go_now])],
    contact_today: [...new Set([...a.contact_today, ...b.contact_today])]};
};
const any = (signs) => signs.go_now.length + signs.contact_today.length > 0;

/* A button that posts the check's form somewhere else (formaction: on Today an exercise's Done,
   "I have spoken to a doctor", a stage suggestion's buttons) with a warning sign ticked: the
   answer is kept and its screen shown, at once and offline too. A Done still counts when the sign
   does not pause the exercises; what only the server can do waits until the person comes back.
   The form's own buttons (Save, "None of these") are log.js's: they keep the check-in as well. */
function ticksWin(event) {
  const form = event.target;
  const button = event.submitter;
  if (!button || !button.hasAttribute('formaction') || !form.elements || !form.elements.namedItem('go_now')) return;
  const signs = signsIn(form);
  if (!any(signs)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  // A Done says which round it is ("exercise session id"), a feeling after it which round it
  // follows ("exercise session id feeling"): the same id, so a feeling is never a second round.
  const [exercise, session, uuid, response] = button.name === 'done' ? button.value.split(' ') : [];
  const done = exercise && (response || tierOf(form, signs) !== 'now')
    ? Outbox.saveNow({kind: 'completion', uuid, data: {exercise, session: session || null, response: response || null},
      owner: person || null})
    : null;
  Promise.resolve(done).finally(() => saveAnswer(form, signs));
}

/* ---- leaving with a warning sign ticked and not sent: say so first ---- */

let leaving = false;
const LEAVE = t('You ticked a warning sign but have not sent it. Press Cancel to stay and send it, or OK to leave without sending it.');

function unsent() {
  return !leaving && [...document.forms].some((form) => form.elements.namedItem('go_now') && any(signsIn(form)));
}

function warnBeforeLink(event) {
  const link = event.target.closest && event.target.closest('a[href]');
  if (!link || event.defaultPrevented || link.target || !unsent()) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.hash)) return;
  if (window.confirm(LEAVE)) {
    leaving = true;
    return;
  }
  event.preventDefault();
  const button = document.querySelector('.redflag-check .none-of-these');
  if (button) button.focus();
}

function todayOnPhone() {
  return Outbox.localStamp(new Date()).local_date;
}

function markAnsweredToday() {
  localStorage.setItem('sc-redflag-date', todayOnPhone());
  for (const details of document.querySelectorAll('details.redflag-check')) details.dataset.lastAnswered = todayOnPhone();
}

/* Today's check is open until it is answered on this phone's day (the page may be an old copy). */
function openOrCloseTodaysCheck() {
  const details = document.querySelector('details.redflag-check');
  if (!details) return;
  const today = todayOnPhone();
  const done = details.dataset.lastAnswered === today || localStorage.getItem('sc-redflag-date') === today;
  if (details.open === !done) return;            // as drawn: nothing to move
  details.open = !done;
  const more = details.querySelector('.check-more');
  if (more) more.open = done;
  details.querySelector('.summary-state').textContent = done ? t('(done today — open to answer again)') : t('(once a day)');
}

/* While a box is ticked, "None of these" would be a contradiction: it becomes "Save my answer". */
function relabelNoneOfThese(check) {
  const button = check.querySelector('.none-of-these');
  if (!button) return;
  const any = check.querySelector('input[type=checkbox]:checked') !== null;
  button.dataset.label = button.dataset.label || button.textContent;
  button.textContent = any ? t('Save my answer') : button.dataset.label;
  button.value = any ? 'answer' : 'none';
}

/* ---- the emergency and urgent screens explain the answer just given on this phone ---- */

function explainAlarm() {
  const screen = document.querySelector('[data-alarm-screen]');
  if (!screen || screen.dataset.signs) return;       // the server already said which signs
  let alarm;
  try { alarm = JSON.parse(sessionStorage.getItem(ALARM) || 'null'); } catch (error) { alarm = null; }
  if (!alarm || Date.now() - alarm.at > FRESH_MS) return;
  const isNow = screen.dataset.alarmScreen === 'now';
  if (isNow !== (alarm.tier === 'now')) return;
  const groups = new Set();
  for (const code of alarm.signs) {
    const item = screen.querySelector(`[data-sign="${CSS.escape(code)}"]`);
    if (!item) continue;
    item.hidden = false;
    const group = item.closest('.why');
    group.hidden = false;
    groups.add(group.dataset.reason);
  }
  if (!groups.size) return;
  const generic = screen.querySelector('[data-reason="any"]');
  if (generic) generic.hidden = true;
  // Chest pain or a big accident, alone or with other signs: call an ambulance (as the server decides).
  const callReasons = (screen.dataset.callReasons || '').split(' ').filter(Boolean);
  const when = isNow ? ([...groups].some((g) => callReasons.includes(g)) ? 'call' : 'go') : alarm.tier;
  for (const el of screen.querySelectorAll('[data-when]')) el.hidden = el.dataset.when !== when;
}

/* ---- Today's contact card, once an answer kept on this phone reaches the server ---- */

// Today can be drawn while a contact answer is still on its way (sent from the urgent screen a
// moment before): when it arrives, the card comes from the server at once, not at the next visit.
const contactAnswer = (r) => r.kind === 'redflag' && r.op !== 'delete' && (!r.owner || r.owner === person)
  && r.data && r.data.contact_today && r.data.contact_today.length;
let contactWaiting = null;     // uuids of contact answers waiting at the last look

async function contactArrived() {
  const waiting = new Set((await Outbox.all()).filter((r) => contactAnswer(r) && r.state === 'pending')
    .map((r) => r.uuid));
  const before = contactWaiting;
  contactWaiting = waiting;
  if (before) return [...before].some((uuid) => !waiting.has(uuid));
  // First look: an answer given on this phone that arrived between the server drawing this page
  // and now. Asked once per answer (`today`), so later visits cost nothing.
  let alarm;
  try { alarm = JSON.parse(sessionStorage.getItem(ALARM) || 'null'); } catch (error) { alarm = null; }
  if (!alarm || alarm.tier === 'now' || alarm.today || Date.now() - alarm.at > FRESH_MS) return false;
  sessionStorage.setItem(ALARM, JSON.stringify({...alarm, today: true}));
  return waiting.size === 0;
}

async function refreshContactCard() {
  const slot = document.querySelector('[data-contact-slot]');
  if (!slot || !person || !fromNetwork() || !(await contactArrived())) return;
  try {
    const response = await fetch(window.location.pathname, {credentials: 'same-origin', cache: 'no-store'});
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.querySelector('[data-contact-slot]');
    if (fresh && page.body.dataset.person === person) slot.replaceChildren(...fresh.childNodes);
  } catch (error) { /* offline again: the next visit draws it */ }
}

/* ---- the pause on this phone: at once after a go-now answer, until the server says otherwise ---- */

async function pendingGoNow() {
  const records = await Outbox.all();
  return records.some((r) => r.kind === 'redflag' && r.state !== 'rejected' && (!r.owner || r.owner === person)
    && r.data && r.data.go_now && r.data.go_now.length);
}

async function applyPause() {
  if (!person) return;
  if (document.querySelector('[data-pause-state="server"]') && fromNetwork()) localStorage.setItem(PAUSED, person);
  const offline = document.querySelector('[data-offline-pause]');
  if (offline && fromNetwork() && localStorage.getItem(PAUSED) === person && !(await pendingGoNow())) {
    localStorage.removeItem(PAUSED);                   // the server knows, and says not paused
  }
  if (!offline || localStorage.getItem(PAUSED) !== person) return;
  offline.hidden = false;
  for (const el of document.querySelectorAll('#today-plan, #done-card, .timer, .suggestion-card')) el.hidden = true;
  for (const el of document.querySelectorAll('[data-completion]')) el.remove();
}

for (const check of document.querySelectorAll('.redflag-check')) {
  check.addEventListener('change', () => relabelNoneOfThese(check));
  relabelNoneOfThese(check);
}
// Capture, and this module first: log.js and program.js import it, so it runs before theirs.
document.addEventListener('submit', ticksWin, true);
// A form posted the ordinary way (not taken over by a handler) is on its way: no warning.
document.addEventListener('submit', (event) => { if (!event.defaultPrevented) leaving = true; });
document.addEventListener('click', warnBeforeLink);
window.addEventListener('beforeunload', (event) => {
  if (!unsent()) return;
  event.preventDefault();
  event.returnValue = '';
});
window.addEventListener('outbox:change', refreshContactCard);
openOrCloseTodaysCheck();
explainAlarm();
applyPause();
refreshContactCard();
