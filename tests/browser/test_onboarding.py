"""Onboarding as a person in pain meets it, in real Chromium (issue 23, item 6): from a signed-out
start "Create an account" is the one main action; the recovery codes page survives a reload; "How
long have you had it?" is a tap, the date optional; answers given survive a reload of the page;
the proposal says what was chosen. axe finds nothing, light or dark."""
import itertools
import json
import os

import pytest

from webapp.models import RecoveryCode, User

from ..helpers import PASSWORD, axe_violations

pytestmark = pytest.mark.browser
_people = itertools.count()
PRIMARY = "[...document.querySelectorAll('main .button-primary')].filter((b) => b.getClientRects().length).map((b) => b.textContent.trim())"
CHECKED = "[...document.querySelectorAll('form.onboarding input:checked')].map((i) => i.id).sort()"


def no_axe(page, label):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], (label, scheme)
    page.emulate_media(color_scheme="light")


def test_a_newcomer_creates_an_account_reloads_and_keeps_their_answers(page, live):
    email = f"onboard{next(_people)}-{os.getpid()}@example.com"
    page.goto(live.url + "/")
    page.wait_for_url("**/account/signin**")
    assert page.evaluate(PRIMARY) == ["Create an account"]
    no_axe(page, "sign in")
    page.click("#create-account")
    page.wait_for_url(live.url + "/account/signup")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.check("#privacy")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(live.url + "/account/recovery/start")
    page.click("#recovery-show")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    # A reload of the codes page (Chromium sends the form again): a page, never "405 Method Not
    # Allowed", and never a new set that voids the one just written down.
    hashes = [c.code_hash for c in RecoveryCode.unused(User.by_email(email))]
    response = page.reload()
    assert response.status == 200, response.status
    assert "Your recovery codes" in page.inner_text("h1") and "shown once" in page.inner_text("main")
    assert [c.code_hash for c in RecoveryCode.unused(User.by_email(email))] == hashes and len(codes) == 8
    no_axe(page, "recovery codes again")
    page.click("#recovery-continue")

    page.wait_for_url(lambda url: url.endswith("/welcome"))
    page.click(".redflag-check .none-of-these")
    page.wait_for_selector("#episode_band-6_12w")
    no_axe(page, "welcome")
    page.click("label[for=episode_band-6_12w]")
    page.check("#side-left")
    page.check("#pattern-disc")
    page.click("label[for=leg_pain-4]")
    page.click("label[for=tingling-no]")
    page.click("label[for=weakness-yes]")
    page.click("label[for=weakness_new-no]")
    before = page.evaluate(CHECKED)
    assert "episode_band-6_12w" in before and "weakness_new-no" in before
    page.reload()
    page.wait_for_function("document.documentElement.dataset.scripts === 'ready'")
    page.wait_for_function(f"JSON.stringify({CHECKED}) === {json.dumps(json.dumps(before, separators=(',', ':')))}")
    # The follow-up opened again with its answer, and the date stayed optional and empty.
    assert page.locator("#weakness_new-no").is_checked() and page.locator("label[for=weakness_side-one]").is_visible()
    assert page.input_value("#episode_start") == ""
    page.click("label[for=weakness_side-one]")
    page.check("#background_none")
    page.click("label[for=pregnant-no]")
    page.select_option("#country", "GB")
    page.click("form.onboarding button[type=submit]")
    page.wait_for_selector("text=Start my program")
    assert "You said this episode started 6 to 12 weeks ago" in page.inner_text("main")
    page.wait_for_function("document.documentElement.dataset.scripts === 'ready'")
    assert page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('sc-answers-'))") == []
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    assert User.by_email(email).episode_band == "6_12w"
