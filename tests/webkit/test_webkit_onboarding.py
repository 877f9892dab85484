"""The onboarding journey in WebKit (Safari's engine; issue 23, item 6): from a signed-out start,
"Create an account" is the one main action; the recovery codes page survives a reload; "How long
have you had it?" is one tap with the date optional; the answers given survive a reload; the
proposal says what was chosen."""
import time

import pytest
from selenium.webdriver.common.by import By

from webapp.models import RecoveryCode, User

from ..helpers import PASSWORD
from .test_webkit_journey import click, js, wait_js

pytestmark = pytest.mark.webkit
PRIMARY = ("[...document.querySelectorAll('main .button-primary')].filter((b) => b.getClientRects().length)"
           ".map((b) => b.textContent.trim())")
CHECKED = "[...document.querySelectorAll('form.onboarding input:checked')].map((i) => i.id).sort().join(' ')"


def test_a_newcomer_in_webkit_creates_an_account_reloads_and_keeps_their_answers(webkit, live):
    email = f"webkit-onboard-{time.monotonic_ns()}@example.com"
    webkit.get(live.url + "/")
    wait_js(webkit, "location.pathname === '/account/signin'")
    assert js(webkit, PRIMARY) == ["Create an account"]
    click(webkit, "#create-account")
    wait_js(webkit, "location.pathname === '/account/signup' && document.readyState === 'complete'")
    webkit.find_element(By.ID, "email").send_keys(email)
    webkit.find_element(By.ID, "password").send_keys(PASSWORD)
    click(webkit, "#privacy")
    click(webkit, "form.stack button[type=submit]")
    wait_js(webkit, "!!document.getElementById('recovery-show')")
    click(webkit, "#recovery-show")
    wait_js(webkit, "!!document.getElementById('recovery-codes')")
    # The address bar now says /account/recovery/codes: opening it again is a page, not a 405.
    webkit.get(live.url + "/account/recovery/codes")
    wait_js(webkit, "document.readyState === 'complete' && !!document.querySelector('h1')")
    assert js(webkit, "document.querySelector('h1').textContent") == "Your recovery codes"
    assert "shown once" in js(webkit, "document.querySelector('main').innerText")
    assert len(RecoveryCode.unused(User.by_email(email))) == 8
    click(webkit, "#recovery-continue")

    wait_js(webkit, "location.pathname === '/welcome' && document.readyState === 'complete'")
    click(webkit, ".redflag-check .none-of-these")
    wait_js(webkit, "!!document.getElementById('episode_band-over_3m')")
    click(webkit, "label[for=episode_band-over_3m]")
    click(webkit, "#side-right")
    click(webkit, "#pattern-disc")
    click(webkit, "label[for=leg_pain-2]")
    click(webkit, "label[for=tingling-no]")
    before = js(webkit, CHECKED)
    assert before == "episode_band-over_3m leg_pain-2 pattern-disc side-right tingling-no"
    webkit.refresh()
    wait_js(webkit, "document.readyState === 'complete' && document.documentElement.dataset.scripts === 'ready'")
    wait_js(webkit, f"({CHECKED}) === '{before}'")
    click(webkit, "label[for=weakness-no]")
    click(webkit, "#background_none")
    click(webkit, "label[for=pregnant-no]")
    webkit.execute_script("document.getElementById('country').value = 'GB'")
    click(webkit, "form.onboarding button[type=submit]")
    wait_js(webkit, "document.body.innerText.includes('Start my program')")
    assert "You said this episode started over 3 months ago" in js(webkit, "document.querySelector('main').innerText")
    click(webkit, "form button.button-primary")
    wait_js(webkit, "location.pathname === '/' && document.querySelector('h1').textContent === 'Today'")
    user = User.by_email(email)
    assert (user.episode_band, user.episode_dated, user.stage) == ("over_3m", False, 3)
