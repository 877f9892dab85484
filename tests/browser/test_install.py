"""Add to home screen, in real Chromium: the entry on Today and Account, the Install button when
the browser offers one (beforeinstallprompt), the iPhone steps for Safari, hidden once the app
runs from the home screen, and asking the browser to keep the data after the first check-in."""
import pytest

from ..helpers import axe_violations, browser_signup, browser_start_program, wait_until

pytestmark = pytest.mark.browser

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1")
FAKE_INSTALL_PROMPT = """() => {
  window.installPrompts = 0;
  const event = new Event('beforeinstallprompt', {cancelable: true});
  event.prompt = async () => { window.installPrompts += 1; };
  event.userChoice = Promise.resolve({outcome: 'accepted', platform: 'web'});
  window.dispatchEvent(event);
}"""


def test_install_entry_on_today_and_account_with_the_install_button(page, live):
    browser_start_program(page, live)
    entry = page.locator("[data-install-entry]")
    assert entry.is_visible()
    assert "7 days" in entry.inner_text() and "safe on the server" in entry.inner_text()
    assert not page.locator("[data-install-entry] [data-install-button]").is_visible()
    page.evaluate(FAKE_INSTALL_PROMPT)                   # what Chromium fires when it can install
    page.click("[data-install-entry] [data-install-button]")
    wait_until(page, "window.installPrompts === 1")
    wait_until(page, "!document.querySelector('[data-install-entry]').checkVisibility()")

    page.goto(live.url + "/account/")
    assert page.locator("[data-install-entry]").is_visible()
    page.click("text=How to add it")
    page.wait_for_url(live.url + "/install")
    assert not page.locator("#install-prompt").is_visible()
    assert page.locator("#install-other").is_visible()   # a desktop Chromium that has not offered yet
    assert not page.locator("#install-ios").is_visible()
    page.evaluate(FAKE_INSTALL_PROMPT)
    assert page.locator("#install-prompt").is_visible()
    assert not page.locator("#install-other").is_visible()
    page.click("#install-prompt [data-install-button]")
    wait_until(page, "window.installPrompts === 1")
    wait_until(page, "!document.getElementById('install-prompt').checkVisibility()")


def test_install_help_shows_the_iphone_steps_in_safari(browser, live):
    context = browser.new_context(user_agent=IPHONE, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        browser_signup(page, live)
        page.goto(live.url + "/account/")
        page.click("text=How to add it")
        page.wait_for_url(live.url + "/install")
        steps = page.locator("#install-ios")
        assert steps.is_visible()
        assert "Share" in steps.inner_text() and "Add to Home Screen" in steps.inner_text()
        assert steps.locator("svg.drawing").count() == 3
        assert all(box["width"] > 100 for box in
                   [steps.locator("svg.drawing").nth(i).bounding_box() for i in range(3)])
        assert not page.locator("#install-other").is_visible()
        assert not page.locator("#install-prompt").is_visible()
        assert "7 days" in page.inner_text("main")
        assert axe_violations(page) == []
        page.emulate_media(color_scheme="dark")
        assert axe_violations(page) == []
    finally:
        context.close()


# Headless Chromium cannot run as an installed app, and DevTools cannot emulate display-mode, so
# the two signals the app reads are emulated before the page's own scripts run: Chromium and
# Android's display mode, and iPhone Safari's navigator.standalone.
STANDALONE = {
    "display-mode": """(() => {
        const real = window.matchMedia.bind(window);
        window.matchMedia = (query) => /display-mode:\\s*standalone/.test(query)
          ? {matches: true, media: query, addEventListener() {}, removeEventListener() {}} : real(query);
    })()""",
    "navigator.standalone": "Object.defineProperty(Navigator.prototype, 'standalone', {get: () => true})",
}


@pytest.mark.parametrize("signal", list(STANDALONE))
def test_install_help_is_hidden_when_running_from_the_home_screen(browser, live, signal):
    context = browser.new_context(user_agent=IPHONE if signal == "navigator.standalone" else None)
    try:
        page = context.new_page()
        browser_start_program(page, live)
        assert page.locator("[data-install-entry]").is_visible()
        context.add_init_script(STANDALONE[signal])
        page.reload()
        assert not page.locator("[data-install-entry]").is_visible()
        page.goto(live.url + "/account/")
        assert not page.locator("[data-install-entry]").is_visible()
        page.goto(live.url + "/install")
        assert page.locator("#install-installed").is_visible()
        for part in ("#install-prompt", "#install-ios", "#install-other"):
            assert not page.locator(part).is_visible(), part
    finally:
        context.close()


def test_a_first_check_in_asks_the_browser_to_keep_the_data(page, live):
    browser_start_program(page, live)
    assert page.evaluate("localStorage.getItem('sc-storage')") is None
    page.click(".quick-checkin label[for=leg_pain-4]")
    page.click(".quick-checkin button[type=submit]")
    wait_until(page, "document.querySelector('.quick-checkin .save-status').textContent"
                     ".includes('Saved. Thank you.')")   # sent at once: there is signal
    outcome = wait_until(page, "localStorage.getItem('sc-storage')")
    assert outcome in ("kept", "refused")                # headless Chromium answers either way
    page.goto(live.url + "/")
    assert page.locator("[data-storage-kept]").is_visible() == (outcome == "kept")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_today_account_and_install(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    browser_start_program(page, live)
    assert axe_violations(page) == []
    for path in ("/account/", "/install"):
        page.goto(live.url + path)
        assert axe_violations(page) == []
