"""Password guessing is slowed down per account and per address, for every worker and across
restarts; a wait ends by itself; sign-up counts too; forwarded addresses are believed only from
configured proxies. (Issue 13, findings 1 and 6.)"""
import datetime as dt

import pytest

from webapp.models import User, utcnow

from .helpers import PASSWORD, make_app

SPELLINGS = ["ana@example.com", "  ana@example.com", "ANA@Example.com ", "\tAna@EXAMPLE.com"]


def post_signin(client, email, password, address):
    return client.post("/account/signin", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def later(monkeypatch, seconds):
    """Move the throttle's clock `seconds` ahead of now."""
    from webapp import throttle
    moment = utcnow() + dt.timedelta(seconds=seconds)
    monkeypatch.setattr(throttle, "clock", lambda: moment)


@pytest.fixture
def ana_account(client, auth):
    auth.signup()
    auth.signout()
    return User.by_email("ana@example.com")


def test_twenty_guesses_from_four_addresses_and_padded_emails_are_throttled(app, ana_account, monkeypatch):
    """Finding 1: 20 wrong passwords, spread over 4 addresses and 4 spellings of the email."""
    clients = [app.test_client() for _ in range(4)]
    statuses = [post_signin(clients[i % 4], SPELLINGS[i % 4], f"wrong guess {i}", f"203.0.113.{i % 4 + 1}")
                .status_code for i in range(20)]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429] * 15
    # The right password, from a fifth address, still waits until the back-off ends...
    fresh = app.test_client()
    blocked = post_signin(fresh, "ana@example.com", PASSWORD, "198.51.100.9")
    assert blocked.status_code == 429 and b"Please wait 1 minute" in blocked.data
    assert blocked.headers["Retry-After"] in {"59", "60"}
    later(monkeypatch, 50)
    assert post_signin(fresh, "ana@example.com", PASSWORD, "198.51.100.9").status_code == 429
    # ...and is let in once it has.
    later(monkeypatch, 61)
    assert post_signin(fresh, "ana@example.com", PASSWORD, "198.51.100.9").status_code == 302
    assert fresh.get("/account/").status_code == 200


def test_the_count_is_shared_by_every_worker_and_survives_a_restart(app, ana_account):
    """Finding 1: counts live in the database, not in one worker's memory."""
    url = app.config["DATABASE_URL"]
    worker_a, worker_b = make_app(url), make_app(url)
    statuses = [post_signin((worker_a if i % 2 else worker_b).test_client(), "ana@example.com",
                            f"wrong {i}", "203.0.113.5").status_code for i in range(6)]
    assert statuses == [401] * 5 + [429]
    restarted = make_app(url)
    assert post_signin(restarted.test_client(), "ana@example.com", PASSWORD, "192.0.2.1").status_code == 429


def test_one_address_trying_many_unknown_emails_is_throttled(app, client, db):
    """Finding 1: the address is counted across accounts, existing or not (20 by default; 6 here
    to keep the test quick: each try costs a real scrypt check)."""
    app.config["THROTTLE_ADDRESS_FREE"] = 6
    statuses = [post_signin(client, f"nobody{i}@example.com", "some password", "203.0.113.77").status_code
                for i in range(8)]
    assert statuses[:6] == [401] * 6 and statuses[6:] == [429, 429]
    # Another address is not held up by it.
    assert post_signin(client, "nobody@example.com", "some password", "203.0.113.78").status_code == 401


def test_waits_double_up_to_a_ceiling_and_the_count_is_forgotten(app, ana_account, monkeypatch):
    """A back-off, never a lock-out for good."""
    from webapp import throttle
    policy = throttle.Policy(free=5)
    assert [policy.wait_after(n) for n in range(4, 11)] == [0, 60, 120, 240, 480, 900, 900]
    client = app.test_client()
    for i in range(5):
        post_signin(client, "ana@example.com", f"wrong {i}", "203.0.113.1")
    later(monkeypatch, 61)
    assert post_signin(client, "ana@example.com", "wrong again", "203.0.113.1").status_code == 401
    assert post_signin(client, "ana@example.com", PASSWORD, "203.0.113.1").status_code == 429  # 120 s now
    later(monkeypatch, 25 * 3600)                       # a day later the count starts again
    assert post_signin(client, "ana@example.com", "one more slip", "203.0.113.1").status_code == 401
    assert post_signin(client, "ana@example.com", PASSWORD, "203.0.113.1").status_code == 302


def test_the_right_password_starts_the_account_count_again(app, ana_account):
    client = app.test_client()
    for i in range(4):
        assert post_signin(client, "ana@example.com", f"wrong {i}", "203.0.113.2").status_code == 401
    assert post_signin(client, "ana@example.com", PASSWORD, "203.0.113.2").status_code == 302
    client.post("/account/signout")
    for i in range(4):
        assert post_signin(client, "ana@example.com", f"wrong {i}", "203.0.113.2").status_code == 401


def test_signup_cannot_test_emails_faster_than_signin(app, ana_account):
    """Finding 6: a sign-up for an existing email counts as a wrong password for that account."""
    prober = app.test_client()
    for i in range(5):
        r = prober.post("/account/signup", data={"email": f" ANA@example.com{' ' * i}",
                                                 "password": f"a guess number {i}", "privacy": "y"},
                        environ_base={"REMOTE_ADDR": f"203.0.113.{20 + i}"})
        assert r.status_code == 409
    r = prober.post("/account/signup", data={"email": "ana@example.com", "password": "another guess",
                                             "privacy": "y"}, environ_base={"REMOTE_ADDR": "203.0.113.30"})
    assert r.status_code == 429
    assert post_signin(app.test_client(), "ana@example.com", PASSWORD, "192.0.2.40").status_code == 429
    assert User.select().count() == 1


def test_signups_from_one_address_count(app, client, db):
    """Sign-up counts too: many new accounts from one address are slowed down."""
    app.config["THROTTLE_ADDRESS_FREE"] = 4
    statuses = [client.post("/account/signup", data={"email": f"new{i}@example.com", "password": PASSWORD,
                                                     "privacy": "y"},
                            environ_base={"REMOTE_ADDR": "203.0.113.99"}).status_code for i in range(6)]
    assert statuses == [302] * 4 + [429, 429]
    assert User.select().count() == 4


def test_forwarded_addresses_are_ignored_unless_the_proxy_is_trusted(app, db):
    """Finding 1: nobody picks the address the throttle counts by sending X-Forwarded-For."""
    app.config["THROTTLE_ADDRESS_FREE"] = 3
    client = app.test_client()
    statuses = [client.post("/account/signin", data={"email": f"x{i}@example.com", "password": "guess guess"},
                            headers={"X-Forwarded-For": f"198.51.100.{i}"},
                            environ_base={"REMOTE_ADDR": "203.0.113.50"}).status_code for i in range(4)]
    assert statuses == [401, 401, 401, 429]
    trusting = make_app(app.config["DATABASE_URL"], TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8",
                        THROTTLE_ADDRESS_FREE=3)
    behind_proxy = trusting.test_client()
    statuses = [behind_proxy.post("/account/signin", data={"email": f"y{i}@example.com", "password": "guess"},
                                  headers={"X-Forwarded-For": f"192.0.2.77, 198.51.100.{i}"},
                                  environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code for i in range(5)]
    assert set(statuses) == {401}          # five people behind the proxy, one wrong guess each
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        make_app(app.config["DATABASE_URL"], TRUSTED_PROXIES="not-an-address")


def test_a_copied_session_cannot_guess_the_password_on_the_account_page(client, auth, db):
    """Changing the password and deleting the account use the same throttle."""
    auth.signup()
    new = "a brand new passphrase"
    statuses = [client.post("/account/", data={"pw-current": f"guess {i}", "pw-password": new,
                                               "pw-confirm": new}).status_code for i in range(6)]
    assert statuses == [400] * 5 + [429]
    r = client.post("/account/delete", data={"del-password": PASSWORD, "del-confirm": "y"})
    assert r.status_code == 429
    assert User.by_email("ana@example.com") is not None
