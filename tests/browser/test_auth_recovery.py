"""The ways back in, in Chromium, as a person uses them: the recovery codes after sign-up (copy,
download, print), a code used after a forgotten password, and the e-mailed link through a real
SMTP server. Every new page passes axe in light and dark, and fits 320 px without sideways
scrolling."""
from pathlib import Path

import pytest

from webapp.models import RecoveryCode, User

from ..helpers import PASSWORD, MailSink, axe_violations, eventually, free_port

pytestmark = pytest.mark.browser

SMTP_PORT = free_port()
MAIL = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": SMTP_PORT, "MAIL_USE_TLS": False,
        "MAIL_DEFAULT_SENDER": "Sciatica Companion <care@example.org>"}
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(scope="module")
def sink():
    with MailSink(SMTP_PORT) as handler:
        yield handler


def accessible_everywhere(page, label):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], (label, scheme)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= 320"), label
    page.set_viewport_size({"width": 360, "height": 740})


def sign_up(page, live, email):
    page.goto(live.url + "/account/signup")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.check("#privacy")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(live.url + "/account/recovery/start")


@pytest.mark.parametrize("live", [MAIL], indirect=True)
def test_codes_after_sign_up_then_one_used_after_a_forgotten_password(page, context, live, sink):
    email = "codes-journey@example.com"
    sign_up(page, live, email)
    accessible_everywhere(page, "recovery step")
    page.click("#recovery-show")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 8
    accessible_everywhere(page, "recovery codes")

    # Copy, download and print, as the page offers them.
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    page.click("[data-codes-copy]")
    page.wait_for_selector("text=Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert all(code in copied for code in codes) and email in copied
    with page.expect_download() as info:
        page.click("[data-codes-download]")
    download = info.value
    assert download.suggested_filename == "sciatica-companion-recovery-codes.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert all(code in saved for code in codes)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.click("[data-codes-print]")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.is_visible("#recovery-codes") and not page.is_visible("[data-codes-print]")
    assert not page.is_visible(".tabbar")
    page.emulate_media(media="screen")
    page.click("#recovery-continue")
    page.wait_for_url(lambda url: url in (live.url + "/", live.url + "/welcome"))

    page.goto(live.url + "/account/")
    assert page.is_visible("text=8 of 8") and page.is_visible("text=New recovery codes made")
    accessible_everywhere(page, "account page")
    page.click("form[action='/account/signout'] button")
    page.wait_for_url("**/account/signin?signed_out=1")

    # Forgot the password: the sign-in page leads to the reset page, which leads to the codes.
    page.click("#forgot-link")
    page.wait_for_url(live.url + "/account/forgot")
    accessible_everywhere(page, "forgot your password")
    page.click("text=Use a recovery code")
    page.wait_for_url(live.url + "/account/recover")
    accessible_everywhere(page, "use a recovery code")
    page.fill("#email", email)
    page.fill("#code", "AAAA-BBBB-CCCC")
    page.fill("#password", NEW_PASSWORD)
    page.fill("#confirm", NEW_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("text=That email and recovery code don't match")
    accessible_everywhere(page, "recovery code refused")
    page.fill("#code", codes[2].lower())
    page.fill("#password", NEW_PASSWORD)
    page.fill("#confirm", NEW_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(live.url + "/account/#recovery-heading")
    assert page.is_visible("text=Your new password is set")
    assert page.is_visible("text=7 of 8")
    user = User.by_email(email)
    assert user.check_password(NEW_PASSWORD)
    assert RecoveryCode.for_user(user).where(RecoveryCode.used_at.is_null(False)).count() == 1


@pytest.mark.parametrize("live", [MAIL], indirect=True)
def test_a_link_by_email_sets_a_new_password_once(page, live, sink):
    email = "link-journey@example.com"
    sign_up(page, live, email)
    # Skipping the step by going elsewhere: the Account page asks once more, in a card.
    page.goto(live.url + "/account/")
    assert page.is_visible("text=Keep a way back in.")
    accessible_everywhere(page, "account page asking for recovery codes")
    page.click("#recovery-later")
    page.wait_for_url(live.url + "/account/")
    assert not page.is_visible("text=Keep a way back in.")
    page.click("form[action='/account/signout'] button")
    page.wait_for_url("**/account/signin?signed_out=1")
    before = len(sink.messages)
    page.click("#forgot-link")
    page.fill("#email", email)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("text=Check your email")
    accessible_everywhere(page, "check your email")
    eventually(lambda: len(sink.messages) > before)
    link = sink.links()[-1]
    assert link.startswith(live.url + "/account/reset/")
    page.goto(link)
    accessible_everywhere(page, "choose a new password")
    page.fill("#password", NEW_PASSWORD)
    page.fill("#confirm", NEW_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: url in (live.url + "/", live.url + "/welcome"))
    assert page.is_visible("text=Your new password is set")
    assert User.by_email(email).check_password(NEW_PASSWORD)
    page.goto(link)
    assert page.is_visible("text=This link no longer works")
    accessible_everywhere(page, "link used")
