"""Sessions that really end: a row per signed-in device, sign-out (here, elsewhere, everywhere)
ends it at once, the phone is told to forget, and ?next= stays on this site. (Issue 13,
findings 4, 5 and 7.)"""
import hashlib
import re

import pytest

from webapp import models
from webapp.models import CalendarFeed, ShareLink, User

from .helpers import PASSWORD, Auth, make_link

ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/126.0.0.0 Mobile Safari/537.36")
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")


def cookie_value(client):
    cookie = client.get_cookie("sc_session")
    return cookie.value if cookie else None


def device(app, agent, email="ana@example.com"):
    """Another browser, signed in to the same account."""
    other = app.test_client()
    other.environ_base["HTTP_USER_AGENT"] = agent
    assert Auth(other).signin(email).status_code == 302
    return other


def test_a_copied_cookie_stops_working_at_sign_out(app, client, auth, db):
    """Finding 4: sign-out ends the session on the server, not only in this browser."""
    auth.signup()
    stolen = app.test_client()
    stolen.set_cookie("sc_session", cookie_value(client))
    assert stolen.get("/account/").status_code == 200
    auth.signout()
    r = stolen.get("/account/")
    assert r.status_code == 302 and "/account/signin" in r.headers["Location"]
    assert models.DeviceSession.select().count() == 0


def test_the_cookie_carries_only_a_random_session_id(client, auth, db):
    auth.signup()
    value = cookie_value(client)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)            # 256 random bits, nothing else
    sessions = models.DeviceSession
    row = sessions.get(sessions.token_hash == hashlib.sha256(value.encode()).hexdigest())
    assert row.user.email == "ana@example.com"
    assert value not in row.token_hash and "ana" not in value


def test_account_lists_devices_and_signs_one_out(app, client, auth, db):
    auth.signup()
    phone, tablet = device(app, ANDROID), device(app, IPHONE)
    page = client.get("/account/").get_data(as_text=True)
    assert "Chrome Mobile on Android" in page and "Mobile Safari on iOS" in page
    assert page.count("(this device)") == 1 and "Sign out everywhere" in page
    ana = User.by_email("ana@example.com")
    sessions = models.DeviceSession
    phone_row = sessions.for_user(ana).where(sessions.device.contains("Android")).get()
    r = client.post(f"/account/devices/{phone_row.id}/signout")
    assert r.status_code == 303
    assert "That device is signed out" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert phone.get("/account/").status_code == 302               # the phone is out at once
    assert tablet.get("/account/").status_code == 200 and client.get("/account/").status_code == 200
    # Someone else's session id, or one already gone, changes nothing.
    assert client.post(f"/account/devices/{phone_row.id}/signout").status_code == 303
    assert client.post("/account/devices/99999999999999999999/signout").status_code == 404


def test_sign_out_everywhere_ends_every_session(app, client, auth, db):
    auth.signup()
    phone = device(app, ANDROID)
    r = client.post("/account/signout-everywhere")
    assert r.headers["Location"] == "/account/signin?signed_out=1"
    assert r.headers["Clear-Site-Data"] == '"cache"'
    assert phone.get("/account/").status_code == 302 and client.get("/account/").status_code == 302
    assert models.DeviceSession.select().count() == 0


def test_a_password_change_ends_the_other_sessions_only(app, client, auth, db):
    auth.signup()
    phone = device(app, ANDROID)
    r = client.post("/account/", data={"pw-current": PASSWORD, "pw-password": "a brand new passphrase",
                                       "pw-confirm": "a brand new passphrase"})
    assert r.status_code == 302
    assert client.get("/account/").status_code == 200
    ended = phone.get("/log/")
    assert ended.status_code == 302 and "ended=1" in ended.headers["Location"]
    assert models.DeviceSession.select().count() == 1


def test_share_links_and_calendar_feeds_are_listed_and_turned_off_in_one_tap(client, auth, db):
    auth.signup()
    _, token = make_link(client)
    client.post("/reminders/feed")
    page = client.get("/account/").get_data(as_text=True)
    assert "Report share link made" in page and "Calendar address for reminders" in page
    r = client.post("/account/links/off")
    assert r.status_code == 303
    assert client.get(f"/shared/{token}").status_code == 410
    assert ShareLink.select().where(ShareLink.revoked_at.is_null()).count() == 0
    assert CalendarFeed.select().where(CalendarFeed.revoked_at.is_null()).count() == 0
    assert "No share links or calendar addresses" in client.get("/account/").get_data(as_text=True)


def test_signed_out_session_state_starts_no_session_even_with_a_dead_cookie(app, client, auth, db):
    auth.signup()
    dead = cookie_value(client)
    auth.signout()
    client.set_cookie("sc_session", dead)
    r = client.get("/api/session")
    assert r.json["signed_in"] is False and "Set-Cookie" not in r.headers


@pytest.mark.parametrize("how", ["sign-out", "delete", "stale", "password-elsewhere"])
def test_every_way_out_tells_the_phone_to_forget(app, client, auth, db, how):
    """Finding 5: Clear-Site-Data on the way out, and the next page asks the worker to forget."""
    auth.signup()
    if how == "sign-out":
        r = client.post("/account/signout")
    elif how == "delete":
        r = client.post("/account/delete", data={"del-password": PASSWORD, "del-confirm": "y"})
    else:
        if how == "stale":
            models.DeviceSession.delete().execute()            # ended on another device, or expired
        else:
            device(app, ANDROID).post("/account/", data={
                "pw-current": PASSWORD, "pw-password": "a brand new passphrase",
                "pw-confirm": "a brand new passphrase"})
        r = client.get("/report/")
    assert r.status_code == 302 and r.headers["Clear-Site-Data"] == '"cache"'
    landing = client.get(r.headers["Location"])
    assert landing.status_code == 200
    assert 'data-signed-out="true"' in landing.get_data(as_text=True)
    assert client.get("/account/").status_code == 302


def test_personal_pages_are_never_stored_by_http_caches(client, auth):
    """Finding 10: no-store on personal pages (the service worker keeps its own copy)."""
    assert "no-store" not in client.get("/library/").headers["Cache-Control"]
    auth.signup()
    for path in ("/log/", "/account/", "/report/", "/log/history", "/library/"):
        r = client.get(path, follow_redirects=True)
        assert "no-store" in r.headers["Cache-Control"], path
        assert r.headers["X-Keep-Offline"] == "1", path


@pytest.mark.parametrize("query", [
    "/%09/evil.example", "/%0a/evil.example", "/%0d%0aSet-Cookie:x=1", "//evil.example",
    "/%5Cevil.example", "%2F%2Fevil.example", "https://evil.example/", "javascript:alert(1)",
    "/%20/evil.example", "/log/%00", "/caf%C3%A9", "/" + "a" * 3000,
])
def test_next_accepts_only_a_clean_same_site_path(client, auth, query):
    """Finding 7: no open redirect and no 500 through ?next= (written as it would be in a link)."""
    auth.signup()
    auth.signout()
    r = client.post(f"/account/signin?next={query}", data={"email": "ana@example.com", "password": PASSWORD})
    assert r.status_code == 302 and r.headers["Location"] == "/"


def test_next_still_returns_to_a_page_on_this_site(client, auth):
    auth.signup()
    auth.signout()
    r = client.get("/log/history?page=2")
    assert r.status_code == 302
    back = client.post(r.headers["Location"], data={"email": "ana@example.com", "password": PASSWORD})
    assert back.headers["Location"] == "/log/history?page=2"


def test_a_page_kept_in_the_background_never_replaces_the_cookie(app, client, auth, db):
    """The service worker's background fetch (X-Warm) can be answered after sign-out; the cookie
    and CSRF secret the sign-in page has just set must survive it."""
    auth.signup()
    old = cookie_value(client)
    auth.signout()
    page = client.get("/account/signin").get_data(as_text=True)
    now = cookie_value(client)
    late = app.test_client()
    late.set_cookie("sc_session", old)
    r = late.get("/", headers={"X-Warm": "1"})
    assert r.status_code == 302 and "Set-Cookie" not in r.headers
    r = late.get("/library/", headers={"X-Warm": "1"})
    assert r.status_code == 200 and "Set-Cookie" not in r.headers
    # Without the header, the same late answer would have set a fresh visitor cookie.
    assert "Set-Cookie" in late.get("/library/").headers
    assert cookie_value(client) == now and 'name="csrf-token"' in page


NEW_PASSWORD = "a brand new passphrase"


def test_a_password_change_gives_this_device_a_new_session_id(app, client, auth, db):
    """Issue 22.1 (OWASP): the session that changes the password gets a new id, so a cookie
    copied before the change stops working, though it was this device's."""
    auth.signup()
    before = cookie_value(client)
    copied = app.test_client()
    copied.set_cookie("sc_session", before)
    assert copied.get("/account/").status_code == 200
    r = client.post("/account/", data={"pw-current": PASSWORD, "pw-password": NEW_PASSWORD,
                                       "pw-confirm": NEW_PASSWORD})
    assert r.status_code == 302
    after = cookie_value(client)
    assert after != before and re.fullmatch(r"[A-Za-z0-9_-]{43}", after)
    assert client.get("/account/").status_code == 200                 # still signed in here
    gone = copied.get("/account/")
    assert gone.status_code == 302 and "/account/signin" in gone.headers["Location"]
    sessions = models.DeviceSession
    row = sessions.get()                                                # the same device, kept
    assert row.token_hash == hashlib.sha256(after.encode()).hexdigest()
    assert "(this device)" in client.get("/account/").get_data(as_text=True)


def test_a_recovery_signs_in_with_a_new_session_id(app, client, auth, db):
    """Recovering on a browser that was signed in (a copied cookie of it too) ends that session."""
    auth.signup()
    made = client.post("/account/recovery/codes?next=/")
    code = re.findall(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>", made.get_data(as_text=True))[0]
    before = cookie_value(client)
    copied = app.test_client()
    copied.set_cookie("sc_session", before)
    r = client.post("/account/recover", data={"email": "ana@example.com", "code": code,
                                              "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 303
    assert cookie_value(client) != before and client.get("/account/").status_code == 200
    assert copied.get("/account/").status_code == 302
    assert models.DeviceSession.select().count() == 1
