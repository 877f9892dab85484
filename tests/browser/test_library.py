"""The library in real headless Chromium: offline reading, live search under the CSP, and axe."""
import json

import pytest

from ..helpers import axe_violations, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

SHELL_HAS = """async () => {
  const names = await caches.keys();
  const shell = names.find((n) => n.startsWith('sciatica-shell-'));
  if (!shell) return false;
  const have = new Set((await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname));
  return %s.every((path) => have.has(path));
}"""


@pytest.fixture
def content(live):
    return live.app.extensions["content"]


def record_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def results_text(page):
    return page.locator("#search-results").inner_text()


def test_every_article_reads_offline_after_one_visit(page, context, live, content):
    paths = ["/library/"] + [f"/library/{slug}" for slug in content.articles]
    page.goto(live.url + "/library/")
    wait_for_service_worker(page)
    wait_until(page, f"({SHELL_HAS % json.dumps(paths)})()", timeout=20)
    context.set_offline(True)
    try:
        for slug, article in content.articles.items():
            response = page.goto(f"{live.url}/library/{slug}")
            assert response.from_service_worker, slug
            assert page.locator("h1").inner_text() == article.title
            assert page.locator(".article-body h2").count() >= 1
        page.goto(live.url + "/library/topic/safety")
        assert page.locator("h1").inner_text() == "Safety and red flags"
        first = next(iter(content.articles.values()))
        page.goto(live.url + "/library/")
        page.click(f".article-card-title a[href='/library/{first.slug}']")
        page.wait_for_url(f"**/library/{first.slug}")
        assert page.locator("h1").inner_text() == first.title
    finally:
        context.set_offline(False)


def test_live_search_updates_as_you_type(page, live):
    errors = record_errors(page)
    page.goto(live.url + "/library/")
    assert not page.locator("#search-results").is_visible()  # nothing until something is typed
    page.locator("#library-q").press_sequentially("stenos", delay=40)
    wait_until(page, "document.querySelector('#search-results').textContent.includes('Spinal stenosis')")
    assert page.locator("#search-results .article-card-title").first.inner_text().startswith("Spinal stenosis")
    assert page.locator("#search-results mark").count() > 0
    assert page.locator("h1").inner_text() == "Library"          # the page itself stayed put
    wait_until(page, "location.pathname === '/library/search'")  # the address can be shared or reloaded
    assert "q=stenos" in page.url

    page.locator("#library-q").fill("zebrafish")
    wait_until(page, "document.querySelector('#search-results').textContent.includes('No articles mention')")
    assert "“zebrafish”" in results_text(page)

    page.locator("#library-q").fill("")
    wait_until(page, "document.querySelector('#search-results').textContent.includes('Type a word')")
    assert errors == []


def test_search_page_and_its_results_work_without_htmx(page, live):
    page.goto(live.url + "/library/")
    page.fill("#library-q", "sliders")
    page.click(".library-search button[type=submit]")
    page.wait_for_url("**/library/search?q=sliders")
    assert page.locator("h1").inner_text() == "Search the library"
    assert "Nerve sliders" in results_text(page)
    page.locator("#search-results .article-card").first.click()   # the whole card is the link
    page.wait_for_url("**/library/sliders-and-tensioners")
    assert page.locator("h1").inner_text().startswith("Nerve sliders")


def test_library_pages_fit_320_pixels(page, live):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/library/", "/library/topic/exercise", "/library/spinal-stenosis",
                 "/library/search?q=walking", "/library/search?q=zebrafish"]:
        page.goto(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), path


TARGETS_TOO_SMALL = """() => [...document.querySelectorAll(
    'main a:not(.article-body a), main button, main input')]
  .filter((el) => el.offsetParent !== null)
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.height < 44 && !el.closest('.article-card'))
  .map(([el, box]) => el.outerHTML.slice(0, 80) + ' ' + Math.round(box.height))"""


def test_controls_are_at_least_44_pixels_tall(page, live):
    for path in ["/library/", "/library/what-is-sciatica", "/library/search?q=zebrafish"]:
        page.goto(live.url + path)
        assert page.evaluate(TARGETS_TOO_SMALL) == [], path
    cards = page.evaluate("""() => [...document.querySelectorAll('.article-card')]
        .map((card) => card.getBoundingClientRect().height)""")
    assert all(height >= 44 for height in cards)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_index_article_and_search_results(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live.url + "/library/")
    assert axe_violations(page) == []
    page.locator("#library-q").press_sequentially("sitting", delay=20)
    wait_until(page, "document.querySelectorAll('#search-results mark').length > 0")
    assert axe_violations(page) == []
    page.goto(live.url + "/library/what-is-sciatica")
    assert axe_violations(page) == []
    page.goto(live.url + "/library/search?q=zebrafish")
    assert axe_violations(page) == []
    page.goto(live.url + "/library/topic/exercise")
    assert axe_violations(page) == []
