"""The warning-sign check in real Chromium: a ticked box always wins, online and offline."""
import pytest

from webapp.models import RedFlagCheck, User

from ..helpers import browser_signup, eventually, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

OUTBOX_COUNT = "Number(document.body.dataset.outboxCount || -1)"


def open_log_ready(page, live):
    page.goto(live.url + "/log/")
    wait_for_service_worker(page)
    page.goto(live.url + "/log/")          # now controlled, so the worker caches this page
    wait_until(page, f"{OUTBOX_COUNT} === 0")


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_a_ticked_go_now_box_then_none_of_these_goes_to_the_emergency_screen(page, context, live, offline):
    email = browser_signup(page, live)
    open_log_ready(page, live)
    page.goto(live.url + "/emergency")      # precached anyway; visit to be sure
    page.goto(live.url + "/log/")
    if offline:
        context.set_offline(True)
    page.check("#go_now-bladder")
    page.click(".redflag-check .none-of-these")   # the wrong button, with the box still ticked
    page.wait_for_url("**/emergency*")
    assert "999" in page.locator("h1").first.inner_text()
    if offline:
        context.set_offline(False)
        page.reload()
    user = User.by_email(email)

    def answer_arrived():
        return RedFlagCheck.select().where(RedFlagCheck.user == user).exists()
    eventually(answer_arrived, timeout=15)
    check = RedFlagCheck.get(RedFlagCheck.user == user)
    assert (check.tier, check.go_now) == ("now", "bladder")
