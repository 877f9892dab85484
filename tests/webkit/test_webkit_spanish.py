"""The core journey in Spanish in WebKit (Safari's engine): Spanish chosen on the sign-up page (the
visitor's control, no JavaScript needed), the go-now step and the welcome questions (Spain, 112), an
exercise done, a cold start from the home-screen URL with the server stopped and a check-in kept on
the phone in Spanish, sent once when the server is back, an article, the report, and a go-now sign
ticked on Today. On every screen no line is an English message left untranslated (tests/spanish.py)."""
import datetime as dt
import time

import pytest
from selenium.webdriver.common.by import By

from webapp.models import CheckIn, Completion, RedFlagCheck, User

from ..helpers import PASSWORD, start_url
from ..spanish import english_left, es
from .test_webkit_journey import OUTBOX_COUNT, click, cold_start, js, text, wait_for_worker, wait_js

pytestmark = pytest.mark.webkit


def in_spanish(driver, where):
    wait_js(driver, "document.readyState === 'complete'")
    assert js(driver, "document.documentElement.lang") == "es", where
    assert english_left(js(driver, "document.body.innerText")) == [], where


def test_a_spanish_journey_in_webkit_from_sign_up_to_the_report(webkit, live):
    email = f"webkit-es-{time.monotonic_ns()}@example.com"
    webkit.get(live.url + "/account/signup")
    # The control sits at the foot of the page, under the fixed bar WebDriver cannot click past:
    # choose and send it as the page's own script would.
    webkit.execute_script("document.getElementById('language-choice').value = 'es';"
                          "document.querySelector('.language-control').requestSubmit()")
    wait_js(webkit, "document.documentElement.lang === 'es' && document.readyState === 'complete'")
    in_spanish(webkit, "sign-up")
    webkit.find_element(By.ID, "email").send_keys(email)
    webkit.find_element(By.ID, "password").send_keys(PASSWORD)
    click(webkit, "#privacy")
    click(webkit, "main button[type=submit]")
    wait_js(webkit, "!!document.getElementById('recovery-later')")
    in_spanish(webkit, "recovery offer")
    click(webkit, "#recovery-later")
    wait_js(webkit, "location.pathname === '/welcome' && document.readyState === 'complete'")
    assert User.by_email(email).language == "es"
    in_spanish(webkit, "the go-now step")
    click(webkit, ".redflag-check .none-of-these")
    wait_js(webkit, "!!document.getElementById('episode_start')")
    in_spanish(webkit, "the welcome questions")
    start = (dt.date.today() - dt.timedelta(days=21)).isoformat()
    webkit.execute_script("document.getElementById('episode_start').value = arguments[0]", start)
    for control in ("#side-left", "#pattern-disc", "label[for=leg_pain-4]", "label[for=tingling-no]",
                    "label[for=weakness-no]", "#background_none", "label[for=pregnant-no]"):
        click(webkit, control)
    webkit.execute_script("document.getElementById('country').value = 'ES'")
    click(webkit, "form.onboarding button[type=submit]")
    wait_js(webkit, f"document.body.innerText.includes({es('Start my program')!r})")
    in_spanish(webkit, "the proposal")
    click(webkit, "form button.button-primary")
    wait_js(webkit, "location.pathname === '/' && document.readyState === 'complete'")
    in_spanish(webkit, "Today")
    user = User.by_email(email)

    click(webkit, ".ex-list .ex-title")
    wait_js(webkit, "location.pathname.startsWith('/exercises/') && document.readyState === 'complete'")
    in_spanish(webkit, "an exercise")
    click(webkit, "#mark-done")
    wait_js(webkit, f"(document.getElementById('done-heading') || {{}}).textContent === {es('Done')!r}")
    assert Completion.for_user(user).count() == 1

    webkit.get(live.url + "/")
    wait_for_worker(webkit)
    entry = start_url(live)
    live.stop()
    try:
        cold_start(webkit, live.url + entry)
        in_spanish(webkit, "Today, cold, the server stopped")
        click(webkit, ".quick-checkin label[for=leg_pain-6]")
        click(webkit, ".quick-checkin button[type=submit]")
        wait_js(webkit, f"{OUTBOX_COUNT} === 1")
        # The count comes as the check-in is kept, the words once the phone has found the server
        # gone (outbox-core.js), a moment later on a busy machine: wait for them, in Spanish.
        kept = es("Saved on this phone — will send when you're back online.")
        wait_js(webkit, f"document.querySelector('.quick-checkin .save-status').textContent === {kept!r}")
        in_spanish(webkit, "a check-in kept on the phone")
        assert CheckIn.for_user(user).count() == 0
    finally:
        live.start()
    webkit.get(live.url + "/")                           # no Background Sync: the load sends it
    wait_js(webkit, f"{OUTBOX_COUNT} === 0")
    assert [c.leg_pain for c in CheckIn.for_user(user)] == [6]

    webkit.get(live.url + "/library/what-is-sciatica")
    assert "ciática" in text(webkit, "h1").lower()
    in_spanish(webkit, "an article")
    webkit.get(live.url + "/report/")
    in_spanish(webkit, "the report")

    webkit.get(live.url + "/")
    wait_js(webkit, "!!document.querySelector('details.redflag-check')")
    webkit.execute_script("document.querySelector('details.redflag-check').open = true")
    click(webkit, "label[for=go_now-bladder]")
    click(webkit, ".redflag-check .none-of-these")
    wait_js(webkit, "location.pathname === '/emergency' && document.readyState === 'complete'")
    assert "112" in text(webkit, "main")
    assert webkit.find_element(By.CSS_SELECTOR, ".redflag-banner").is_displayed()
    in_spanish(webkit, "the emergency screen")
    wait_js(webkit, f"{OUTBOX_COUNT} === 0")
    assert [(r.tier, r.go_now) for r in RedFlagCheck.for_user(user) if r.tier != "none"] == [("now", "bladder")]
