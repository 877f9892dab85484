"""The log in real Chromium: offline saves, the outbox, restarts, expired sessions, red flags, axe."""
import pytest

from webapp.models import CheckIn, RedFlagCheck, User, utcnow

from ..helpers import (
    OUTBOX_COUNT,
    axe_violations,
    browser_signup,
    eventually,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser



def fill_checkin(page, leg="7", notes=None):
    page.click(f"label[for=leg_pain-{leg}]")
    page.click("label[for=back_pain-2]")
    page.click("label[for=extent-thigh]")
    if notes:
        page.fill("#notes", notes)


def rows_with_note(note):
    return CheckIn.select().where(CheckIn.notes == note).count()


def open_log_ready(page, live):
    page.goto(live.url + "/log/")
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")          # now controlled, so the worker caches this page
    wait_until(page, f"{OUTBOX_COUNT} === 0")


def test_offline_checkin_survives_reload_and_closed_tab_and_arrives_once(page, context, live):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    context.set_offline(True)
    fill_checkin(page, notes="written in the basement")
    page.click("text=Save check-in")
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    # The form says so once the attempt to send has failed.
    wait_until(page, "document.querySelector('.checkin-form .save-status').textContent.includes('Saved on this phone')")
    assert "1 waiting" in page.locator(".outbox-summary").inner_text()
    assert page.reload().from_service_worker            # reload while offline: still pending
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    assert "waiting to send" in page.locator(".outbox-list").inner_text()
    page.close()                                        # close the tab, open a new one
    second = context.new_page()
    second.goto(live.url + "/log/")
    wait_until(second, f"{OUTBOX_COUNT} === 1")
    assert rows_with_note("written in the basement") == 0
    context.set_offline(False)
    wait_until(second, f"{OUTBOX_COUNT} === 0", timeout=15)
    user = User.by_email(email)
    row = CheckIn.get((CheckIn.notes == "written in the basement") & (CheckIn.user == user))
    assert (row.leg_pain, row.back_pain, row.extent) == (7, 2, "thigh")
    second.reload()
    second.goto(live.url + "/log/history")
    wait_until(second, f"{OUTBOX_COUNT} === 0")
    assert rows_with_note("written in the basement") == 1
    assert "written in the basement" in second.content()


def test_server_down_instead_of_network_cut(page, context, live):
    browser_signup(page, live)
    open_log_ready(page, live)
    live.stop()
    try:
        fill_checkin(page, leg="5", notes="server was down")
        page.click("text=Save check-in")
        wait_until(page, f"{OUTBOX_COUNT} === 1", timeout=15)
        assert "Saved on this phone" in page.locator(".outbox-summary").inner_text()
    finally:
        live.start()
    page.reload()                                       # flushes on load
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    assert rows_with_note("server was down") == 1
    page.reload()
    assert rows_with_note("server was down") == 1


def test_expired_session_keeps_the_outbox_until_signed_in_again(page, context, live):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    context.set_offline(True)
    fill_checkin(page, leg="3", notes="saved before my session ended")
    page.click("text=Save check-in")
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    context.clear_cookies()                             # the session is gone
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_until(page, "document.querySelector('.outbox-summary').textContent.includes('Sign in again')")
    assert rows_with_note("saved before my session ended") == 0
    page.goto(live.url + "/account/signin")
    page.fill("#email", email)
    page.fill("#password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/account/signin" not in url)   # signed in before we move on
    page.goto(live.url + "/log/")
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    assert rows_with_note("saved before my session ended") == 1


def test_one_persons_queue_is_never_sent_as_another(page, context, live):
    browser_signup(page, live)
    open_log_ready(page, live)
    context.set_offline(True)
    fill_checkin(page, leg="4", notes="belongs to the first person")
    page.click("text=Save check-in")
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    context.clear_cookies()
    context.set_offline(False)
    other = browser_signup(page, live)                  # someone else signs in on this phone
    page.goto(live.url + "/log/")
    page.evaluate("OutboxCore.flush()")
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    assert CheckIn.select().where(CheckIn.user == User.by_email(other)).count() == 0
    assert rows_with_note("belongs to the first person") == 0


def test_rejected_entry_is_kept_and_shown_with_its_reason(page, live):
    browser_signup(page, live)
    open_log_ready(page, live)
    page.evaluate("""OutboxCore.save({kind: 'checkin', owner: document.body.dataset.person,
                      data: {leg_pain: 4, notes: 'x'.repeat(2500)}})""")
    wait_until(page, "!!document.querySelector('.outbox-rejected')")
    assert "under 2000 characters" in page.locator(".outbox-rejected").inner_text()
    page.reload()
    wait_until(page, f"{OUTBOX_COUNT} === 1")
    page.click("text=Fix it")
    assert page.locator("#notes").input_value().startswith("xxx")
    page.fill("#notes", "shorter now")
    page.click("text=Save check-in")
    page.wait_for_url("**/log/history?saved=1")
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    assert rows_with_note("shorter now") == 1


def test_go_now_answer_shows_emergency_screen_and_pauses_program(page, context, live):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    page.check("#go_now-bladder")
    page.click("text=Save check-in")
    page.wait_for_url("**/emergency")
    assert "Go to A&E or call 999 now" in page.locator("h1").first.inner_text()
    assert page.locator(".redflag-banner").is_visible()
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    user = User.by_email(email)
    assert RedFlagCheck.get(RedFlagCheck.user == user).tier == "now"
    User.update(stage=2, pattern="disc", onboarded_at=utcnow(), background_answered_at=utcnow(),
                pregnancy_answered_at=utcnow()).where(
        User.id == user.id).execute()
    page.goto(live.url + "/")
    assert "paused" in page.locator("main").inner_text().lower()
    assert axe_violations(page) == []


def test_go_now_offline_still_shows_the_emergency_screen(page, context, live):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    page.goto(live.url + "/emergency")                  # precached anyway; visit to be sure
    page.goto(live.url + "/log/")
    context.set_offline(True)
    page.check("#go_now-saddle")
    page.click("text=Save check-in")
    page.wait_for_url("**/emergency")
    assert "Go to A&E or call 999 now" in page.locator("h1").first.inner_text()
    context.set_offline(False)
    page.reload()
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    assert RedFlagCheck.get(RedFlagCheck.user == User.by_email(email)).go_now == "saddle"


def test_none_of_these_is_one_tap_and_closes_the_check_for_today(page, live):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    page.click("text=None of these")
    wait_until(page, "!document.querySelector('.redflag-check').open")
    # The answer is kept on the phone and sent in the background: wait for it to arrive.
    user = User.by_email(email)

    def answer_arrived():
        return RedFlagCheck.select().where(RedFlagCheck.user == user).exists()
    eventually(answer_arrived)
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    assert RedFlagCheck.get(RedFlagCheck.user == user).tier == "none"
    page.reload()
    assert page.evaluate("document.querySelector('.redflag-check').open") is False


@pytest.mark.parametrize("path", ["/log/", "/log/history", "/emergency", "/urgent", "/log/assessed"])
def test_axe_log_pages(page, live, path):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    page.click("label[for=leg_pain-5]")
    page.click("text=Save check-in")
    page.wait_for_url("**/log/history?saved=1")
    page.goto(live.url + path)
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="dark")
    assert axe_violations(page) == []


def test_log_today_and_history_are_readable_offline_without_a_prior_visit(page, context, live):
    browser_signup(page, live)
    page.goto(live.url + "/red-flags")
    wait_for_service_worker(page)
    page.goto(live.url + "/red-flags")                  # a controlled page asks for the warm-up
    wait_until(page, """caches.open('sciatica-pages').then((c) => c.keys())
                        .then((keys) => keys.some((r) => new URL(r.url).pathname === '/log/history'))""")
    context.set_offline(True)
    page.goto(live.url + "/log/history")
    assert page.locator("h1").inner_text() == "Your check-ins"
    assert page.locator(".cached-notice").is_visible()
    page.goto(live.url + "/log/")
    assert page.locator("h1").inner_text() == "How are you now?"
