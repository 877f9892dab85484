"""The whole day works offline (issue 23.4): every exercise of the current plan is kept on the
phone before it is opened; an unsent count shows while entries wait, and "Sent" once they
reach the server; the offline notice clears when the phone is back online."""
import json

import pytest

from webapp.models import Completion, User

from ..helpers import browser_start_program, eventually, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser


def test_every_exercise_of_the_plan_opens_offline_and_entries_say_sent(page, context, live):
    email = browser_start_program(page, live)
    wait_for_service_worker(page)
    page.goto(live.url + "/")
    urls = json.loads(page.get_attribute("[data-keep-offline]", "data-keep-offline"))
    opened_from_today = {a.split("?")[0] for a in page.eval_on_selector_all(
        ".ex-title", "els => els.map(e => e.getAttribute('href'))")}
    assert opened_from_today <= {u.split("?")[0] for u in urls}
    # Kept by the service worker in the background, none of them opened.
    wait_until(page, "sessionStorage.getItem('sc-warmed-plan') !== null", timeout=30)
    context.set_offline(True)
    for url in urls:
        page.goto(live.url + url)
        assert page.locator("ol").first.is_visible(), url                  # the steps
        assert "You're offline. This is a copy saved on this phone" in page.inner_text("main"), url
        assert page.locator("[data-timer]").count() == 1, url
    # A round done offline: the count of what waits shows, then "Sent" once it arrives.
    page.goto(live.url + "/")
    slug = page.get_attribute(".next-card .ex-button", "value").split(" ")[0]
    page.click(".next-card .ex-button")
    wait_until(page, "document.querySelector('.outbox-summary').textContent.includes('1 waiting')")
    assert page.is_visible(".outbox-panel")
    assert page.is_visible(".cached-notice")
    user = User.by_email(email)
    assert Completion.for_user(user).count() == 0
    context.set_offline(False)
    eventually(lambda: Completion.for_user(user).where(Completion.exercise == slug).count() == 1, timeout=30)
    wait_until(page, "document.querySelector('.outbox-summary').textContent.startsWith('Sent.')")
    assert page.is_visible(".outbox-panel") and not page.is_visible(".cached-notice")
