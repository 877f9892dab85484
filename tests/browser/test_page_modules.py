"""Each page loads only the modules its parts need (static/js/app.js ONLY_WHERE), and what must
run everywhere still does: the outbox is sent from any page, and on Today the timer's module
loads at the first tap on Start, which it then handles."""
import uuid

import pytest

from webapp.models import CheckIn, User

from ..helpers import browser_start_program, eventually, wait_until

pytestmark = pytest.mark.browser

LOADED = "performance.getEntriesByType('resource').some((e) => e.name.includes('/static/js/{}'))"


def scripts_ready(page):
    wait_until(page, "document.documentElement.dataset.scripts === 'ready'")


def test_todays_timer_loads_at_the_first_tap_on_start_and_that_tap_runs_it(page, live):
    browser_start_program(page, live)
    page.goto(live.url + "/")
    scripts_ready(page)
    timer = page.locator(".next-exercise[data-timer-inline]")
    assert timer.get_attribute("data-state") == "ready"
    assert page.inner_text(".next-card [data-timer-phase]") == "Ready when you are"
    assert page.inner_text(".next-card [data-timer-clock]").strip()
    assert not page.evaluate(LOADED.format("timer.js"))          # not on the first visit
    button = page.locator(".next-card [data-timer-start]:visible, .next-card [data-timer-count]:visible")
    assert button.count() == 1
    counting = button.get_attribute("data-timer-count") is not None
    button.click()                                                # one tap, and only one
    if counting:
        wait_until(page, "document.querySelector('.next-card [data-timer-reps]').textContent.startsWith('1 of')")
    else:
        wait_until(page, "document.querySelector('.next-exercise').dataset.state === 'running'")
        assert page.inner_text(".next-card [data-timer-start]") == "Pause"
    assert page.evaluate(LOADED.format("timer.js"))


def test_an_entry_kept_on_the_phone_is_sent_from_a_page_without_the_log_module(page, context, live):
    email = browser_start_program(page, live)
    page.goto(live.url + "/library/what-is-sciatica")
    scripts_ready(page)
    assert not page.evaluate(LOADED.format("log.js")) and not page.evaluate(LOADED.format("safety.js"))
    marker = f"kept-{uuid.uuid4().hex[:8]}"
    context.set_offline(True)
    page.evaluate("""async (marker) => {
        const stamp = OutboxCore.localStamp(new Date());
        await OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: crypto.randomUUID(),
            owner: document.body.dataset.person, client_updated_at: new Date().toISOString(), ...stamp,
            state: 'pending', errors: null, data: {leg_pain: 3, notes: marker}});
    }""", marker)
    user = User.by_email(email)
    context.set_offline(False)
    page.goto(live.url + "/library/")          # a page with no form: its opening sends what waits
    eventually(lambda: CheckIn.select().where(CheckIn.user == user, CheckIn.notes == marker).count() == 1,
               timeout=20)
    wait_until(page, "OutboxCore.all().then((r) => r.length === 0)")
