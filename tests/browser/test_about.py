"""The public pages in real Chromium: axe finds nothing in light or dark, they fit 320 pixels,
and after one visit they open with no network, signed out and signed in."""
import json

import pytest

from ..helpers import axe_violations, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

PAGES = {"/about": "About Sciatica Companion", "/privacy": "Privacy notice", "/help": "Help",
         "/accessibility": "Accessibility statement"}
CACHED = """async (paths) => {
  const names = await caches.keys();
  const shell = names.find((n) => n.startsWith('sciatica-shell-'));
  if (!shell) return false;
  const have = new Set((await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname));
  return paths.every((path) => have.has(path));
}"""


def response_from_worker(page):
    """The page came from the copy on the phone (the network is off, so nothing else could)."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_public_pages(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    for path in PAGES:
        page.goto(live.url + path)
        assert axe_violations(page) == [], path


def test_the_public_pages_fit_320_pixels_and_their_links_are_big_enough(page, live):
    page.set_viewport_size({"width": 320, "height": 640})
    for path, title in PAGES.items():
        page.goto(live.url + path)
        assert page.locator("h1").inner_text() == title
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), path
        small = page.evaluate("""() => [...document.querySelectorAll('.about-links a, main .button')]
            .filter((a) => a.getBoundingClientRect().height < 44).map((a) => a.textContent)""")
        assert small == [], path


def test_they_open_offline_after_one_visit(page, context, live):
    page.goto(live.url + "/account/signin")
    wait_for_service_worker(page)
    wait_until(page, f"({CACHED})({json.dumps(list(PAGES))})", timeout=20)
    context.set_offline(True)
    try:
        page.goto(live.url + "/account/signin")     # the sign-in page, or "You're offline": both link them
        assert page.locator(".about-links a").count() == 4
        for path, title in PAGES.items():
            page.click(f".about-links a[href='{path}']")
            page.wait_for_url(f"**{path}")
            assert page.locator("h1").inner_text() == title
            assert response_from_worker(page)
            if path == "/about":
                assert "It does not diagnose" in page.locator("main").inner_text()
    finally:
        context.set_offline(False)
