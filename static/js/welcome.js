// The welcome questions survive a reload (issue 23, item 6): each answer is kept in this tab's
// sessionStorage as it is given, under this person's id, and put back on a fresh page. Answers
// the server sent (a page shown again with a message) win over kept ones. Nothing leaves the
// phone; the tab forgets it on closing, and any other page drops it (app.js).
const form = document.querySelector('form[data-keep-answers]');
const person = document.body.dataset.person || 'anyone';
const key = form && `sc-answers-${form.dataset.keepAnswers}-${person}`;
const SKIP = new Set(['csrf_token', 'timezone']);

function kept() {
  try {
    return JSON.parse(sessionStorage.getItem(key) || '{}');
  } catch {
    return {};
  }
}

function save() {
  const answers = {};
  for (const [name, value] of new FormData(form)) {
    if (SKIP.has(name)) continue;
    (answers[name] ||= []).push(value);
  }
  sessionStorage.setItem(key, JSON.stringify(answers));
}

function answered(name) {
  return [...form.elements].some((el) => el.name === name && (
    (el.type === 'radio' || el.type === 'checkbox') ? el.checked : el.value !== ''));
}

function restore() {
  const answers = kept();
  const changed = [];
  for (const [name, values] of Object.entries(answers)) {
    if (SKIP.has(name) || answered(name)) continue;
    for (const el of form.elements) {
      if (el.name !== name) continue;
      if (el.type === 'radio' || el.type === 'checkbox') {
        el.checked = values.includes(el.value);
      } else if (el.tagName !== 'BUTTON' && el.type !== 'hidden') {
        el.value = values[0];
      } else {
        continue;
      }
      changed.push(el);
    }
  }
  // The follow-up questions open and close on these events (log.js).
  for (const el of changed) el.dispatchEvent(new Event('change', {bubbles: true}));
}

if (form) {
  restore();
  form.addEventListener('change', save);
  form.addEventListener('input', save);
}
