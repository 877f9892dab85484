"""The program in real headless Chromium: welcome, Today, the timer, done and "spread", offline ticks.

The timer needs a dose of a few seconds, so this module serves its own copy of content/ in which
one exercise (abdominal bracing) holds for 2 s twice. Production code has no test switch.
"""
import shutil
import time
from pathlib import Path

import pytest

from webapp.models import CheckIn, Completion, StageChange, User

from ..helpers import (
    add_checkin,
    axe_violations,
    browser_signup,
    browser_welcome,
    eventually,
    wait_for_service_worker,
    wait_until,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
SHORT = "abdominal-bracing"


def short_hold_content(root):
    """A copy of content/ in which abdominal bracing holds for 2 s, twice."""
    shutil.copytree(CONTENT, root / "content")
    exercise = root / "content" / "exercises" / f"{SHORT}.md"
    text = exercise.read_text()
    assert "  reps: 10\n" in text and "  hold_seconds: 10\n" in text
    exercise.write_text(text.replace("  reps: 10\n", "  reps: 2\n", 1)
                        .replace("  hold_seconds: 10\n", "  hold_seconds: 2\n", 1))
    return str(root / "content")


pytestmark = [pytest.mark.browser,
              pytest.mark.parametrize("live", [{"CONTENT_DIR": short_hold_content}], indirect=True)]


def answer_welcome(page, live, days_ago=21, pain=4, pattern="disc"):
    browser_welcome(page, days_ago, pain, pattern)


def signup_and_start(page, live):
    email = browser_signup(page, live)
    answer_welcome(page, live)
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    return email


def test_welcome_today_timer_done_spread_and_counter(page, live):
    email = browser_signup(page, live)
    assert page.url == live.url + "/welcome"
    assert axe_violations(page) == []
    answer_welcome(page, live)
    assert "We suggest stage 1: Calm, disc type" in page.inner_text("main")
    assert axe_violations(page) == []
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    user = User.by_email(email)
    assert user.stage == 1 and user.timezone  # filled in from the browser

    page.click(f"#ex-midday-{SHORT} .ex-title")
    page.wait_for_url(f"**/exercises/{SHORT}?session=midday")
    wait_until(page, "!document.getElementById('timer').hidden")
    assert page.inner_text("[data-timer-reps]") == "0 of 2"
    page.click("[data-timer-start]")
    wait_until(page, "document.querySelector('[data-timer-reps]').textContent === 'Rep 1 of 2'")
    wait_until(page, "document.getElementById('timer').dataset.state === 'done'", timeout=15)
    assert page.inner_text("[data-timer-reps]") == "2 of 2 done"
    assert page.inner_text("[data-timer-phase]") == "Done"

    page.click("#mark-done")
    wait_until(page, "document.getElementById('done-heading').textContent === 'Done'")
    page.click("#feel-spread")
    wait_until(page, "!document.getElementById('stop-now').hidden")
    assert page.locator("#stop-now").is_visible()
    assert "Stop this exercise for now" in page.inner_text("#stop-now")
    assert page.locator("#stop-now a[href='/red-flags']").count() == 1
    wait_until(page, "document.getElementById('feel-spread').getAttribute('aria-pressed') === 'true'")
    rows = list(Completion.for_user(User.by_email(email)))
    assert [(r.exercise, r.session, r.response) for r in rows] == [(SHORT, "midday", "spread")]

    # It spread: Today leaves it off for a week and says why; its own page still counts the round.
    page.goto(live.url + "/")
    assert page.locator(f"#ex-midday-{SHORT}").count() == 0
    assert "you said it spread symptoms down your leg today" in page.inner_text(".held-back")
    page.goto(live.url + f"/exercises/{SHORT}")
    assert page.inner_text("#done-card .ex-count").startswith("1 of 2 today")


def test_tick_on_today_is_one_tap(page, live):
    signup_and_start(page, live)
    page.click("#ex-morning-knees-rocking-btn")
    wait_until(page, "document.getElementById('ex-morning-knees-rocking-count').textContent === '1 of 3 today'")
    wait_until(page, "document.getElementById('ex-evening-knees-rocking-count').textContent === '1 of 3 today'")
    for _ in range(2):
        before = Completion.select().count()
        page.click("#ex-evening-knees-rocking-btn")
        eventually(lambda: Completion.select().count() > before)
    wait_until(page, "document.getElementById('ex-morning-knees-rocking-btn').disabled")
    assert page.inner_text("#ex-morning-knees-rocking-btn") == \
        "Done 3 of 3 today — the limit for this exercise"


def test_a_tap_while_the_last_is_saving_waits_and_counts_as_a_new_one(page, live):
    email = signup_and_start(page, live)
    held = []
    page.route("**/api/sync", lambda route: held.append(route))   # hold the first save
    page.click("#ex-morning-knees-rocking-btn")
    # Until it is saved and the row redrawn with a new id, a tap could only resend the same tick.
    assert page.is_disabled("#ex-morning-knees-rocking-btn")
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)                           # lets Playwright hand us the request
    assert held, "the tick was never sent"
    held[0].continue_()
    page.unroute("**/api/sync")
    page.click("#ex-morning-knees-rocking-btn")             # waits for the redrawn, enabled button
    wait_until(page, "document.getElementById('ex-morning-knees-rocking-count').textContent === '2 of 3 today'")
    user = User.by_email(email)
    eventually(lambda: Completion.for_user(user).count() == 2)
    assert len({c.uuid for c in Completion.for_user(user)}) == 2


def test_timer_counts_from_the_clock_across_a_locked_screen(page, live):
    page.goto(live.url + "/exercises/knees-rocking")  # 10 cycles of 5 s
    wait_until(page, "!document.getElementById('timer').hidden")
    page.click("[data-timer-start]")
    wait_until(page, "document.querySelector('[data-timer-reps]').textContent === 'Cycle 1 of 10'")
    # The screen "locks" for 23 s: no ticks run, but the clock moves on.
    page.evaluate("() => { const real = Date.now; Date.now = () => real() + 23000; }")
    wait_until(page, "document.querySelector('[data-timer-reps]').textContent === 'Cycle 5 of 10'")
    page.click("[data-timer-start]")  # pause
    assert page.inner_text("[data-timer-start]") == "Resume"
    page.evaluate("() => { const now = Date.now; Date.now = () => now() + 60000; }")
    time.sleep(0.4)
    assert page.inner_text("[data-timer-reps]") == "Cycle 5 of 10"  # paused time does not count
    page.click("[data-timer-reset]")
    assert page.inner_text("[data-timer-reps]") == "0 of 10"
    assert page.get_attribute("[data-timer-status]", "role") == "status"


def test_timer_respects_reduced_motion(page, live):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live.url + "/exercises/table-stretch")
    wait_until(page, "!document.getElementById('timer').hidden")
    assert page.evaluate("getComputedStyle(document.querySelector('.timer-bar')).display") == "none"


def test_a_tick_made_offline_is_sent_when_back_online(page, context, live):
    email = signup_and_start(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/")
    context.set_offline(True)
    page.click("#ex-morning-knees-rocking-btn")
    wait_until(page, "(document.querySelector('#ex-morning-knees-rocking .ex-saved') || {})"
                     ".textContent?.includes('Saved on this phone')")
    assert page.inner_text("#ex-morning-knees-rocking-count") == "1 of 3 today"
    assert page.inner_text("#ex-evening-knees-rocking-count") == "1 of 3 today"
    user = User.by_email(email)
    assert Completion.for_user(user).count() == 0
    context.set_offline(False)
    eventually(lambda: Completion.for_user(user).count(), timeout=30)
    rows = list(Completion.for_user(user))
    assert [(r.exercise, r.session) for r in rows] == [("knees-rocking", "morning")]
    page.goto(live.url + "/")
    assert page.inner_text("#ex-morning-knees-rocking-count") == "1 of 3 today"


def test_axe_on_today_program_and_exercise_pages(page, live):
    signup_and_start(page, live)
    for path in ("/", "/program", "/exercises/knees-rocking", "/reminders"):
        page.goto(live.url + path)
        assert axe_violations(page) == [], path
    page.emulate_media(color_scheme="dark")
    for path in ("/", f"/exercises/{SHORT}"):
        page.goto(live.url + path)
        assert axe_violations(page) == [], path


def test_program_pages_fit_at_320(page, live):
    signup_and_start(page, live)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/program", "/exercises/advanced-nerve-traction", "/exercises/lying-on-your-front",
                 "/reminders", "/welcome"):
        page.goto(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), path


# ---- program content, second edition (issue 14) ----

FRONT = "lying-on-your-front"
CHANGED_PAGES = ("/", "/program", f"/exercises/{FRONT}", "/exercises/graded-walking",
                 "/exercises/forward-lean-walking", "/exercises/advanced-nerve-traction", "/report/",
                 "/library/centralisation-and-peripheralisation")


def test_the_extension_asks_how_the_leg_responded_and_is_kept_only_while_it_eases(page, live):
    email = signup_and_start(page, live)
    user = User.by_email(email)
    add_checkin(user, user.local_today(), 3, walking=15)
    page.goto(live.url + "/")
    assert "About 80% of the 15 minutes you logged today." in page.inner_text("#ex-midday-graded-walking")
    assert CheckIn.for_user(user).count() == 1
    page.click(".session-optional > summary")          # optional extras fold on Today (issue 23.1)
    row = page.locator(f"#ex-extra-{FRONT}")
    assert "Keep it only if your leg eases or the pain moves up." in row.inner_text()
    row.locator(".ex-title").click()
    page.wait_for_url(f"**/exercises/{FRONT}")
    assert page.inner_text("#done-card legend") == "How did your leg respond?"
    labels = page.locator("#done-card .feeling-button").all_inner_texts()
    assert labels == ["Leg eased or moved up", "No change in my leg", "Leg felt worse", "Spread down my leg"]
    page.click("#feel-eased")
    wait_until(page, "document.getElementById('feel-eased').getAttribute('aria-pressed') === 'true'")
    eventually(lambda: [c.response for c in Completion.for_user(user)] == ["eased"])
    assert page.locator("#stop-now").is_hidden()
    page.goto(live.url + "/")
    assert page.locator(f"#ex-extra-{FRONT}").count() == 1
    # Another round whose answer is "no change": Today leaves it off and says why.
    page.goto(live.url + f"/exercises/{FRONT}")
    page.click("#feel-same")
    wait_until(page, "document.getElementById('feel-same').getAttribute('aria-pressed') === 'true'")
    eventually(lambda: sorted(c.response for c in Completion.for_user(user)) == ["eased", "same"])
    page.goto(live.url + "/")
    assert page.locator(f"#ex-extra-{FRONT}").count() == 0
    assert "you said your leg did not change today" in page.inner_text(".held-back")


def test_the_leg_eased_answer_made_offline_is_sent_when_back_online(page, context, live):
    email = signup_and_start(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/exercises/knees-rocking")
    context.set_offline(True)
    page.click("#feel-eased")
    wait_until(page, "document.getElementById('feel-eased').getAttribute('aria-pressed') === 'true'")
    wait_until(page, "document.querySelector('[data-done-status]').textContent.includes('Saved on this phone')")
    user = User.by_email(email)
    assert Completion.for_user(user).count() == 0
    context.set_offline(False)
    eventually(lambda: [c.response for c in Completion.for_user(user)] == ["eased"], timeout=30)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_pages_the_second_edition_changed(page, live, scheme):
    email = signup_and_start(page, live)
    user = User.by_email(email)
    add_checkin(user, user.local_today(), 3, walking=15)
    page.goto(live.url + f"/exercises/{FRONT}")
    page.click("#feel-same")             # leaves it off Today, so "Left off today" is on the page too
    wait_until(page, "document.getElementById('feel-same').getAttribute('aria-pressed') === 'true'")
    page.emulate_media(color_scheme=scheme)
    for path in CHANGED_PAGES:
        page.goto(live.url + path)
        assert axe_violations(page) == [], (scheme, path)
    page.goto(live.url + "/")
    assert page.locator(".held-back").count() == 1
    # The stenosis plan's notes: walking in short bouts at stage 1, and how to swim at stage 2.
    for stage in (1, 2):
        StageChange.record(User.by_email(email), stage, "stenosis", "person", "Physio's advice")
        for path in ("/", "/program", "/exercises/forward-lean-walking", "/exercises/swimming"):
            page.goto(live.url + path)
            assert axe_violations(page) == [], (scheme, stage, path)
    assert "Back stroke with a float" in page.inner_text("main")


def test_the_timer_in_spanish_shows_and_says_its_words_with_axe_at_0(page, live):
    email = signup_and_start(page, live)
    User.update(language="es").where(User.email == email).execute()
    page.goto(live.url + f"/exercises/{SHORT}?session=midday")
    assert page.locator("html").get_attribute("lang") == "es"
    wait_until(page, "!document.getElementById('timer').hidden")
    assert page.inner_text("#timer-heading") == "Temporizador"
    assert page.inner_text("[data-timer-phase]") == "Cuando quieras"
    assert page.inner_text("[data-timer-reps]") == "0 de 2"
    assert page.inner_text("[data-timer-start]") == "Empezar"
    assert axe_violations(page) == []
    page.click("[data-timer-start]")
    wait_until(page, "document.querySelector('[data-timer-reps]').textContent === 'Repetición 1 de 2'")
    assert page.inner_text("[data-timer-phase]") == "Mantén" and page.inner_text("[data-timer-start]") == "Pausa"
    # What a screen reader hears at each change is Spanish too.
    wait_until(page, "document.querySelector('[data-timer-status]').textContent === 'Repetición 1 de 2. Mantén.'")
    wait_until(page, "document.getElementById('timer').dataset.state === 'done'", timeout=15)
    assert page.inner_text("[data-timer-reps]") == "2 de 2 hechas"
    assert page.inner_text("[data-timer-phase]") == "Hecho"
    wait_until(page, "document.querySelector('[data-timer-status]').textContent"
                     " === 'Hecho. ¿Qué tal te ha ido? Puedes responder abajo.'")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
    page.click("#mark-done")
    wait_until(page, "document.getElementById('done-heading').textContent === 'Hecho'")
    page.click("#feel-better")
    wait_until(page, "document.getElementById('feel-better').getAttribute('aria-pressed') === 'true'")
    rows = list(Completion.for_user(User.by_email(email)))
    assert [(r.exercise, r.session, r.response) for r in rows] == [(SHORT, "midday", "better")]
    assert "1 de 2 hoy" in page.inner_text("#done-card .ex-count")
    assert axe_violations(page) == []
