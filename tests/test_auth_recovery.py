"""Recovery codes (issue 17, part 1): offered after sign-up and once to older accounts, shown once,
stored only as slow hashes, each good once, a new set ends the old, wrong codes throttled like
sign-in, the same work for unknown emails, and every other session ends."""
import datetime as dt
import re

import pytest

from webapp.auth import codes
from webapp.models import AccountEvent, DeviceSession, RecoveryCode, User, utcnow

from .helpers import PASSWORD, Auth, strangers_wrong_passwords

NEW_PASSWORD = "a brand new passphrase"


def shown_codes(response):
    return re.findall(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>", response.get_data(as_text=True))


def make_codes(client, next_url="/"):
    r = client.post(f"/account/recovery/codes?next={next_url}")
    assert r.status_code == 201, r.status_code
    return r, shown_codes(r)


def recover(client, code, email="ana@example.com", password=NEW_PASSWORD, address="203.0.113.7"):
    return client.post("/account/recover", data={"email": email, "code": code, "password": password,
                                                 "confirm": password}, environ_base={"REMOTE_ADDR": address})


def test_sign_up_leads_to_the_codes_which_are_shown_once_and_kept_only_as_hashes(client, auth, db):
    r = auth.signup()
    assert r.headers["Location"] == "/account/recovery/start"
    step = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Keep a way back in" in step and "Show my recovery codes" in step
    made, shown = make_codes(client)
    assert len(shown) == 8 and len(set(shown)) == 8
    assert made.headers["Cache-Control"] == "no-store"          # no cache keeps them, the phone's neither
    page = made.get_data(as_text=True)
    assert "You will not see them again" in page and 'href="/"' in page
    assert all(label in page for label in ("Copy", "Download", "Print"))
    ana = User.by_email("ana@example.com")
    stored = [row.code_hash for row in RecoveryCode.for_user(ana)]
    assert len(stored) == 8 and all(h.startswith("scrypt$4096$8$1$") for h in stored)
    assert not any(code.replace("-", "") in h or code in h for code in shown for h in stored)
    assert ana.recovery_offered_at is not None
    # Shown once: the Account page counts them but never shows them again.
    account = client.get("/account/").get_data(as_text=True)
    assert "8 of 8" in account and not any(code in account for code in shown)
    assert shown_codes(client.get("/account/")) == []
    assert "New recovery codes made" in account


def test_a_code_sets_a_new_password_works_once_and_ends_every_other_session(app, client, auth, db):
    auth.signup()
    _, shown = make_codes(client)
    phone = app.test_client()
    assert Auth(phone).signin().status_code == 302
    auth.signout()
    # Typed carelessly: lower case, spaces instead of dashes, an O for a zero.
    careless = shown[0].lower().replace("-", " ").replace("0", "O")
    r = recover(client, careless)
    assert r.status_code == 303 and r.headers["Location"] == "/account/#recovery-heading"
    assert client.get("/account/").status_code == 200                # signed in here...
    assert phone.get("/account/").status_code == 302                 # ...and nowhere else
    ana = User.by_email("ana@example.com")
    assert DeviceSession.for_user(ana).count() == 1
    assert ana.check_password(NEW_PASSWORD) and not ana.check_password(PASSWORD)
    assert RecoveryCode.for_user(ana).where(RecoveryCode.used_at.is_null(False)).count() == 1
    page = client.get("/account/").get_data(as_text=True)
    assert "7 of 8" in page and "A recovery code was used to set a new password: 7 left" in page
    # The same code a second time: refused, and the password stays.
    auth.signout()
    again = recover(client, shown[0], password="yet another passphrase")
    assert again.status_code == 401 and "don&#39;t match" in again.get_data(as_text=True)
    assert User.by_email("ana@example.com").check_password(NEW_PASSWORD)
    # Another code still works.
    assert recover(client, shown[1], password="yet another passphrase").status_code == 303


def test_a_new_set_ends_the_old_one(client, auth, db):
    auth.signup()
    _, first = make_codes(client)
    _, second = make_codes(client, "/account/")
    assert set(first).isdisjoint(second)
    auth.signout()
    assert recover(client, first[0]).status_code == 401
    assert recover(client, second[0]).status_code == 303
    ana = User.by_email("ana@example.com")
    assert RecoveryCode.for_user(ana).count() == 8
    kinds = [event.kind for event in AccountEvent.newest_first(ana)]
    assert kinds == ["code_used", "codes_made", "codes_made"]


def test_replacing_a_set_needs_a_recent_sign_in_or_confirmation(client, auth, db):
    """A phone left unlocked for a day cannot quietly replace the codes (and so the password)."""
    auth.signup()
    _, first = make_codes(client)
    DeviceSession.update(created_at=utcnow() - dt.timedelta(hours=2)).execute()
    r = client.post("/account/recovery/codes?next=/account/")
    assert r.status_code == 303 and r.headers["Location"].startswith("/account/confirm?next=")
    ana = User.by_email("ana@example.com")
    assert sorted(h.code_hash for h in RecoveryCode.for_user(ana)) and RecoveryCode.summary(ana)[0] == 8
    wrong = client.post("/account/confirm?next=/account/", data={"password": "not my password"})
    assert wrong.status_code == 401 and "isn&#39;t your password" in wrong.get_data(as_text=True)
    ok = client.post("/account/confirm?next=/account/", data={"password": PASSWORD})
    assert ok.status_code == 303 and ok.headers["Location"] == "/account/"
    _, second = make_codes(client, "/account/")
    assert set(first).isdisjoint(second)


def test_wrong_codes_are_throttled_like_sign_in(client, auth, db):
    auth.signup()
    _, shown = make_codes(client)
    auth.signout()
    statuses = [recover(client, f"AAAA-BBBB-{i:04d}", address=f"198.51.100.{i}").status_code for i in range(7)]
    assert statuses == [401] * 5 + [429] * 2
    # Even the right code waits until the back-off is over, and is not spent meanwhile.
    blocked = recover(client, shown[0], address="192.0.2.1")
    assert blocked.status_code == 429 and "Please wait" in blocked.get_data(as_text=True)
    ana = User.by_email("ana@example.com")
    assert RecoveryCode.summary(ana)[0] == 8 and ana.check_password(PASSWORD)
    # The codes have a count of their own: the owner's password still works (issue 22.2).
    assert auth.signin().status_code == 302


def test_a_strangers_wrong_passwords_do_not_hold_up_a_valid_code(app, client, auth, db):
    """Issue 22.2: six wrong passwords typed by anyone made the owner's right code answer 429."""
    auth.signup()
    _, shown = make_codes(client)
    auth.signout()
    strangers_wrong_passwords(app)
    r = recover(client, shown[0])
    assert r.status_code == 303
    assert User.by_email("ana@example.com").check_password(NEW_PASSWORD)
    assert RecoveryCode.summary(User.by_email("ana@example.com"))[0] == 7


def test_unknown_emails_get_the_same_answer_after_the_same_work(client, auth, db, monkeypatch):
    auth.signup()
    make_codes(client)
    auth.signout()
    codes.dummy_set()               # made once per process, like the password check's dummy hash
    derived = []
    real = codes._derive

    def counted(code, salt, *params):
        derived.append(params)
        return real(code, salt, *params)
    monkeypatch.setattr(codes, "_derive", counted)
    answers = {}
    for email in ("ana@example.com", "nobody@example.com"):
        r = recover(client, "AAAA-BBBB-CCCC", email=email)
        answers[email] = (r.status_code, r.get_data(as_text=True).count("don&#39;t match"))
    assert answers["ana@example.com"] == answers["nobody@example.com"] == (401, 1)
    assert len(derived) == 2 and derived[0] == derived[1]           # one scrypt each, same cost


@pytest.mark.parametrize("form,message", [
    ({"code": ""}, "Enter one of your recovery codes"),
    ({"code": "x" * 500}, "longer than a recovery code"),
    ({"password": "short", "confirm": "short"}, "between 10 and 256"),
    ({"confirm": "something else entirely"}, "don&#39;t match"),
    ({"email": "not-an-email"}, "like name@example.com"),
])
def test_bad_input_is_answered_next_to_the_field_and_spends_no_code(client, auth, db, form, message):
    auth.signup()
    _, shown = make_codes(client)
    auth.signout()
    data = {"email": "ana@example.com", "code": shown[0], "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
            **form}
    r = client.post("/account/recover", data=data)
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    assert RecoveryCode.summary(User.by_email("ana@example.com"))[0] == 8


def test_older_accounts_are_offered_codes_once_on_today_and_the_account_page(client, auth, db):
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    card = "Keep a way back in."
    assert card in client.get("/account/").get_data(as_text=True)
    assert card not in client.get("/log/").get_data(as_text=True)        # only where people start
    assert card not in client.get("/red-flags").get_data(as_text=True)   # never on the safety pages
    r = client.post("/account/recovery/later?next=/account/")
    assert r.status_code == 303 and r.headers["Location"] == "/account/"
    assert card not in client.get("/account/").get_data(as_text=True)
    assert User.by_email("ana@example.com").recovery_offered_at is not None
    # The Account page still makes them at any time.
    assert "Make my recovery codes" in client.get("/account/").get_data(as_text=True)


def test_an_older_account_taps_show_and_returns_where_it_was(client, auth, db):
    auth.signup()
    page = client.get("/account/").get_data(as_text=True)
    action = re.search(r'action="(/account/recovery/codes\?next=[^"]+)"', page).group(1)
    r = client.post(action.replace("&amp;", "&"))
    assert r.status_code == 201 and len(shown_codes(r)) == 8
    assert 'href="/account/"' in r.get_data(as_text=True)


def test_the_codes_module_reads_what_people_type():
    made = codes.new_codes()
    assert len(made) == codes.SET_SIZE
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", c) for c in made)
    hashes = codes.hash_set(made)
    assert codes.find(hashes, made[3]) == 3
    assert codes.find(hashes, " " + made[5].lower().replace("-", "  ") + " ") == 5
    assert codes.find(hashes, "0000-0000-0000") is None
    for junk in ("", "-", "\u0000" * 12, "ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ", "x" * 1000, None, 12):
        assert codes.find(hashes, junk) is None
    assert codes.find([], made[0]) is None and codes.find(["not a hash"], made[0]) is None
    assert codes.normalise("abcd-efgh-jkmo") == "ABCDEFGHJKM0"
    assert codes.normalise("ilil-ILIL-0000") == "11111111" + "0000"
