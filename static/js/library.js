// Library search with no network. Online, htmx asks the server as the person types (and without
// JavaScript the form asks it too); offline, or when the server cannot be reached, this module
// searches the index the phone keeps with the articles (/library/search-index.json, built at
// start-up by webapp/library/search.py) and shows the results the same way: every word must
// match; titles first, then summaries, then how often the text mentions the words, then reading
// order; matches marked. Loaded only on pages with the search form (app.js), and the index is
// fetched only when it is needed, so a visit with a signal costs nothing more.
import {nt, t} from './i18n.js';

const form = document.querySelector('[data-search-index]');
const input = form && form.querySelector('input[name="q"]');
const results = document.getElementById('search-results');

let index = null;       // a promise of the index, fetched the first time it is needed
let offline = !navigator.onLine;
window.addEventListener('online', () => { offline = false; });
window.addEventListener('offline', () => { offline = true; });

function loadIndex() {
  index ||= fetch(form.dataset.searchIndex).then((response) => {
    if (!response.ok) throw new Error(`search index: ${response.status}`);
    return response.json();
  });
  index.catch(() => { index = null; });     // try again next time
  return index;
}

// ---- the search, as webapp/library/search.py does it ----

function cleanQuery(raw, limits) {
  return (raw || '').slice(0, limits.query).split(/\s+/).filter(Boolean).join(' ');
}

function strip(word, chars) {
  let start = 0;
  let end = word.length;
  while (start < end && chars.includes(word[start])) start += 1;
  while (end > start && chars.includes(word[end - 1])) end -= 1;
  return word.slice(start, end);
}

function queryWords(query, limits) {
  const words = [];
  for (const piece of query.split(' ')) {
    const word = strip(piece, limits.edges);
    if (word && !words.some((w) => plain(w) === plain(word))) words.push(word);
  }
  return words;
}

// The letter without its accent, lower case ("Á" -> "a").
const baseLetter = (ch) => ch.normalize('NFD')[0].toLowerCase();
const plain = (word) => [...word].map(baseLetter).join('');

// Either apostrophe matches both, so "don't" finds the articles' "don’t"; a letter with or without
// its accent matches every accented form of it ("ciatica" finds "ciática"), as on the server.
function pattern(word, limits) {
  const source = [...word.normalize('NFC')].map((ch) => {
    if (limits.apostrophes.includes(ch)) return "['’]";
    const folded = limits.folds && limits.folds[baseLetter(ch)];
    return folded ? `[${folded}]` : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }).join('');
  return new RegExp(source, 'giu');
}

const count = (re, text) => [...text.matchAll(re)].length;
const has = (re, text) => count(re, text) > 0;

export function search(data, raw) {
  const words = queryWords(cleanQuery(raw, data.limits), data.limits);
  if (!words.length) return [];
  const patterns = words.map((w) => pattern(w, data.limits));
  const ranked = [];
  for (const article of data.articles) {
    const inTitle = patterns.filter((p) => has(p, article.title)).length;
    const inSummary = patterns.filter((p) => has(p, article.summary)).length;
    const bodyCounts = patterns.map((p) => count(p, article.body));
    const found = patterns.every((p, i) => has(p, article.title) || has(p, article.summary) || bodyCounts[i]);
    if (found) ranked.push({key: [-inTitle, -inSummary, -bodyCounts.reduce((a, b) => a + b, 0), article.order], article});
  }
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i += 1) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return 0;
  });
  return ranked.map(({article}) => ({article, patterns}));
}

// Text with every match in <mark>, built as nodes: nothing typed can become markup.
function highlighted(text, patterns) {
  const spans = patterns.flatMap((p) => [...text.matchAll(p)].map((m) => [m.index, m.index + m[0].length]))
    .filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const out = document.createDocumentFragment();
  let cursor = 0;
  for (const [start, end] of merged) {
    out.append(text.slice(cursor, start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    out.append(mark);
    cursor = end;
  }
  out.append(text.slice(cursor));
  return out;
}

function snippet(body, patterns, limits) {
  const firsts = patterns.map((p) => { p.lastIndex = 0; const m = p.exec(body); p.lastIndex = 0; return m ? m.index : null; })
    .filter((i) => i !== null);
  if (!firsts.length) return null;
  const first = Math.min(...firsts);
  let start = Math.max(0, first - limits.before);
  if (start) {
    const space = body.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(body.length, start + limits.length);
  if (end < body.length) {
    const space = body.lastIndexOf(' ', end - 1);
    end = space > first ? space : end;
  }
  const out = document.createDocumentFragment();
  if (start) out.append('… ');
  out.append(highlighted(body.slice(start, end), patterns));
  if (end < body.length) out.append(' …');
  return out;
}

// ---- the results, as templates/library/_results.html draws them ----

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const articleUrl = (slug) => form.dataset.library + slug;
const searchUrl = (query) => `${form.action}?q=${encodeURIComponent(query).replace(/%20/g, '+')}`;

function suggestions(data) {
  return el('ul', {class: 'chip-list', 'aria-label': t('Suggested searches')},
    ...data.suggestions.map((word) => el('li', {}, el('a', {class: 'chip', href: searchUrl(word)}, word))));
}

function card({article, patterns}, limits) {
  return el('li', {class: 'article-card'},
    el('h3', {class: 'article-card-title'}, el('a', {href: articleUrl(article.slug)}, highlighted(article.title, patterns))),
    el('p', {class: 'article-card-summary'}, highlighted(article.summary, patterns)),
    (() => { const passage = snippet(article.body, patterns, limits); return passage && el('p', {class: 'article-card-snippet'}, passage); })(),
    el('p', {class: 'article-card-meta'}, nt('%(num)d min read', '%(num)d min read', article.minutes)));
}

export function render(data, raw) {
  const query = cleanQuery(raw, data.limits);
  if (!query) {
    return [el('div', {class: 'search-empty'},
      el('p', {}, t('Type a word or two to search every article. For example:')), suggestions(data))];
  }
  const hits = search(data, query);
  if (hits.length) {
    return [el('h2', {class: 'search-count'},
      nt('%(num)d article mentions “%(query)s”', '%(num)d articles mention “%(query)s”', hits.length, {query})),
    el('ul', {class: 'article-list'}, ...hits.map((hit) => card(hit, data.limits)))];
  }
  const bySlug = new Map(data.articles.map((a) => [a.slug, a]));
  return [el('div', {class: 'search-empty'},
    el('h2', {class: 'search-count'}, t('No articles mention “%(query)s”', {query})),
    el('p', {}, t('Check the spelling, or try fewer or simpler words, such as:')), suggestions(data),
    el('p', {}, t('Or start with one of these:')),
    el('ul', {class: 'link-list'},
      ...data.first.map((slug) => el('li', {}, el('a', {href: articleUrl(slug)}, bySlug.get(slug).title))),
      el('li', {}, el('a', {href: form.dataset.library}, t('All articles')))))];
}

// ---- wiring ----

let shown = 0;      // a slower search must not overwrite a newer one
async function showHere(raw) {
  const turn = ++shown;
  let data;
  try {
    data = await loadIndex();
  } catch (error) {
    return;        // not kept on this phone yet: the page stays as it is
  }
  if (turn !== shown) return;
  results.replaceChildren(...render(data, raw));
  results.dataset.searchedOn = 'phone';
  const query = cleanQuery(raw, data.limits);
  history.replaceState(history.state, '', query ? searchUrl(query) : form.action);
}

if (form && input && results) {
  // htmx asks before each request: with no network, answer here instead.
  input.addEventListener('htmx:before:request', (event) => {
    if (!offline) return;
    event.preventDefault();
    showHere(input.value);
  });
  // The request failed (no network, the server unreachable): answer here, and stay here until
  // the browser says it is back online.
  input.addEventListener('htmx:error', () => {
    offline = true;
    showHere(input.value);
  });
  input.addEventListener('htmx:after:request', () => { shown += 1; });   // the server answered
  form.addEventListener('submit', (event) => {
    if (!offline) return;
    event.preventDefault();
    showHere(input.value);
  });
  // Opened offline at /library/search?q=...: the worker gave the search page kept on the phone.
  const asked = new URLSearchParams(window.location.search).get('q');
  if (document.body.dataset.pageSource !== 'network' && asked !== null) {
    input.value = asked;
    showHere(asked);
  }
}
