"""The warning-sign check in real Chromium: a ticked box always wins, online and offline; the go-now
step at the start; background risks asked once; the pause on the phone at once; the country's
numbers offline; the banner's size; axe on every changed page, light and dark."""
import datetime as dt

import pytest

from webapp.models import Completion, RedFlagCheck, User

from ..helpers import (
    OUTBOX_COUNT,
    axe_violations,
    browser_signup,
    browser_start_program,
    eventually,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser

VISIBLE = "((el) => !!el && !el.closest('[hidden]') && el.getClientRects().length > 0)"


def open_log_ready(page, live):
    page.goto(live.url + "/log/")
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")          # now controlled, so the worker caches this page
    wait_until(page, f"{OUTBOX_COUNT} === 0")


def start_program(page, live, **welcome):
    """Sign up, answer the go-now step and the questions, and start: ends on Today."""
    return browser_start_program(page, live, **welcome)


def visible(page, selector):
    return page.evaluate(f"{VISIBLE}(document.querySelector({selector!r}))")


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_a_ticked_go_now_box_then_none_of_these_goes_to_the_emergency_screen(page, context, live, offline):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    page.goto(live.url + "/emergency")      # precached anyway; visit to be sure
    page.goto(live.url + "/log/")
    if offline:
        context.set_offline(True)
    page.check("#go_now-bladder")
    assert page.inner_text(".redflag-check .none-of-these") == "Save my answer"   # relabelled while ticked
    page.click(".redflag-check .none-of-these")   # the wrong button, with the box still ticked
    page.wait_for_url("**/emergency*")
    assert "999" in page.locator("h1").first.inner_text()
    # The reason for the sign ticked on this phone, even from the copy kept offline.
    assert visible(page, '[data-sign="bladder"]') and not visible(page, '[data-sign="chest"]')
    assert not visible(page, '[data-reason="any"]') and visible(page, '[data-reason="ces"]')
    if offline:
        context.set_offline(False)
        page.reload()
    user = User.by_email(email)

    def answer_arrived():
        return RedFlagCheck.select().where(RedFlagCheck.user == user).exists()
    eventually(answer_arrived, timeout=15)
    check = RedFlagCheck.get(RedFlagCheck.user == user)
    assert (check.tier, check.go_now) == ("now", "bladder")


def test_unticking_gives_none_of_these_back(page, live):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    page.check("#contact_today-fever")
    assert page.inner_text(".none-of-these") == "Save my answer"
    page.uncheck("#contact_today-fever")
    assert page.inner_text(".none-of-these") == "None of these"


def test_a_chest_pain_answer_says_call_999_not_the_cauda_equina_text(page, live):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    page.check("#go_now-chest")
    page.click(".none-of-these")
    page.wait_for_url("**/emergency")
    assert page.locator("#emergency-heading").inner_text() == "Call 999 now for an ambulance"
    assert visible(page, '[data-reason="chest"]') and not visible(page, '[data-reason="ces"]')


@pytest.mark.parametrize("signs", [("chest", "saddle"), ("accident", "bladder")])
def test_chest_pain_or_an_accident_with_another_sign_says_call_an_ambulance_on_the_phone_offline(
        page, context, live, signs):
    """Issue 21 item 8: the phone's copy of the screen said "Go to A&E" once another sign was ticked."""
    browser_signup(page, live)
    open_log_ready(page, live)
    page.goto(live.url + "/emergency")
    page.goto(live.url + "/log/")
    context.set_offline(True)
    for sign in signs:
        page.check(f"#go_now-{sign}")
    page.click(".none-of-these")
    page.wait_for_url("**/emergency")
    assert page.locator("#emergency-heading").inner_text() == "Call 999 now for an ambulance"
    assert visible(page, 'ol[data-when="call"]') and not visible(page, 'ol[data-when="go"]')
    assert visible(page, f'[data-sign="{signs[0]}"]') and visible(page, f'[data-sign="{signs[1]}"]')
    assert visible(page, '[data-reason="ces"]')                     # every reason is still given
    context.set_offline(False)


def test_onboarding_asks_the_go_now_questions_first(page, live):
    email = browser_signup(page, live)
    assert page.url == live.url + "/welcome"
    assert "First, a safety check" in page.inner_text("main")
    assert page.locator("input[name=go_now]").count() == 9
    assert page.locator("#episode_start").count() == 0          # no stage before the safety step
    assert axe_violations(page) == []
    page.check("#go_now-saddle")
    page.click(".none-of-these")
    page.wait_for_url("**/emergency?signs=saddle")
    assert visible(page, '[data-sign="saddle"]')
    assert RedFlagCheck.get(RedFlagCheck.user == User.by_email(email)).tier == "now"


def test_past_cancer_at_the_start_never_sends_the_next_days_none_of_these_to_the_urgent_screen(page, live):
    email = start_program(page, live, background=("past_cancer",))
    user = User.by_email(email)
    assert [c.tier for c in RedFlagCheck.for_user(user).order_by(RedFlagCheck.id)] == ["none", "soon"]
    # The next day: the answers of the first day move back a day, and Today asks again.
    for check in RedFlagCheck.for_user(user):
        check.local_date -= dt.timedelta(days=1)
        check.save()
    page.evaluate("localStorage.removeItem('sc-redflag-date')")
    page.goto(live.url + "/")
    assert page.evaluate("document.querySelector('details.redflag-check').open")
    assert "Have you spoken to your GP" in page.inner_text(".contact-card")   # the once-only finding
    page.click("#safety-check .none-of-these")
    wait_until(page, "document.querySelector('#safety-check .save-status').textContent.includes('Thank you')")
    assert page.url == live.url + "/"
    eventually(lambda: RedFlagCheck.for_user(user).count() == 3, timeout=15)
    assert RedFlagCheck.for_user(user).order_by(RedFlagCheck.id.desc()).first().tier == "none"


def test_an_offline_go_now_answer_pauses_the_phone_at_once_and_a_forced_tick_is_not_counted(page, context, live):
    email = start_program(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/")                        # Today, kept on the phone
    page.goto(live.url + "/emergency")
    page.goto(live.url + "/")
    assert page.locator("#ex-morning-knees-rocking-btn").is_visible()
    context.set_offline(True)
    page.click("#safety-check summary")
    page.check("#go_now-bowel")
    page.click("#safety-check .none-of-these")
    page.wait_for_url("**/emergency")
    assert page.evaluate("document.body.dataset.pageSource") == "shell"     # the copy kept for anyone
    assert page.locator(".tabbar:visible a[href='/']").count() == 1  # with the signed-in navigation
    assert visible(page, '[data-sign="bowel"]')
    page.goto(live.url + "/")                        # the cached Today
    assert page.evaluate("document.body.dataset.pageSource") == "cache"
    assert visible(page, "[data-offline-pause]") and "Your exercises are paused" in page.inner_text("main")
    assert page.locator("form[data-completion]").count() == 0
    assert page.locator("text=Done").count() == 0 or not visible(page, "#today-plan")
    # A tick forced through the outbox all the same: kept on the phone, refused, shown as not counted.
    page.evaluate("""OutboxCore.save({kind: 'completion', owner: document.body.dataset.person,
                     data: {exercise: 'knees-rocking', session: 'morning'}})""")
    context.set_offline(False)
    page.evaluate("OutboxCore.flush()")
    wait_until(page, "!!document.querySelector('.outbox-rejected')", timeout=20)
    assert "not counted" in page.inner_text(".outbox-rejected")
    assert "Not counted: your exercises are paused" in page.inner_text(".outbox-rejected")
    user = User.by_email(email)
    assert RedFlagCheck.get((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).go_now == "bowel"
    assert Completion.for_user(user).count() == 0
    page.goto(live.url + "/")                        # from the server now: paused there too
    assert page.locator("[data-pause-state=server]").is_visible()


def test_country_us_shows_911_on_the_emergency_screen_online_and_offline(page, context, live):
    assert page.evaluate("navigator.language") == "en-GB"
    start_program(page, live, country="US")
    wait_for_service_worker(page)
    page.goto(live.url + "/emergency")
    assert "911" in page.inner_text("#emergency-heading")
    assert page.get_attribute("main a[data-c-dial]", "href") == "tel:911"
    # The copy kept for anyone was made for an en-GB browser: 999. Without the person's own copy,
    # the country kept on the phone still turns it into 911 offline.
    shell = page.evaluate("""caches.keys().then((names) => caches.open(names.find((n) => n.startsWith('sciatica-shell-'))))
        .then((cache) => cache.match('/emergency?lang=en')).then((r) => r.text())""")
    assert "call <span data-c=\"number\">999</span> now" in shell
    page.evaluate("caches.open('sciatica-pages').then((cache) => cache.delete('/emergency?lang=en'))")
    context.set_offline(True)
    page.goto(live.url + "/emergency")
    assert page.evaluate("document.body.dataset.pageSource") == "shell"
    assert "Call 911 now" in page.inner_text("main") or "call 911 now" in page.inner_text("#emergency-heading")
    assert page.get_attribute("main a[data-c-dial]", "href") == "tel:911"
    assert "ER or 911 now" in page.inner_text(".redflag-banner")


SHELL_COPY = """(path) => caches.keys()
  .then((names) => caches.open(names.find((n) => n.startsWith('sciatica-shell-'))))
  .then((cache) => cache.match(`${path}?lang=en`)).then((r) => r.text())"""


def test_an_article_kept_offline_shows_the_signed_in_persons_number(page, context, live):
    """Issue 21 item 3: articles are kept once for anyone, here for an en-GB browser (999). A US
    person reading one offline sees 911 and the emergency room, in the text as on the banner."""
    start_program(page, live, country="US")
    wait_for_service_worker(page)
    page.goto(live.url + "/program")                  # any page from the server keeps the person's words
    article = "/library/sex-and-sciatica"
    assert 'call <span data-c="number">999</span> now' in page.evaluate(SHELL_COPY, article)
    page.evaluate(f"caches.open('sciatica-pages').then((cache) => cache.delete('{article}?lang=en'))")
    context.set_offline(True)
    page.goto(live.url + article)
    assert page.evaluate("document.body.dataset.pageSource") == "shell"
    text = page.inner_text(".article-body")
    assert "Go to the emergency room or call 911 now if you notice any of these, and they are new:" in text
    assert "999" not in text and "A&E" not in text
    assert "ER or 911 now" in page.inner_text(".redflag-banner")
    context.set_offline(False)


def test_the_country_list_is_usable_at_320_px(page, live):
    """94 choices in a native list: it fits a 320 px screen and a choice is kept."""
    page.set_viewport_size({"width": 320, "height": 640})
    email = start_program(page, live)
    page.goto(live.url + "/account/safety")
    box = page.locator("#country").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("#country option").count() >= 62
    page.select_option("#country", "XI")
    page.click("form:has(#country) button[type=submit]")
    page.wait_for_url("**/account/")
    assert User.by_email(email).country == "XI"
    page.goto(live.url + "/urgent?signs=fever")
    assert "call your GP out-of-hours service" in page.inner_text("main")
    assert axe_violations(page) == []


BANNER_LINES = """() => {
  const banner = document.querySelector('.redflag-banner');
  const range = document.createRange();
  range.selectNodeContents(banner.querySelector('a'));
  const tops = new Set([...range.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.top)));
  const lineHeight = parseFloat(getComputedStyle(banner).lineHeight);
  const box = banner.getBoundingClientRect();
  return {lines: tops.size, height: box.height, lineHeight, top: box.top,
          link: banner.querySelector('a').getBoundingClientRect().height,
          sticky: getComputedStyle(banner).position === 'sticky'};
}"""
PUBLIC = ["/account/signin", "/account/signup", "/red-flags", "/emergency", "/urgent", "/offline", "/library/",
          "/library/red-flags-and-cauda-equina", "/exercises/knees-rocking"]
SIGNED_IN = ["/", "/log/", "/log/history", "/program", "/report/", "/account/", "/welcome/both-legs",
             "/log/assessed", "/exercises/knees-rocking"]


def assert_banner_small_and_sticky(page):
    first = page.evaluate(BANNER_LINES)
    assert first["sticky"] and first["lines"] <= 2, (page.url, first)
    assert first["height"] <= 2 * first["lineHeight"] + 12, (page.url, first)     # 2 lines and padding
    assert first["link"] >= 44, (page.url, first)                                   # still a full-size target
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate(BANNER_LINES)["top"] == 0, page.url


def test_the_banner_is_at_most_two_lines_and_sticky_at_360_on_every_page(page, live):
    for path in PUBLIC:
        page.goto(live.url + path)
        assert_banner_small_and_sticky(page)
    start_program(page, live)
    for path in SIGNED_IN:
        page.goto(live.url + path)
        assert_banner_small_and_sticky(page)
    for country in ("IE", "XX", "EU", "AU", "ZA"):            # the longest numbers fit too
        page.goto(live.url + "/account/")
        page.select_option("#country", country)
        page.click("form:has(#country) button[type=submit]")
        page.goto(live.url + "/")
        assert_banner_small_and_sticky(page)


def test_the_check_in_follow_ups_show_when_they_apply_and_route_at_once(page, live):
    email = start_program(page, live)
    page.goto(live.url + "/log/")
    assert not visible(page, "[data-follow=weakness]") and not visible(page, "[data-follow=leg_side]")
    page.click("label[for=leg_pain-5]")
    page.click("label[for=leg_side-both]")
    assert visible(page, "[data-follow=leg_side]")
    page.click("label[for=spread_to_other-yes]")
    page.click("text=Save check-in")
    page.wait_for_url("**/emergency")
    assert visible(page, '[data-sign="both_legs_new"]')
    page.goto(live.url + "/log/")
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    # The check-in and its answer went in one flight: the server kept the phone's answer, no second.
    answers = RedFlagCheck.select().where((RedFlagCheck.user == User.by_email(email)) & (RedFlagCheck.tier == "now"))
    assert [a.go_now for a in answers] == ["both_legs_new"]


CHANGED_PAGES = ["/", "/log/", "/log/history", "/emergency", "/urgent", "/red-flags", "/account/",
                 "/account/safety", "/welcome/both-legs", "/report/", "/exercises/knees-rocking",
                 "/emergency?signs=chest", "/urgent?signs=weight_loss&when=soon"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_every_changed_page(page, live, scheme):
    page.emulate_media(color_scheme=scheme)
    email = browser_signup(page, live)
    assert axe_violations(page) == [], "/welcome (go-now step)"
    page.click(".none-of-these")
    page.wait_for_selector("#episode_start")
    assert axe_violations(page) == [], "/welcome (questions)"
    page.check("#side-both")
    page.fill("#episode_start", (dt.date.today() - dt.timedelta(days=60)).isoformat())
    page.check("#pattern-unsure")
    page.click("label[for=leg_pain-3]")
    page.click("label[for=tingling-no]")
    page.click("label[for=weakness-yes]")
    page.click("label[for=weakness_new-no]")
    page.click("label[for=weakness_side-both]")
    page.click("label[for=both_constant-no]")          # weak in both legs, not new: asked next
    page.check("#background-over_50")
    page.click("label[for=pregnant-no]")
    page.click("text=Continue")
    page.wait_for_selector("text=Four questions about both legs")
    assert axe_violations(page) == [], "/welcome (both legs)"
    for name, answer in (("recent", "no"), ("saddle", "no"), ("constant", "no"), ("examined", "no")):
        page.click(f"label[for=both_{name}-{answer}]")
    page.click("text=Continue")
    page.wait_for_selector("text=Start my program")
    assert axe_violations(page) == [], "/welcome (proposal)"
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    for path in CHANGED_PAGES:
        page.goto(live.url + path)
        assert axe_violations(page) == [], path
    User.update(background_answered_at=None).where(User.id == User.by_email(email).id).execute()
    page.goto(live.url + "/")
    page.wait_for_url("**/welcome/once")
    assert "Both legs" in page.inner_text("main") and axe_violations(page) == [], "/welcome/once"
