"""The CSRF token each page carries (webapp/csrf.py): signed once per session and handed out
again, accepted like any other, never shared between sessions, and signed afresh whenever tokens
carry a time limit."""
import itertools

import pytest
from itsdangerous import TimestampSigner

from .conftest import _serve, database_url
from .helpers import csrf_token_from, make_app

PASSWORD = "correct horse battery"


@pytest.fixture
def ticking(monkeypatch):
    """Every signing a second after the one before, so two signings never give the same token."""
    seconds = itertools.count(1_900_000_000)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: next(seconds))


def sign_up(client, email):
    token = csrf_token_from(client.get("/account/signup").get_data(as_text=True))
    r = client.post("/account/signup", data={"email": email, "password": PASSWORD, "privacy": "y"},
                    headers={"X-CSRFToken": token})
    assert r.status_code == 302


def tokens(client, paths=("/account/", "/red-flags", "/library/", "/account/")):
    return [csrf_token_from(client.get(path).get_data(as_text=True)) for path in paths]


def test_every_page_of_a_session_carries_one_signing_and_it_is_accepted(csrf_app, ticking):
    client = csrf_app.test_client()
    sign_up(client, "ana@example.com")
    seen = tokens(client)
    assert len(set(seen)) == 1 and seen[0]
    state = client.get("/api/session").get_json()
    assert state["csrf_token"] == seen[0]
    r = client.post("/account/signout", data={"csrf_token": seen[0]})
    assert r.status_code == 302


def test_another_session_gets_its_own_token_and_the_old_one_is_refused_after_sign_out(csrf_app, ticking):
    ana, ben = csrf_app.test_client(), csrf_app.test_client()
    sign_up(ana, "ana@example.com")
    sign_up(ben, "ben@example.com")
    ana_token, ben_token = tokens(ana)[0], tokens(ben)[0]
    assert ana_token != ben_token
    r = ben.post("/account/signout", headers={"X-CSRFToken": ana_token})
    assert r.status_code == 400                 # Ana's token is no good in Ben's session
    assert ana.post("/account/signout", data={"csrf_token": ana_token}).status_code == 302
    fresh = tokens(ana, ["/account/signin"])[0]
    assert fresh != ana_token
    r = ana.post("/account/signin", data={"email": "ana@example.com", "password": PASSWORD},
                 headers={"X-CSRFToken": ana_token})
    assert r.status_code == 400                 # the signed-out session's token is refused


@pytest.fixture
def limited_app(backend, tmp_path):
    yield from _serve(make_app(database_url(backend, tmp_path), WTF_CSRF_ENABLED=True, WTF_CSRF_TIME_LIMIT=3600))


def test_tokens_with_a_time_limit_are_signed_afresh_for_each_page(limited_app, ticking):
    client = limited_app.test_client()
    sign_up(client, "ana@example.com")
    seen = tokens(client)
    assert len(set(seen)) == len(seen)
    assert client.post("/account/signout", data={"csrf_token": seen[-1]}).status_code == 302
