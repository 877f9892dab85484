"""A ticked warning sign wins on every button, in real Chromium with JavaScript on and off (issue 21):
every button on Today, the check-in's and the welcome's; online and offline; the follow-up
questions asked on the phone before anything is kept; a warning before leaving with a box ticked."""
import datetime as dt

import pytest

from webapp.models import CheckIn, Completion, RedFlagCheck, User

from ..helpers import (
    OUTBOX_COUNT,
    add_checkins,
    axe_violations,
    backdate_stage,
    browser_signup,
    browser_start_program,
    eventually,
    new_uuid,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser

# Every kind of button on Today, as a person finds it (the first of each).
BUTTONS = {
    "none of these": "#safety-check .none-of-these",
    "quick check-in's Save": ".quick-checkin button[type=submit]",
    "an exercise's Done": ".ex-row .ex-button:not([disabled])",
    "I have spoken to a doctor": ".contact-card button",
    "the suggestion's Yes": ".suggestion-card .suggestion-yes",
    "the suggestion's Not now": ".suggestion-card button:not(.suggestion-yes)",
    "the recovery codes' Not now": "#recovery-later",
}


def page_with(browser, browser_context_args, js):
    context = browser.new_context(**browser_context_args, java_script_enabled=js)
    page = context.new_page()
    page.js = js
    page.scripts_off = not js                    # tests/browser/conftest.py: no scripts to wait for
    return context, page


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def js_page(request, browser, browser_context_args):
    context, page = page_with(browser, browser_context_args, request.param)
    yield page
    context.close()


@pytest.fixture
def plain_page(browser, browser_context_args):
    """A browser with JavaScript switched off."""
    context, page = page_with(browser, browser_context_args, False)
    yield page
    context.close()


def everything_on_today(email):
    """A stage suggestion, an unanswered card, the codes offer: every kind of button shows. The
    suggestion is a step back (an unanswered contact card holds back moving up, never a step back)."""
    user = User.by_email(email)
    User.update(stage=2).where(User.id == user.id).execute()
    add_checkins(user, [3, 3, 3, 3, 8, 8])
    backdate_stage(user, 20)
    RedFlagCheck.create(user=user, uuid=new_uuid(), client_updated_at=dt.datetime(2026, 11, 20, 8), tier="soon",
                        local_date=dt.date.today() - dt.timedelta(days=1), local_time="08:00",
                        contact_today="weight_loss")
    User.update(recovery_offered_at=None).where(User.id == user.id).execute()
    return user


def open_check(page):
    if not page.evaluate("document.querySelector('details.redflag-check').open"):
        page.click("#safety-check summary")


@pytest.mark.parametrize("button", list(BUTTONS))
def test_every_button_on_today_with_a_go_now_box_ticked_leads_to_the_emergency_screen(js_page, live, button):
    page = js_page
    email = browser_start_program(page, live, days_ago=60)
    user = everything_on_today(email)
    page.goto(live.url + "/")
    assert page.locator(BUTTONS[button]).count() >= 1, button
    before, stage = RedFlagCheck.for_user(user).count(), User.get_by_id(user.id).stage
    open_check(page)
    page.check("#go_now-saddle")
    page.click(BUTTONS[button])
    page.wait_for_url("**/emergency*")
    assert "Go to A&E or call 999 now" in page.inner_text("main")
    eventually(lambda: RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "now").exists(), timeout=15)
    page.goto(live.url + "/")                                   # sends anything still on the phone
    if page.js:
        wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    answers = list(RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "now"))
    assert [(a.go_now, a.assessed_at) for a in answers] == [("saddle", None)]       # stored once
    assert RedFlagCheck.for_user(user).count() == before + 1
    assert Completion.for_user(user).count() == 0                # not counted during the pause
    assert User.get_by_id(user.id).stage == stage                # the suggestion was not taken
    assert "Your exercises are paused" in page.inner_text("main")


@pytest.mark.parametrize("button", ["quick check-in's Save", "an exercise's Done"])
def test_offline_a_ticked_box_wins_on_save_and_done_and_arrives_once(page, context, live, button):
    email = browser_start_program(page, live)
    user = User.by_email(email)
    wait_for_service_worker(page)
    page.goto(live.url + "/")
    page.goto(live.url + "/emergency")
    page.goto(live.url + "/")
    context.set_offline(True)
    open_check(page)
    page.check("#go_now-bladder")
    page.click(".quick-checkin label[for=leg_pain-5]")
    page.click(BUTTONS[button])
    page.wait_for_url("**/emergency")
    assert page.locator('[data-sign="bladder"]').is_visible()
    page.goto(live.url + "/")                                   # the kept Today: paused at once
    assert page.locator("[data-offline-pause]").is_visible() and page.locator("[data-completion]").count() == 0
    context.set_offline(False)
    page.reload()
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=20)
    assert [a.go_now for a in RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "now")] == ["bladder"]
    assert Completion.for_user(user).count() == 0
    assert [c.leg_pain for c in CheckIn.for_user(user)] == ([5] if button.startswith("quick") else [])


def test_a_contact_box_ticked_with_done_counts_the_exercise_and_shows_the_urgent_screen(page, live):
    email = browser_start_program(page, live)
    user = User.by_email(email)
    open_check(page)
    page.check("#contact_today-fever")
    page.click(BUTTONS["an exercise's Done"])
    page.wait_for_url("**/urgent")
    page.goto(live.url + "/")
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    assert Completion.for_user(user).count() == 1
    assert RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "today").count() == 1
    assert "Have you spoken to your GP" in page.inner_text(".contact-card")


def test_today_drawn_before_the_contact_answer_arrives_shows_its_card_when_it_does(page, live):
    """Today opened while the answer is still on its way (the urgent screen's send not yet through):
    the card comes from the server once the answer arrives, without leaving the page."""
    email = browser_start_program(page, live)
    user = User.by_email(email)
    held = []
    page.route("**/api/sync", lambda route: held.append(route))     # the answer stays on its way
    open_check(page)
    page.check("#contact_today-fever")
    page.click(BUTTONS["an exercise's Done"])
    page.wait_for_url("**/urgent")
    page.goto(live.url + "/")
    contact = RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "today")
    assert page.locator(".contact-card").count() == 0 and contact.count() == 0
    for route in held:
        route.abort()                          # as a lost signal: the records stay on the phone
    page.unroute("**/api/sync")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert "Have you spoken to your GP" in page.inner_text(".contact-card")      # waits for it
    assert contact.count() == 1 and page.url == live.url + "/"


def test_today_drawn_just_before_the_answer_arrived_fetches_its_card_once(browser, browser_context_args, live):
    """The answer arrives between the server drawing Today and the page's scripts starting: the
    page asks the server once. (No service worker, so the test can hand back the earlier page.)"""
    context = browser.new_context(**browser_context_args, service_workers="block")
    page = context.new_page()
    email = browser_start_program(page, live)
    user = User.by_email(email)
    before = page.evaluate("fetch('/', {cache: 'no-store'}).then((r) => r.text())")   # no card in it
    assert "contact-card" not in before
    open_check(page)
    page.check("#contact_today-fever")
    page.click(BUTTONS["an exercise's Done"])
    page.wait_for_url("**/urgent")
    eventually(lambda: RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "today").count() == 1, timeout=15)
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    page.route(live.url + "/", lambda route: route.fulfill(body=before, content_type="text/html"), times=1)
    page.goto(live.url + "/")
    assert "Have you spoken to your GP" in page.inner_text(".contact-card")      # waits for it
    page.goto(live.url + "/log/")
    page.route(live.url + "/", lambda route: route.fulfill(body=before, content_type="text/html"), times=1)
    page.goto(live.url + "/")                 # asked once per answer: this old page stays as it was
    page.wait_for_timeout(500)
    assert page.locator(".contact-card").count() == 0
    context.close()


@pytest.mark.parametrize("where", ["/log/", "/"])
def test_the_phone_asks_a_blank_follow_up_before_it_keeps_a_check_in(page, live, where):
    email = browser_start_program(page, live)
    page.goto(live.url + where)
    form = ".checkin-form" if where == "/log/" else ".quick-checkin"
    page.click(f"{form} label[for=leg_pain-4]") if where == "/" else page.click("label[for=leg_pain-4]")
    if where == "/":
        page.click(".quick-more summary")        # which leg is under "More" on Today (issue 23.1)
    page.click("label[for=leg_side-both]")
    assert page.locator("label[for=spread_to_other-yes]").is_visible()       # asked at once
    page.click(BUTTONS["quick check-in's Save"] if where == "/" else "form.checkin-form button.button-primary")
    wait_until(page, "!!document.querySelector('[data-field=spread_to_other] .js-error')")
    assert "has it spread to your other leg?" in page.inner_text("[data-field=spread_to_other]")
    assert page.evaluate(OUTBOX_COUNT) == 0 and CheckIn.for_user(User.by_email(email)).count() == 0
    page.click("label[for=spread_to_other-no]")
    page.click(BUTTONS["quick check-in's Save"] if where == "/" else "form.checkin-form button.button-primary")
    eventually(lambda: CheckIn.for_user(User.by_email(email)).count() == 1, timeout=15)


def test_weakness_in_both_legs_not_new_asks_the_last_question_and_routes_at_once(page, context, live):
    email = browser_start_program(page, live)
    page.goto(live.url + "/log/")
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")
    page.goto(live.url + "/emergency")
    page.goto(live.url + "/log/")
    context.set_offline(True)
    page.click("label[for=leg_pain-4]")
    page.click("label[for=weakness-yes]")
    page.click("label[for=weakness_new-no]")
    assert not page.locator("label[for=both_constant-yes]").is_visible()
    page.click("label[for=weakness_side-both]")
    assert page.locator("label[for=both_constant-yes]").is_visible()
    page.click("label[for=both_constant-yes]")
    page.click("form.checkin-form button.button-primary")
    page.wait_for_url("**/emergency")
    assert page.locator('[data-sign="both_legs_constant"]').is_visible()
    context.set_offline(False)
    page.goto(live.url + "/log/")
    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=20)
    user = User.by_email(email)
    assert RedFlagCheck.get((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).go_now == "both_legs_constant"
    assert CheckIn.get(CheckIn.user == user).both_constant is True
    # The phone sends the answer with the check-in in one flight: the server keeps no second one.
    assert RedFlagCheck.select().where((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).count() == 1


@pytest.mark.parametrize("button", ["form.checkin-form button.button-primary", "form.checkin-form .none-of-these"])
def test_the_check_in_page_with_and_without_javascript(js_page, live, button):
    page = js_page
    email = browser_start_program(page, live)
    page.goto(live.url + "/log/")
    page.click("form.checkin-form .redflag-check summary")
    page.check("#go_now-bowel")
    page.click("label[for=leg_pain-7]")
    page.click(button)
    page.wait_for_url("**/emergency*")
    user = User.by_email(email)
    eventually(lambda: RedFlagCheck.for_user(user).where(RedFlagCheck.tier == "now").count() == 1, timeout=15)
    eventually(lambda: CheckIn.for_user(user).count() == 1, timeout=15)
    assert CheckIn.get(CheckIn.user == user).leg_pain == 7


def test_the_check_in_page_without_javascript_asks_a_blank_follow_up(plain_page, live):
    page = plain_page
    email = browser_start_program(page, live)
    page.goto(live.url + "/log/")
    page.click("label[for=leg_pain-3]")
    page.click("label[for=weakness-yes]")
    page.click("label[for=weakness_new-yes]")
    page.click("form.checkin-form button.button-primary")
    assert "Please answer: is it in one leg or both?" in page.inner_text("[data-field=weakness_side]")
    assert page.is_checked("#leg_pain-3") and page.is_checked("#weakness_new-yes")
    assert "Call your GP today" in page.inner_text("main")       # the new weakness is kept at once
    page.click("label[for=weakness_side-both]")
    page.click("form.checkin-form button.button-primary")
    page.wait_for_url("**/emergency?signs=both_legs_new")
    user = User.by_email(email)
    assert [a.tier for a in RedFlagCheck.for_user(user).where(RedFlagCheck.tier != "none")] == ["now"]


def test_the_welcomes_go_now_step_with_and_without_javascript(js_page, live):
    page = js_page
    email = browser_signup(page, live)
    page.check("#go_now-sexual")
    page.click(".none-of-these")
    page.wait_for_url("**/emergency?signs=sexual")
    assert RedFlagCheck.get(RedFlagCheck.user == User.by_email(email)).tier == "now"


def test_leaving_with_a_box_ticked_asks_first(page, live):
    browser_start_program(page, live)
    open_check(page)
    page.check("#go_now-chest")
    asked = []

    def answer(dialog, accept):
        asked.append((dialog.type, dialog.message))
        dialog.accept() if accept else dialog.dismiss()
    page.once("dialog", lambda d: answer(d, False))
    page.click(".tabbar a[href='/log/']")
    assert asked and asked[0][0] == "confirm" and "have not sent it" in asked[0][1]
    assert page.url == live.url + "/" and page.is_checked("#go_now-chest")
    page.click("a[href='#safety-check']")                       # on the same page: no question
    assert len(asked) == 1
    page.once("dialog", lambda d: answer(d, True))
    page.evaluate("location.href = '/library/'")                # any other way out: beforeunload
    page.wait_for_url("**/library/")
    assert asked[1][0] == "beforeunload"


def test_axe_on_today_with_every_kind_of_button(page, live):
    email = browser_start_program(page, live, days_ago=60)
    everything_on_today(email)
    page.goto(live.url + "/")
    open_check(page)
    page.click(".quick-more summary")            # which leg is under "More" on Today (issue 23.1)
    page.click("label[for=leg_side-both]")
    page.click(".quick-checkin button[type=submit]")
    wait_until(page, "!!document.querySelector('.js-error')")
    assert axe_violations(page) == []
