"""Library search with no network, in real Chromium: after one visit the index is kept on the phone
with the articles; offline, results come as you type, ranked as the server ranks them, and a
search page opened offline (a bookmark, a reload, the plain form) shows its results too."""
import json

import pytest

from ..helpers import wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

KEPT = """async () => {
  const names = await caches.keys();
  const shell = names.find((n) => n.startsWith('sciatica-shell-'));
  if (!shell) return false;
  const have = (await (await caches.open(shell)).keys()).map((r) => new URL(r.url));
  return have.some((u) => u.pathname === '/library/search-index.json')
    && have.some((u) => u.pathname === '/library/search' && u.search === '?lang=en');
}"""
TITLES = """() => [...document.querySelectorAll('#search-results .article-card-title')].map((h) => h.textContent)"""
# Queries that exercise the ranking: one word, two words, punctuation around a word, both
# apostrophes, a hyphen, a word only in bodies, and nothing at all.
QUERIES = ["sitting", "nerve slider", "(walking)", "don't", "don’t", "flare-up", "bladder", "cough sneeze",
           "zebrafish"]


def server_titles(live, query):
    return [hit.article.title for hit in live.app.extensions["library_search"]["en"].search(query)]


def go_offline_with_the_library_kept(page, context, live):
    page.goto(live.url + "/library/")
    wait_for_service_worker(page)
    wait_until(page, f"({KEPT})()", timeout=30)
    context.set_offline(True)


def type_query(page, query):
    page.locator("#library-q").fill("")
    page.locator("#library-q").press_sequentially(query, delay=30)
    wait_until(page, f"""(() => {{
        const box = document.querySelector('#search-results');
        return box.dataset.searchedOn === 'phone' && box.textContent.includes({json.dumps('“' + query.strip() + '”')});
    }})()""")


def test_offline_search_finds_what_the_server_finds_in_the_same_order(page, context, live):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    go_offline_with_the_library_kept(page, context, live)
    try:
        page.goto(live.url + "/library/")
        for query in QUERIES:
            type_query(page, query)
            assert page.evaluate(TITLES) == server_titles(live, query), query
        assert page.locator("h1").inner_text() == "Library"            # the page stayed put
        assert "q=zebrafish" in page.url                              # the address says what was asked
        assert "No articles mention “zebrafish”" in page.locator("#search-results").inner_text()
        type_query(page, "sitting")
        marks = page.locator("#search-results mark").all_inner_texts()
        assert marks and {m.lower() for m in marks} == {"sitting"}
        assert page.locator("#search-results .article-card-snippet").count() >= 1
        page.locator("#search-results .article-card-title a").first.click()
        page.wait_for_url(f"**/library/{live.app.extensions['library_search']['en'].search('sitting')[0].article.slug}")
        assert page.locator("h1").inner_text() == server_titles(live, "sitting")[0]
    finally:
        context.set_offline(False)
    assert errors == []


def test_typed_words_never_become_markup(page, context, live):
    go_offline_with_the_library_kept(page, context, live)
    try:
        page.goto(live.url + "/library/")
        type_query(page, "<img src=x onerror=alert(1)>")
        assert page.locator("#search-results img").count() == 0
        assert "No articles mention" in page.locator("#search-results").inner_text()
    finally:
        context.set_offline(False)


def test_a_search_page_opened_offline_shows_its_results(page, context, live):
    go_offline_with_the_library_kept(page, context, live)
    try:
        response = page.goto(live.url + "/library/search?q=walking")
        assert response.from_service_worker
        wait_until(page, "document.querySelector('#search-results').dataset.searchedOn === 'phone'")
        assert page.locator("#library-q").input_value() == "walking"
        assert page.evaluate(TITLES) == server_titles(live, "walking")
        # Enter in the box, as the plain form sends it: answered on the phone, not "You're offline".
        page.locator("#library-q").fill("stenosis")
        page.locator("#library-q").press("Enter")
        wait_until(page, "document.querySelector('#search-results').textContent.includes('“stenosis”')")
        assert page.evaluate(TITLES) == server_titles(live, "stenosis")
        assert page.locator("h1").inner_text() == "Search the library"
    finally:
        context.set_offline(False)


def test_online_the_server_still_answers_and_the_page_never_fetches_the_index(page, live):
    page.goto(live.url + "/library/")
    page.locator("#library-q").press_sequentially("stenos", delay=40)
    wait_until(page, "document.querySelector('#search-results').textContent.includes('Spinal stenosis')")
    assert page.locator("#search-results").get_attribute("data-searched-on") is None
    loaded = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert any("/library/search?q=stenos" in name for name in loaded)
    assert not any("search-index" in name for name in loaded)
