// The page's words in its language: the catalogue <html data-i18n> names (webapp/i18n/script.py),
// made from translations/<language>/LC_MESSAGES/js.po. English pages name none: the text in the
// code is the English. Offline, the service worker has the catalogue (its URL carries a hash).
const root = document.documentElement;
let messages = {};
if (root.dataset.i18n) {
  try {
    const response = await fetch(root.dataset.i18n, {credentials: 'same-origin'});
    if (response.ok) messages = await response.json();
  } catch (error) { /* no catalogue: English rather than nothing */ }
}

const fill = (text, values) => (values
  ? text.replace(/%\((\w+)\)[sd]/g, (whole, name) => (name in values ? String(values[name]) : whole))
  : text);

/** The text in the page's language; %(name)s is filled from `values`. */
export function t(text, values) {
  const found = messages[text];
  return fill(typeof found === 'string' && found ? found : text, values);
}

// gettext's plural forms are CLDR's categories in this order (Babel's plural rules).
const ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** One of the forms for `count` (%(num)d is the count), by the language's plural rules. */
export function nt(singular, plural, count, values = {}) {
  const forms = messages[singular];
  const filled = {num: count, ...values};
  if (!Array.isArray(forms) || !forms.every(Boolean)) return fill(count === 1 ? singular : plural, filled);
  const rules = new Intl.PluralRules(root.lang);
  const categories = ORDER.filter((tag) => rules.resolvedOptions().pluralCategories.includes(tag));
  const index = Math.max(0, categories.indexOf(rules.select(count)));
  return fill(forms[Math.min(index, forms.length - 1)], filled);
}
