"""The shell in real headless Chromium: banner, service worker, offline, manifest, axe."""
import pytest

from ..helpers import axe_violations, browser_signup, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/account/signin", "/account/signup", "/red-flags", "/offline", "/library/"]
SIGNED_IN_PAGES = ["/", "/log/", "/program", "/report/", "/account/"]

BANNER_UNCOVERED = """() => {
  const banner = document.querySelector('.redflag-banner');
  const box = banner.getBoundingClientRect();
  const points = [[box.left + 4, box.top + 4], [box.left + box.width / 2, box.top + box.height / 2],
                  [box.right - 4, box.bottom - 4]];
  const visible = box.top >= 0 && box.bottom <= window.innerHeight && box.height > 20;
  const uncovered = points.every(([x, y]) => banner.contains(document.elementFromPoint(x, y)));
  return visible && uncovered && getComputedStyle(banner).visibility === 'visible';
}"""


def assert_banner_visible(page):
    assert page.evaluate(BANNER_UNCOVERED), page.url
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate(BANNER_UNCOVERED), f"banner hidden after scrolling on {page.url}"
    link = page.locator(".redflag-banner a")
    assert link.get_attribute("href") == "/red-flags"


def test_banner_is_visible_and_uncovered_on_every_page_at_360(page, live):
    for path in PUBLIC_PAGES:
        page.goto(live.url + path)
        assert_banner_visible(page)
    browser_signup(page, live)
    for path in SIGNED_IN_PAGES + PUBLIC_PAGES[2:]:
        page.goto(live.url + path)
        assert_banner_visible(page)


def test_works_at_320_without_sideways_scrolling(page, live):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in PUBLIC_PAGES:
        page.goto(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), path


def test_service_worker_takes_control_and_serves_pages_offline(page, context, live):
    browser_signup(page, live)
    page.goto(live.url + "/red-flags")
    wait_for_service_worker(page)
    page.goto(live.url + "/")            # a page visited while online, under the worker
    page.goto(live.url + "/log/")
    context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    assert page.locator("h1").inner_text() == "How are you now?"
    assert page.locator(".cached-notice").is_visible()  # "as last seen" is said plainly
    page.goto(live.url + "/account/")    # never visited nor kept: the offline page
    assert page.locator("h1").inner_text() == "You're offline"
    page.goto(live.url + "/red-flags")   # precached even though it is not the last page seen
    assert page.locator("h1").inner_text() == "When to get help"
    assert page.evaluate("getComputedStyle(document.querySelector('.redflag-banner')).display") != "none"
    context.set_offline(False)
    page.goto(live.url + "/log/")
    assert not page.locator(".cached-notice").is_visible()


def test_static_shell_is_precached(page, context, live):
    page.goto(live.url + "/red-flags")
    wait_for_service_worker(page)
    cached = page.evaluate("""async () => {
        const names = await caches.keys();
        const shell = names.find((n) => n.startsWith('sciatica-shell-'));
        const keys = await (await caches.open(shell)).keys();
        return keys.map((r) => new URL(r.url).pathname);
    }""")
    for path in ["/offline", "/red-flags", "/static/css/app.css", "/static/js/app.js",
                 "/static/vendor/htmx-4.0.1.min.js", "/static/icons/icon-192.png"]:
        assert path in cached


def test_sign_out_forgets_cached_pages(page, context, live):
    browser_signup(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")
    page.goto(live.url + "/account/")
    page.click("text=Sign out")
    page.wait_for_url("**/account/signin?signed_out=1")
    wait_until(page, "caches.keys().then((names) => !names.includes('sciatica-pages'))")
    context.set_offline(True)
    page.goto(live.url + "/log/")
    assert page.locator("h1").inner_text() == "You're offline"


@pytest.mark.parametrize("way_out", ["signed out elsewhere", "account deleted"])
def test_every_way_out_forgets_cached_pages(page, context, live, way_out):
    """Issue 13, finding 5: a session ended from another device, or the account deleted, drops
    the personal pages this phone kept; the shell (the offline page, the red flags) stays."""
    from webapp import models
    email = browser_signup(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")
    wait_until(page, "caches.open('sciatica-pages').then((c) => c.match('/log/?lang=en')).then(Boolean)")
    user = models.User.by_email(email)
    if way_out == "signed out elsewhere":
        models.DeviceSession.end_all(user)                 # "Sign out everywhere" on another device
        page.goto(live.url + "/log/")
        page.wait_for_url(lambda url: "/account/signin" in url and "ended=1" in url)
    else:
        page.goto(live.url + "/account/delete")
        page.fill("#del-password", "correct horse battery")
        page.check("#del-confirm")
        page.click("button[type=submit]")
        page.wait_for_url("**/account/signup?deleted=1")
    wait_until(page, "caches.keys().then((names) => !names.includes('sciatica-pages'))")
    context.set_offline(True)
    page.goto(live.url + "/log/")
    assert page.locator("h1").inner_text() == "You're offline"
    page.goto(live.url + "/red-flags")
    assert page.locator("h1").count() == 1


def test_manifest_parses_without_errors(page, context, live):
    page.goto(live.url + "/account/signin")
    cdp = context.new_cdp_session(page)
    result = cdp.send("Page.getAppManifest")
    cdp.detach()
    assert result["errors"] == []
    assert "Sciatica Companion" in result["data"]


def test_the_manifest_is_linked_once_the_page_is_painted(page, live):
    """Served without it: its fetch, and the install icons' after it, would compete with the
    stylesheet before the first paint. static/js/boot.js links it after that, once."""
    assert 'rel="manifest"' not in page.request.get(live.url + "/account/signin").text()
    page.goto(live.url + "/account/signin")
    assert page.evaluate("performance.getEntriesByName('first-contentful-paint').length") == 1
    assert page.evaluate("[...document.querySelectorAll('link[rel=manifest]')]"
                         ".map((link) => new URL(link.href).pathname)") == ["/manifest.webmanifest"]


def test_installable_in_a_normal_profile(playwright, live, tmp_path):
    from ..helpers import CHROMIUM, CHROMIUM_ARGS
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        page = context.new_page()
        page.goto(live.url + "/account/signin")
        wait_for_service_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def test_no_console_errors_or_csp_violations(page, live):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in PUBLIC_PAGES:
        page.goto(live.url + path)
    browser_signup(page, live)
    wait_for_service_worker(page)
    assert errors == []


@pytest.mark.parametrize("path", ["/account/signin", "/account/signup", "/red-flags", "/offline"])
def test_axe_public_pages(page, live, path):
    page.goto(live.url + path)
    assert axe_violations(page) == []


def test_axe_signed_in_home_and_account(page, live):
    browser_signup(page, live)
    assert axe_violations(page) == []
    page.goto(live.url + "/account/")
    assert axe_violations(page) == []


def test_axe_in_dark_mode(page, live):
    page.emulate_media(color_scheme="dark")
    page.goto(live.url + "/red-flags")
    assert axe_violations(page) == []
    browser_signup(page, live)
    assert axe_violations(page) == []


def test_a_new_version_offers_an_update_and_reloads_once(page, live):
    page.goto(live.url + "/red-flags")
    wait_for_service_worker(page)
    old_version = live.app.extensions["build_version"]
    live.app.extensions["build_version"] = "0123456789ab"   # what a new deployment changes
    try:
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(page, "!document.getElementById('update-toast').hidden")
        assert "new version" in page.locator("#update-toast").inner_text()
        page.evaluate("window.beforeReload = true")
        page.click("#update-reload")
        wait_until(page, "!window.beforeReload && document.readyState === 'complete'")
        assert page.evaluate("caches.keys()").count("sciatica-shell-en-0123456789ab") == 1
        assert not any(name == f"sciatica-shell-en-{old_version}" for name in page.evaluate("caches.keys()"))
        assert page.evaluate("document.getElementById('update-toast').hidden")
    finally:
        live.app.extensions["build_version"] = old_version
