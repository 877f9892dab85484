"""Accounts: sign up, sign in, sign out, throttling, password change and deleting everything."""
import datetime as dt
import uuid
from http.cookies import SimpleCookie

import pytest

from webapp.models import OWNED_MODELS, CheckIn, Completion, RedFlagCheck, StageChange, Tombstone, User

from .helpers import Auth


def session_cookie(response):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("sc_session="):
            return header
    return ""


def test_signup_creates_hashed_account_and_signs_in(client, auth, db):
    response = auth.signup("Ana@Example.com ", "correct horse battery")
    # Next: the recovery-codes step (tests/test_auth_recovery.py), then Today.
    assert response.status_code == 302 and response.headers["Location"] == "/account/recovery/start"
    user = User.get(User.email == "ana@example.com")
    assert user.password_hash.startswith("scrypt:")
    assert "correct horse battery" not in user.password_hash
    page = client.get("/account/")
    assert page.status_code == 200 and b"ana@example.com" in page.data


def test_session_cookie_is_long_lived_httponly_and_lax(auth):
    cookie = session_cookie(auth.signup())
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = SimpleCookie(cookie)["sc_session"]["expires"]
    when = dt.datetime.strptime(expires, "%a, %d %b %Y %H:%M:%S GMT")
    assert when - dt.datetime.now(dt.UTC).replace(tzinfo=None) > dt.timedelta(days=89)


def test_secure_cookie_flag_when_configured(app, auth):
    app.config["SESSION_COOKIE_SECURE"] = True
    assert "Secure" in session_cookie(auth.signup())


def test_signup_page_has_privacy_note(client):
    page = client.get("/account/signup").get_data(as_text=True)
    assert "How your data is kept" in page and "Nobody else can see them" in page


def test_duplicate_email_is_refused_next_to_the_field(auth, db):
    auth.signup()
    auth.signout()
    response = auth.signup("ana@example.com", "another long password")
    assert response.status_code == 409
    assert b"couldn&#39;t make an account with this email" in response.data
    assert User.select().count() == 1
    # The right password for the existing account simply signs in.
    assert auth.signup("ana@example.com").headers["Location"] == "/"


def test_signin_signout_and_wrong_password(client, auth):
    auth.signup()
    auth.signout()
    assert client.get("/account/").status_code == 302
    wrong = auth.signin(password="not the password")
    assert wrong.status_code == 401
    assert b"don&#39;t match" in wrong.data or b"don't match" in wrong.data
    ok = auth.signin()
    assert ok.status_code == 302
    assert client.get("/account/").status_code == 200
    out = auth.signout()
    assert out.headers["Location"].startswith("/account/signin")
    assert client.get("/account/").status_code == 302


def test_signin_returns_to_next_but_never_off_site(client, auth):
    auth.signup()
    auth.signout()
    r = client.post("/account/signin?next=/report/", data={"email": "ana@example.com",
                                                           "password": "correct horse battery"})
    assert r.headers["Location"] == "/report/"
    auth.signout()
    r = client.post("/account/signin?next=//evil.example/", data={"email": "ana@example.com",
                                                                  "password": "correct horse battery"})
    assert r.headers["Location"] == "/"


def test_repeated_wrong_passwords_are_throttled(client, auth):
    auth.signup()
    auth.signout()
    statuses = [auth.signin(password=f"wrong guess {i}").status_code for i in range(6)]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    blocked = auth.signin()  # even the right password waits now
    assert blocked.status_code == 429
    assert b"Too many attempts" in blocked.data


def test_successful_signins_are_not_throttled(client, auth):
    auth.signup()
    for _ in range(8):
        auth.signout()
        assert auth.signin().status_code == 302


def test_change_password_signs_out_other_devices(app, client, auth):
    auth.signup()
    other_device = app.test_client()
    Auth(other_device).signin()
    assert other_device.get("/account/").status_code == 200
    r = client.post("/account/", data={"pw-current": "correct horse battery",
                                       "pw-password": "a brand new passphrase",
                                       "pw-confirm": "a brand new passphrase"})
    assert r.status_code == 302
    assert client.get("/account/").status_code == 200          # this device stays signed in
    assert other_device.get("/account/").status_code == 302    # the other one is signed out
    auth.signout()
    assert auth.signin(password="correct horse battery").status_code == 401
    assert auth.signin(password="a brand new passphrase").status_code == 302


def test_change_password_errors_are_shown(client, auth):
    auth.signup()
    r = client.post("/account/", data={"pw-current": "wrong", "pw-password": "a brand new passphrase",
                                       "pw-confirm": "a brand new passphrase"})
    assert r.status_code == 400 and b"current password" in r.data
    r = client.post("/account/", data={"pw-current": "correct horse battery",
                                       "pw-password": "a brand new passphrase", "pw-confirm": "different"})
    assert r.status_code == 400 and b"match" in r.data


def _add_rows_for(user, n=2):
    now = dt.datetime(2026, 11, 20, 9, 0)
    for _ in range(n):
        def common():
            return {"user": user, "uuid": str(uuid.uuid4()), "local_date": now.date(), "local_time": "09:00",
                        "client_updated_at": now}
        CheckIn.create(leg_pain=5, **common())
        RedFlagCheck.create(tier="none", **common())
        Completion.create(exercise="knees-rocking", **common())
        Tombstone.create(user=user, uuid=str(uuid.uuid4()), kind="checkin", client_updated_at=now)
        StageChange.create(user=user, to_stage=1, to_pattern="disc", made_by="person")


def test_delete_account_removes_every_row(client, auth, db):
    auth.signup("ana@example.com")
    auth.signout()
    auth.signup("ben@example.com")
    ana, ben = User.by_email("ana@example.com"), User.by_email("ben@example.com")
    _add_rows_for(ana)
    _add_rows_for(ben)
    wrong = client.post("/account/delete", data={"del-password": "nope", "del-confirm": "y"})
    assert wrong.status_code == 400 and User.by_email("ben@example.com")
    r = client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    assert r.status_code == 302
    assert User.by_email("ben@example.com") is None
    for model in OWNED_MODELS:
        assert model.select().where(model.user == ben.id).count() == 0, model.__name__
    for model in (CheckIn, RedFlagCheck, Completion, Tombstone, StageChange):
        assert model.select().where(model.user == ana).count() >= 1, model.__name__
    assert client.get("/account/").status_code == 302


@pytest.mark.parametrize("email,password,message", [
    ("", "correct horse battery", b"Enter your email address"),
    ("not-an-email", "correct horse battery", b"like name@example.com"),
    ("a@b", "correct horse battery", b"like name@example.com"),
    ("x" * 10_000 + "@example.com", "correct horse battery", b"like name@example.com"),
    ("ana@example.com", "", b"Choose a password"),
    ("ana@example.com", "short", b"between 10 and 256"),
    ("ana@example.com", "p" * 5000, b"between 10 and 256"),
])
def test_bad_signup_input_gets_a_message_not_a_500(client, db, email, password, message):
    r = client.post("/account/signup", data={"email": email, "password": password, "privacy": "y"})
    assert r.status_code == 400
    assert message in r.data
    assert User.select().count() == 0


def test_privacy_box_must_be_ticked(client, db):
    r = client.post("/account/signup", data={"email": "ana@example.com", "password": "correct horse battery"})
    assert r.status_code == 400 and b"privacy note" in r.data


def test_non_utf8_and_malformed_bodies_get_4xx(client, db):
    r = client.post("/account/signin", data=b"email=\xff\xfe%ZZ&password=\x80\x81",
                    content_type="application/x-www-form-urlencoded")
    assert 400 <= r.status_code < 500
    r = client.post("/account/signup", data=b"\xff\xfe\x00garbage",
                    content_type="multipart/form-data; boundary=nope")
    assert 400 <= r.status_code < 500
    r = client.post("/account/signin", data="{not json", content_type="application/json")
    assert 400 <= r.status_code < 500


def test_oversized_body_is_refused_politely(client):
    r = client.post("/account/signin", data={"email": "a" * (3 * 1024 * 1024)})
    assert r.status_code == 413 and b"too large" in r.data
