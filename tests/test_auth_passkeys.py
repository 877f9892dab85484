"""Passkeys on both databases (issue 17, part 3), with a small software authenticator written here
(P-256, "none" attestation, as a phone's platform authenticator answers): add one from the Account
page, sign in with it, confirm it's you with it, a password and a passkey or either alone, and the
last way in is never removed. The same journey in real Chromium: tests/browser/test_auth_passkeys.py."""
import base64
import datetime as dt
import hashlib
import json
import os
import struct

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from webapp.models import AccountEvent, Challenge, DeviceSession, Passkey, User, utcnow

from .helpers import PASSWORD, Auth, strangers_wrong_passwords

ORIGIN, RP_ID = "http://localhost", "localhost"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftKey:
    """One resident passkey, user-verifying, as a phone keeps it."""

    def __init__(self, origin=ORIGIN, rp_id=RP_ID):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.origin, self.rp_id, self.count, self.user_handle = origin, rp_id, 0, None

    def _client_data(self, kind, challenge):
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin,
                           "crossOrigin": False}).encode()

    def create(self, options):
        self.user_handle = options["user"]["id"]
        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
        auth_data = (hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x45]) + struct.pack(">I", self.count)
                     + bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {"id": b64(self.credential_id), "rawId": b64(self.credential_id), "type": "public-key",
                "authenticatorAttachment": "platform", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64(self._client_data("webauthn.create", options["challenge"])),
                             "attestationObject": b64(attestation), "transports": ["internal", "made-up"]}}

    def get(self, options, flags=0x05):
        self.count += 1
        auth_data = hashlib.sha256(self.rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.count)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {"id": b64(self.credential_id), "rawId": b64(self.credential_id), "type": "public-key",
                "authenticatorAttachment": "platform", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64(client_data), "authenticatorData": b64(auth_data),
                             "signature": b64(signature), "userHandle": self.user_handle}}


def add_passkey(client, key):
    start = client.post("/account/passkeys/new/options", json={})
    assert start.status_code == 200, start.get_data(as_text=True)
    return client.post("/account/passkeys/new", json={"credential": key.create(start.json["options"])})


def passkey_sign_in(client, key, next_url=None, **changes):
    start = client.post("/account/passkey/options", json={"purpose": "signin"})
    assert start.status_code == 200
    answer = key.get(start.json["options"])
    for name, value in changes.items():
        answer["response"][name] = value
    return client.post("/account/passkey/signin" + (f"?next={next_url}" if next_url else ""),
                       json={"credential": answer})


@pytest.fixture
def ana(client, auth):
    auth.signup()
    return User.by_email("ana@example.com")


def test_add_a_passkey_then_sign_in_with_it_and_no_email(app, client, auth, ana, db):
    key = SoftKey()
    r = add_passkey(client, key)
    assert r.status_code == 200 and r.json["redirect"] == "/account/#ways-heading"
    row = Passkey.get()
    assert row.user_id == ana.id and row.credential_id == b64(key.credential_id)
    assert row.transports == "internal"                          # made-up transports are dropped
    ana = User.get_by_id(ana.id)
    assert key.user_handle == ana.passkey_user_id and "ana" not in key.user_handle
    page = client.get("/account/").get_data(as_text=True)
    assert "Passkey added" in page and "Stop using a password" in page
    auth.signout()
    fresh = app.test_client()
    r = passkey_sign_in(fresh, key, next_url="/report/")
    assert r.status_code == 200 and r.json["redirect"] == "/report/"
    assert fresh.get("/account/").status_code == 200
    assert Passkey.get().sign_count == 1 and Passkey.get().last_used_at is not None
    # Off-site ?next= is not followed.
    assert passkey_sign_in(app.test_client(), key, next_url="//evil.example/").json["redirect"] == "/"


def test_a_challenge_is_good_once_and_for_this_browser_only(app, client, ana, db):
    key = SoftKey()
    add_passkey(client, key)
    other = app.test_client()
    start = other.post("/account/passkey/options", json={"purpose": "signin"})
    answer = key.get(start.json["options"])
    assert other.post("/account/passkey/signin", json={"credential": answer}).status_code == 200
    replay = app.test_client()      # the same signed answer, sent again from elsewhere
    assert replay.post("/account/passkey/signin", json={"credential": answer}).status_code == 400
    assert other.post("/account/passkey/signin", json={"credential": answer}).status_code == 400
    assert Challenge.select().count() == 0


@pytest.mark.parametrize("tamper", ["signature", "origin", "no-user-verification", "unknown-key", "user-handle"])
def test_a_wrong_answer_does_not_sign_in(app, client, ana, db, tamper):
    key = SoftKey()
    add_passkey(client, key)
    fresh = app.test_client()
    start = fresh.post("/account/passkey/options", json={"purpose": "signin"}).json["options"]
    if tamper == "origin":
        key.origin = "http://evil.example"
    if tamper == "unknown-key":
        key = SoftKey()
    answer = key.get(start, flags=0x01 if tamper == "no-user-verification" else 0x05)
    if tamper == "signature":
        answer["response"]["signature"] = b64(b"\x30\x06\x02\x01\x01\x02\x01\x01")
    if tamper == "user-handle":
        answer["response"]["userHandle"] = b64(os.urandom(32))
    r = fresh.post("/account/passkey/signin", json={"credential": answer})
    assert r.status_code == 401 and "didn't work here" in r.json["message"]
    assert fresh.get("/account/").status_code == 302


@pytest.mark.parametrize("body", [None, {}, {"credential": "x"}, {"credential": []},
                                  {"credential": {"id": 5}}, {"credential": {"id": "!!", "response": 3}},
                                  {"credential": {"id": "a" * 5000}}])
def test_junk_answers_are_refused_politely(app, client, ana, db, body):
    fresh = app.test_client()
    fresh.post("/account/passkey/options", json={"purpose": "signin"})
    r = fresh.post("/account/passkey/signin", data=json.dumps(body), content_type="application/json")
    assert r.status_code in (400, 401)
    assert fresh.post("/account/passkey/options", json={"purpose": "nonsense"}).status_code == 400
    assert fresh.post("/account/passkey/options", json={"purpose": "confirm"}).status_code == 400


def test_passkey_only_then_the_last_way_in_stays(app, client, auth, ana, db):
    key = SoftKey()
    add_passkey(client, key)
    phone = app.test_client()
    Auth(phone).signin()
    r = client.post("/account/password/remove")
    assert r.status_code == 303 and phone.get("/account/").status_code == 302
    ana = User.get_by_id(ana.id)
    assert ana.password_hash == "" and not ana.has_password
    page = client.get("/account/").get_data(as_text=True)
    assert "You have no password" in page and "pw-heading" not in page
    assert "This is your only way in, so it stays" in page
    # The last passkey is not removed, however the request is made.
    passkey = Passkey.get()
    r = client.post(f"/account/passkeys/{passkey.id}/remove")
    assert r.status_code == 303 and Passkey.select().count() == 1
    assert "your only way in, so it stays" in client.get("/account/").get_data(as_text=True)
    # No password signs in now, not even an empty one, and the answer is the usual one.
    auth.signout()
    for password in (PASSWORD, ""):
        assert auth.signin(password=password).status_code in (400, 401)
    assert passkey_sign_in(client, key).status_code == 200
    # Set a password again; then the passkey may go.
    assert client.post("/account/password/new", data={"password": "back to a password",
                                                      "confirm": "back to a password"}).status_code == 303
    assert client.post(f"/account/passkeys/{passkey.id}/remove").status_code == 303
    assert Passkey.select().count() == 0
    # And now the password is the last way in.
    assert client.post("/account/password/remove").status_code == 303
    assert User.get_by_id(ana.id).check_password("back to a password")
    kinds = [e.kind for e in AccountEvent.newest_first(ana)]
    assert kinds == ["passkey_removed", "password_set", "password_removed", "passkey_added"]


def test_two_passkeys_and_no_password_keep_one(app, client, ana, db):
    first, second = SoftKey(), SoftKey()
    add_passkey(client, first)
    add_passkey(client, second)
    client.post("/account/password/remove")
    ids = [p.id for p in Passkey.select()]
    assert client.post(f"/account/passkeys/{ids[0]}/remove").status_code == 303
    assert client.post(f"/account/passkeys/{ids[1]}/remove").status_code == 303
    assert [p.id for p in Passkey.select()] == [ids[1]]


def test_changes_need_a_recent_sign_in_and_a_passkey_can_confirm(app, client, ana, db):
    key = SoftKey()
    add_passkey(client, key)
    client.post("/account/password/remove")
    DeviceSession.update(created_at=utcnow() - dt.timedelta(hours=1)).execute()
    r = client.post("/account/passkeys/new/options", json={})
    assert r.status_code == 403 and r.json["redirect"].startswith("/account/confirm")
    assert client.post(f"/account/passkeys/{Passkey.get().id}/remove").status_code == 303
    assert client.get("/account/password/new").headers["Location"].startswith("/account/confirm")
    page = client.get("/account/confirm?next=/account/password/new").get_data(as_text=True)
    assert "Confirm with a passkey" in page and 'name="password"' not in page
    start = client.post("/account/passkey/options", json={"purpose": "confirm"})
    answer = key.get(start.json["options"])
    r = client.post("/account/passkey/confirm?next=/account/password/new", json={"credential": answer})
    assert r.status_code == 200 and r.json["redirect"] == "/account/password/new"
    assert client.get("/account/password/new").status_code == 200
    # Someone else's passkey does not confirm for Ana.
    ben_key, ben = SoftKey(), app.test_client()
    Auth(ben).signup("ben@example.com")
    add_passkey(ben, ben_key)
    start = client.post("/account/passkey/options", json={"purpose": "confirm"})
    r = client.post("/account/passkey/confirm", json={"credential": ben_key.get(start.json["options"])})
    assert r.status_code == 403 and "another account" in r.json["message"]


def test_a_passkey_cannot_be_added_twice_or_to_two_accounts(app, client, ana, db):
    key = SoftKey()
    assert add_passkey(client, key).status_code == 200
    assert add_passkey(client, key).status_code == 409
    ben = app.test_client()
    Auth(ben).signup("ben@example.com")
    assert add_passkey(ben, key).status_code == 409
    assert Passkey.select().count() == 1
    start = client.post("/account/passkeys/new/options", json={})
    assert b64(key.credential_id) in [c["id"] for c in start.json["options"]["excludeCredentials"]]


def test_someone_elses_passkey_cannot_be_removed(app, client, ana, db):
    add_passkey(client, SoftKey())
    ben = app.test_client()
    Auth(ben).signup("ben@example.com")
    assert ben.post(f"/account/passkeys/{Passkey.get().id}/remove").status_code == 404
    assert Passkey.select().count() == 1


def test_a_passkey_only_account_can_still_be_deleted(app, client, ana, db):
    add_passkey(client, SoftKey())
    client.post("/account/password/remove")
    page = client.get("/account/delete").get_data(as_text=True)
    assert 'name="del-password"' not in page
    r = client.post("/account/delete", data={"del-confirm": "y"})
    assert r.status_code == 302 and User.select().count() == 0
    assert Passkey.select().count() == 0 and AccountEvent.select().count() == 0


def test_passkeys_need_a_name_not_an_address(app, client, ana, db):
    """WebAuthn refuses IP addresses: on 127.0.0.1 nothing is offered; PUBLIC_BASE_URL decides."""
    local = app.test_client()
    page = local.get("/account/signin", base_url="http://127.0.0.1").get_data(as_text=True)
    assert "Sign in with a passkey" not in page
    assert local.post("/account/passkey/options", json={"purpose": "signin"},
                      base_url="http://127.0.0.1").status_code == 404
    assert "Sign in with a passkey" in app.test_client().get("/account/signin").get_data(as_text=True)
    app.config["PUBLIC_BASE_URL"] = "https://sciatica.example.org"
    options = app.test_client().post("/account/passkey/options", json={"purpose": "signin"}).json["options"]
    assert options["rpId"] == "sciatica.example.org" and options["userVerification"] == "required"


def test_a_strangers_wrong_passwords_do_not_hold_up_a_valid_passkey(app, client, ana, db):
    """Issue 22.2: a valid passkey signature is no password guess; six wrong passwords typed by
    anyone made it answer 429. A wrong signature still counts against its address."""
    key = SoftKey()
    add_passkey(client, key)
    client.post("/account/signout")
    strangers_wrong_passwords(app)
    fresh = app.test_client()
    r = passkey_sign_in(fresh, key)
    assert r.status_code == 200 and fresh.get("/account/").status_code == 200
    # The password itself is still held up.
    assert Auth(app.test_client()).signin().status_code == 429
    # Wrong signatures from one address are slowed down, the owner's elsewhere are not.
    forger = app.test_client()
    forger.environ_base["REMOTE_ADDR"] = "203.0.113.66"
    statuses = {passkey_sign_in(forger, key, signature=b64(b"nonsense")).status_code for _ in range(22)}
    assert statuses == {401, 429}
    assert passkey_sign_in(app.test_client(), key).status_code == 200
