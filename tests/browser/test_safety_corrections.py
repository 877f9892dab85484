"""Warning-sign answers are kept for good, in real Chromium: "I ticked this by mistake" from the
paused card lifts the pause on the server and on the phone and stays in the history; the phone's
outbox says plainly why a taken-back answer was not accepted; axe on the new page, light and dark,
and nothing wider than a 320 px phone."""
import pytest

from webapp.models import RedFlagCheck, RedFlagCorrection, User

from ..helpers import axe_violations, browser_start_program, eventually, wait_until

pytestmark = pytest.mark.browser

VISIBLE = "((el) => !!el && !el.closest('[hidden]') && el.getClientRects().length > 0)"


def visible(page, selector):
    return page.evaluate(f"{VISIBLE}(document.querySelector({selector!r}))")


def tick_go_now_on_today(page, live, email, sign="saddle"):
    page.click("#safety-check summary")
    page.check(f"#go_now-{sign}")
    page.click("#safety-check .none-of-these")
    page.wait_for_url("**/emergency")
    user = User.by_email(email)
    eventually(lambda: RedFlagCheck.select().where((RedFlagCheck.user == user)
                                                   & (RedFlagCheck.tier == "now")).exists(), timeout=15)
    page.goto(live.url + "/")
    return user


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_ticked_by_mistake_from_the_paused_card(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    email = browser_start_program(page, live)
    user = tick_go_now_on_today(page, live, email)
    assert visible(page, "[data-pause-state=server]")
    button = page.locator("[data-pause-state=server] .mistake-link a")
    assert button.inner_text() == "I ticked this by mistake"
    assert button.bounding_box()["height"] >= 44
    button.click()
    page.wait_for_url("**/log/mistake")
    assert axe_violations(page) == [], "/log/mistake"
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    text = page.inner_text("main")
    assert "New numbness between your legs or around your bottom" in text
    assert "If you do have this now, don't use this button" in text
    page.fill("textarea[name=note]", "My thumb slipped")
    page.click("text=Yes, I ticked this by mistake")
    page.wait_for_url(live.url + "/")
    assert "Your exercises are back." in page.inner_text("main")
    assert not visible(page, "[data-pause-state=server]") and not visible(page, "[data-offline-pause]")
    assert page.locator("#ex-morning-knees-rocking-btn").is_visible()
    assert page.evaluate("localStorage.getItem('sc-paused')") is None     # the phone's own pause is gone too
    assert RedFlagCorrection.get(RedFlagCorrection.user == user).note == "My thumb slipped"
    page.goto(live.url + "/log/history")
    assert "you said you ticked this by mistake" in page.inner_text("main")
    assert axe_violations(page) == [], "/log/history"


def test_the_phone_shows_why_a_taken_back_answer_was_not_accepted(page, live):
    email = browser_start_program(page, live)
    user = tick_go_now_on_today(page, live, email, "bowel")
    uuid = RedFlagCheck.get((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).uuid
    # An old page, a stale phone or a careless client sends "none of these" under the same id.
    page.evaluate("""(uuid) => OutboxCore.save({kind: 'redflag', uuid, owner: document.body.dataset.person,
                                                data: {go_now: [], contact_today: []}})""", uuid)
    page.evaluate("OutboxCore.flush()")
    wait_until(page, "!!document.querySelector('.outbox-rejected')", timeout=20)
    item = page.inner_text(".outbox-rejected")
    assert "Safety check" in item and "not accepted" in item
    assert "A warning-sign answer can't be taken back or deleted" in item and "I ticked this by mistake" in item
    assert RedFlagCheck.get(RedFlagCheck.uuid == uuid).go_now == "bowel"
    page.goto(live.url + "/")
    assert visible(page, "[data-pause-state=server]")
