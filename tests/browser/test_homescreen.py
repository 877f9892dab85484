"""The app on the home screen, in real Chromium: a cold start offline from the manifest's start URL,
the signed-in navigation on pages from the phone's copy, the "as last seen" notice only where it is
true, and the person's pages forgotten on every way out. (Install help: test_install.py.)"""
import pytest

from webapp.models import CheckIn, DeviceSession, User

from ..helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUTBOX_COUNT,
    PASSWORD,
    axe_violations,
    browser_start_program,
    eventually,
    start_url,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser

SIGNED_IN_TABS = ["Today", "Log", "Program", "Library", "Report"]
SIGNED_OUT_TABS = ["Library", "Red flags", "Sign in"]
# Every tab a cold start can open is on the phone: Today, the log, the program and the report.
KEPT = """caches.open('sciatica-pages').then((c) => c.keys()).then((keys) => {
  const paths = keys.map((r) => new URL(r.url).pathname);
  return ['/', '/log/', '/program', '/report/'].every((p) => paths.includes(p));
})"""


def visible_tabs(page):
    return page.locator("nav.tabbar >> visible=true").locator("span").all_inner_texts()


def visible_topbar(page):
    return page.locator(".topbar a >> visible=true").all_inner_texts()


def notice(page):
    """The "from this phone" notice as a person sees it, or None."""
    box = page.locator(".cached-notice")
    return box.inner_text() if box.is_visible() else None


def launch(playwright, profile):
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 360, "height": 740})


def checkins(email):
    return CheckIn.select().where(CheckIn.user == User.by_email(email))


def test_cold_start_offline_from_the_start_url_opens_today_and_logs_once(playwright, live, tmp_path):
    profile = tmp_path / "profile"
    context = launch(playwright, profile)
    try:
        page = context.new_page()
        email = browser_start_program(page, live)
        wait_for_service_worker(page)
        wait_until(page, KEPT, timeout=30)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        cdp.detach()
        plan = page.locator(".ex-list .ex-title").all_inner_texts()
        assert plan
    finally:
        context.close()                                  # the browser is gone, worker and all

    # No signal; the person taps the icon on the home screen. The server is stopped too: Chromium's
    # offline emulation does not reach a worker woken for Background Sync, which a real phone
    # would only wake with signal.
    entry = start_url(live)
    assert entry != "/"                                  # the icon opens /?source=home-screen
    context = launch(playwright, profile)
    live.stop()
    try:
        context.set_offline(True)
        page = context.pages[0] if context.pages else context.new_page()
        response = page.goto(live.url + entry)
        assert response.from_service_worker
        assert page.locator("h1").inner_text() == "Today"
        assert page.locator(".ex-list .ex-title").all_inner_texts() == plan
        assert "Stage 1 of 3" in page.inner_text(".stage-name")
        assert visible_tabs(page) == SIGNED_IN_TABS
        assert visible_topbar(page) == []        # Today gives its top to the day (issue 23.1)
        assert page.locator(".today-links a[href='/account/']").is_visible()
        assert "last seen on this phone" in notice(page)

        page.click(".quick-checkin label[for=leg_pain-6]")
        page.click(".quick-checkin button[type=submit]")
        wait_until(page, "document.querySelector('.quick-checkin .save-status').textContent"
                         ".includes('Saved on this phone')", timeout=15)
        assert checkins(email).count() == 0
        live.start()
        context.set_offline(False)                       # back in signal: the 'online' event sends it
        eventually(lambda: checkins(email).count() == 1, timeout=15)
        wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
        page.goto(live.url + "/log/history")
        page.reload()
        assert [row.leg_pain for row in checkins(email)] == [6]

        page.goto(live.url + "/account/")
        page.click("text=Sign out")
        page.wait_for_url("**/account/signin?signed_out=1")
        wait_until(page, "caches.keys().then((names) => !names.includes('sciatica-pages'))")
    finally:
        context.close()
        if live.server is None:
            live.start()

    # The same cold start after signing out: nothing of the person is left to show.
    context = launch(playwright, profile)
    try:
        context.set_offline(True)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(live.url + entry)
        assert page.locator("h1").inner_text() == "You're offline"
        assert visible_tabs(page) == SIGNED_OUT_TABS
        assert visible_topbar(page) == ["Sciatica Companion", "Sign in"]
        assert page.evaluate("document.body.dataset.signedIn") == "false"
        assert notice(page) is None
    finally:
        context.close()


def test_pages_from_the_phone_keep_the_signed_in_navigation(page, context, live):
    browser_start_program(page, live)
    wait_for_service_worker(page)
    page.reload()                                        # Today, opened under the worker
    person = page.evaluate("document.body.dataset.person")
    wait_until(page, KEPT, timeout=30)
    context.set_offline(True)

    page.goto(live.url + "/emergency")                   # precached, never opened
    assert "999" in page.inner_text("main")
    assert visible_tabs(page) == SIGNED_IN_TABS
    assert visible_topbar(page) == ["Sciatica Companion", "Account"]
    assert page.evaluate("document.body.dataset.person") == person
    assert notice(page) is None                          # not "as last seen": it never was
    assert page.locator(".redflag-banner").is_visible()
    assert axe_violations(page) == []

    page.goto(live.url + "/account/")                    # neither precached nor kept: /offline
    assert page.locator("h1").inner_text() == "You're offline"
    assert visible_tabs(page) == SIGNED_IN_TABS
    assert notice(page) is None
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="dark")
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="light")

    page.goto(live.url + "/library/")
    assert visible_tabs(page) == SIGNED_IN_TABS
    assert page.locator("nav.tabbar >> visible=true").locator("[aria-current=page]").inner_text() == "Library"

    for path, heading in (("/report/", "Sciatica report"), ("/program", "Your program")):
        page.goto(live.url + path)                       # kept in the background, never opened
        assert heading in page.inner_text("main")
        assert "saved on this phone earlier" in notice(page)
        assert "last seen" not in notice(page)
        assert visible_tabs(page) == SIGNED_IN_TABS
    page.goto(live.url + "/log/")
    assert page.locator("form.checkin-form").is_visible()
    page.goto(live.url + "/")                            # opened: "as last seen" is true here
    assert "last seen on this phone" in notice(page)
    assert visible_tabs(page) == SIGNED_IN_TABS
    assert axe_violations(page) == []


def test_a_gone_session_and_account_deletion_forget_the_persons_pages(page, context, live):
    email = browser_start_program(page, live)
    wait_for_service_worker(page)
    wait_until(page, KEPT, timeout=30)
    user = User.by_email(email)
    DeviceSession.delete().where(DeviceSession.user == user).execute()   # signed out elsewhere
    page.goto(live.url + "/log/")                        # the server says: nobody signed in now
    assert "/account/signin" in page.url
    wait_until(page, "caches.keys().then((names) => !names.includes('sciatica-pages'))")
    context.set_offline(True)
    page.goto(live.url + "/")
    assert page.locator("h1").inner_text() == "You're offline"
    assert visible_tabs(page) == SIGNED_OUT_TABS
    context.set_offline(False)

    page.goto(live.url + "/account/signin")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live.url + "/")
    wait_until(page, KEPT, timeout=30)
    page.goto(live.url + "/account/delete")
    page.fill("#del-password", PASSWORD)
    page.check("#del-confirm")
    page.click("text=Delete everything")
    page.wait_for_url("**/account/signup?deleted=1")
    wait_until(page, "caches.keys().then((names) => !names.includes('sciatica-pages'))")
    context.set_offline(True)
    page.goto(live.url + "/emergency")
    assert visible_tabs(page) == SIGNED_OUT_TABS


def test_two_check_ins_from_one_copy_of_today_stay_two(page, context, live):
    email = browser_start_program(page, live)
    wait_for_service_worker(page)
    page.reload()
    context.set_offline(True)
    for leg in ("3", "5"):                               # two cold starts from the same copy
        page.goto(live.url + "/")
        assert "last seen" in notice(page)
        page.click(f".quick-checkin label[for=leg_pain-{leg}]")
        page.click(".quick-checkin button[type=submit]")
        wait_until(page, "document.querySelector('.quick-checkin .save-status').textContent"
                         ".includes('Saved on this phone')", timeout=15)
    assert page.evaluate("OutboxCore.all().then((records) => new Set(records.map((r) => r.uuid)).size)") == 2
    context.set_offline(False)
    page.goto(live.url + "/")
    eventually(lambda: checkins(email).count() == 2, timeout=15)
    assert sorted(row.leg_pain for row in checkins(email)) == [3, 5]
