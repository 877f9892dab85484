"""Confirm it's you (issue 22, finding 1): every change to a way in (recovery codes, the first set
included; passkeys added or removed; a password set, removed or changed) needs a sign-in or a
confirmation in the last 15 minutes, or the current password. A session left open on a phone, or a
copied cookie, cannot make its own way in and take the account over."""
import datetime as dt
import re

import pytest

from webapp.models import AccountEvent, DeviceSession, Passkey, RecoveryCode, User, utcnow

from .helpers import PASSWORD
from .test_auth_passkeys import SoftKey, add_passkey

NEW_PASSWORD = "a brand new passphrase"


def stale(hours=2):
    """Every session was signed in `hours` ago and never confirmed since."""
    DeviceSession.update(created_at=utcnow() - dt.timedelta(hours=hours)).execute()


def asked_to_confirm(response):
    if response.is_json:
        return response.status_code == 403 and response.json["redirect"].startswith("/account/confirm")
    return response.status_code == 303 and response.headers["Location"].startswith("/account/confirm")


def test_the_first_set_of_codes_needs_a_recent_sign_in(client, auth, db):
    """The takeover: an old session made the account's first codes, used one to set a new password
    and signed the owner out everywhere. Now it is asked to confirm, and nothing is made."""
    auth.signup()
    stale()
    r = client.post("/account/recovery/codes?next=/")
    assert asked_to_confirm(r)
    ana = User.by_email("ana@example.com")
    assert RecoveryCode.for_user(ana).count() == 0 and AccountEvent.select().count() == 0
    # The owner, who knows the password, confirms and makes them.
    ok = client.post("/account/confirm?next=/account/", data={"password": PASSWORD})
    assert ok.status_code == 303
    made = client.post("/account/recovery/codes?next=/account/")
    assert made.status_code == 201
    assert len(re.findall(r"<code>[0-9A-Z-]{14}</code>", made.get_data(as_text=True))) == 8


def test_right_after_sign_up_the_codes_need_nothing_more(client, auth, db):
    auth.signup()
    assert client.post("/account/recovery/codes?next=/").status_code == 201


@pytest.fixture
def ana_with_passkey(app, client, auth, db):
    auth.signup()
    key = SoftKey()
    assert add_passkey(client, key).status_code == 200
    return key


@pytest.mark.parametrize("method, path, body", [
    ("post", "/account/recovery/codes", None),
    ("post", "/account/passkeys/new/options", {}),
    ("post", "/account/passkeys/new", {"credential": {}}),
    ("post", "/account/passkeys/{passkey}/remove", None),
    ("post", "/account/password/remove", None),
    ("get", "/account/password/new", None),
    ("post", "/account/password/new", None),
])
def test_every_change_to_a_way_in_needs_a_recent_proof(client, ana_with_passkey, method, path, body):
    stale()
    ways_before = (Passkey.select().count(), User.get().password_hash, RecoveryCode.select().count())
    url = path.format(passkey=Passkey.get().id)
    kwargs = {"json": body} if body is not None else {}
    if path == "/account/password/new" and method == "post":
        kwargs = {"data": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}}
    r = getattr(client, method)(url, **kwargs)
    assert asked_to_confirm(r), (r.status_code, r.headers.get("Location"))
    assert (Passkey.select().count(), User.get().password_hash, RecoveryCode.select().count()) == ways_before


def test_changing_the_password_needs_the_current_one(client, auth, db):
    auth.signup()
    stale()
    r = client.post("/account/", data={"pw-current": "not my password", "pw-password": NEW_PASSWORD,
                                       "pw-confirm": NEW_PASSWORD})
    assert r.status_code == 400 and User.get().check_password(PASSWORD)
