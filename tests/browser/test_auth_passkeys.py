"""Passkeys in real Chromium with a software authenticator (the DevTools WebAuthn virtual
authenticator, over CDP): add one from the Account page, stop using the password, sign in with
the passkey alone, and the last way in is never offered for removal nor removed. Passkeys need a
host name, so these pages are opened on http://localhost, not 127.0.0.1."""
import datetime as dt

import pytest

from webapp.models import AccountEvent, DeviceSession, Passkey, User, utcnow

from ..helpers import PASSWORD, axe_violations, browser_signup

pytestmark = pytest.mark.browser


def local(live):
    return live.url.replace("127.0.0.1", "localhost")


@pytest.fixture
def authenticator(page, context):
    """A phone's built-in passkey store: resident keys, fingerprint already given."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})
    yield cdp, found["authenticatorId"]
    cdp.detach()


def accessible_everywhere(page, label):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], (label, scheme)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= 320"), label
    page.set_viewport_size({"width": 360, "height": 740})


def test_a_passkey_instead_of_a_password_and_the_last_way_in_stays(page, live, authenticator):
    cdp, authenticator_id = authenticator
    base = local(live)
    email = browser_signup(page, live, base=base)
    page.goto(base + "/account/")
    assert page.is_visible("[data-passkey-add]") and not page.is_visible("[data-passkeys-missing]")
    page.click("[data-passkey-add]")
    page.wait_for_selector("text=Your passkey is added")
    user = User.by_email(email)
    assert Passkey.for_user(user).count() == 1
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert len(credentials) == 1 and credentials[0]["isResidentCredential"] and credentials[0]["rpId"] == "localhost"
    assert page.is_visible("text=Stop using a password")
    accessible_everywhere(page, "account with a passkey")

    # Passkey only: the password goes, and the last passkey has no Remove button.
    page.click("text=Stop using a password")
    page.wait_for_selector("text=Your password is removed")
    assert page.is_visible("text=You have no password")
    assert page.locator(".passkey-list button").count() == 0
    assert page.is_visible("text=This is your only way in, so it stays")
    # A hand-made request to remove it anyway is refused too.
    status = page.evaluate("""async (id) => (await fetch(`/account/passkeys/${id}/remove`, {method: 'POST',
        headers: {'X-CSRFToken': document.querySelector('meta[name=csrf-token]').content},
        redirect: 'manual'})).type""", Passkey.for_user(user).get().id)
    assert status == "opaqueredirect" and Passkey.for_user(user).count() == 1
    assert not User.by_email(email).has_password

    # Sign out, and back in with the passkey alone: no email, no password.
    page.goto(base + "/account/")
    page.click("form[action='/account/signout'] button")
    page.wait_for_url("**/account/signin?signed_out=1")
    assert DeviceSession.for_user(user).count() == 0
    accessible_everywhere(page, "sign-in with a passkey button")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("text=That email and password don't match")
    page.click("text=Sign in with a passkey")
    page.wait_for_url(lambda url: url in (base + "/", base + "/welcome"))
    assert DeviceSession.for_user(user).count() == 1
    assert Passkey.for_user(user).get().last_used_at is not None
    kinds = [e.kind for e in AccountEvent.newest_first(user)]
    assert kinds == ["password_removed", "passkey_added"]

    # Setting a password again is one page, and accessible.
    page.goto(base + "/account/password/new")
    accessible_everywhere(page, "set a password")
    page.fill("#password", "back to a password")
    page.fill("#confirm", "back to a password")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("text=Your password is set")
    assert User.by_email(email).check_password("back to a password")


def test_a_cancelled_passkey_prompt_is_explained_calmly(page, live, authenticator):
    cdp, authenticator_id = authenticator
    base = local(live)
    browser_signup(page, live, base=base)
    page.goto(base + "/account/")
    page.click("[data-passkey-add]")
    page.wait_for_selector("text=Your passkey is added")
    page.click("form[action='/account/signout'] button")
    page.wait_for_url("**/account/signin?signed_out=1")
    # The person's finger is not recognised: nothing is signed, nobody is signed in.
    cdp.send("WebAuthn.setUserVerified", {"authenticatorId": authenticator_id, "isUserVerified": False})
    page.click("text=Sign in with a passkey")
    page.wait_for_selector("[data-passkey-status]:has-text('The passkey was not used')", timeout=20_000)
    assert "/account/signin" in page.url
    assert page.is_enabled("text=Sign in with a passkey")


def test_confirm_it_is_you_with_a_passkey(page, live, authenticator):
    base = local(live)
    email = browser_signup(page, live, base=base)
    page.goto(base + "/account/")
    page.click("[data-passkey-add]")
    page.wait_for_selector("text=Your passkey is added")
    page.click("text=Make my recovery codes")
    page.wait_for_selector("#recovery-codes code")
    first = page.locator("#recovery-codes code").all_inner_texts()
    assert len(first) == 8
    # An hour later on the same phone, a new set (which ends this one) asks who it is first.
    user = User.by_email(email)
    DeviceSession.update(created_at=utcnow() - dt.timedelta(hours=1)).where(DeviceSession.user == user).execute()
    page.goto(base + "/account/")
    page.click("text=Make a new set")
    page.wait_for_url(lambda url: "/account/confirm?next=" in url)
    assert page.is_visible("text=please confirm it's you first")
    accessible_everywhere(page, "confirm it's you")
    page.click("text=Confirm with a passkey")
    page.wait_for_url(base + "/account/")
    page.click("text=Make a new set")
    page.wait_for_url(lambda url: "/account/confirm" not in url)
    page.wait_for_selector("#recovery-codes code")
    second = page.locator("#recovery-codes code").all_inner_texts()
    assert len(second) == 8 and set(first).isdisjoint(second)
