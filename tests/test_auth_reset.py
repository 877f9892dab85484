"""E-mail reset when SMTP is set up (issue 17, part 2), against a real SMTP server (aiosmtpd) the test
starts on loopback and reads from: the link works once, runs out after an hour (the clock is
moved, nobody sleeps), the answer is the same for an email with no account and does not wait
for the mail, every other session ends, and without SMTP the link is not offered."""
import datetime as dt
import gc
import hashlib
import re
import sys

import pytest

from webapp.auth import reset
from webapp.models import AccountEvent, ResetToken, User, utcnow

from .helpers import PASSWORD, Auth, MailSink, eventually, strangers_wrong_passwords

NEW_PASSWORD = "a brand new passphrase"
SENDER = "Sciatica Companion <care@example.org>"


@pytest.fixture
def sink():
    with MailSink() as handler:
        yield handler


@pytest.fixture
def mail_app(app, sink):
    """The app with SMTP set up to send to the sink (plain SMTP on loopback, no TLS)."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, MAIL_USE_TLS=False,
                      MAIL_DEFAULT_SENDER=SENDER)
    reset.mail.init_app(app)
    yield app
    app.extensions["reset_mail"].shutdown(wait=True)


@pytest.fixture
def ana(mail_app, client, auth):
    auth.signup()
    auth.signout()
    return User.by_email("ana@example.com")


def ask(client, address="ana@example.com", remote="203.0.113.9"):
    # buffered: the test client reads the whole answer and closes it, as a server does once it
    # has sent it (the mail job is handed to the worker then).
    return client.post("/account/forgot", data={"email": address}, environ_base={"REMOTE_ADDR": remote},
                       buffered=True)


def mail_for(sink, count=1):
    eventually(lambda: len(sink.messages) >= count)
    return sink.links()[count - 1]


def path_of(link):
    return link.split("http://localhost", 1)[1]


def later(monkeypatch, minutes):
    moment = utcnow() + dt.timedelta(minutes=minutes)
    monkeypatch.setattr(reset, "clock", lambda: moment)


def test_without_smtp_the_link_is_not_offered_and_codes_are_the_way(client, db):
    page = client.get("/account/signin").get_data(as_text=True)
    assert 'href="/account/recover" id="forgot-link">Forgot your password?' in page
    r = client.get("/account/forgot")
    assert r.status_code == 302 and r.headers["Location"] == "/account/recover"
    assert client.post("/account/forgot", data={"email": "ana@example.com"}).status_code == 302
    assert "link by email" not in client.get("/account/recover").get_data(as_text=True)


def test_the_link_works_once_and_ends_every_other_session(app, client, ana, sink):
    phone = app.test_client()
    assert Auth(phone).signin().status_code == 302
    page = client.get("/account/signin").get_data(as_text=True)
    assert 'href="/account/forgot" id="forgot-link"' in page
    r = ask(client)
    assert r.status_code == 200 and "Check your email" in r.get_data(as_text=True)
    link = mail_for(sink)
    message = sink.messages[0]
    assert message["To"] == "ana@example.com" and message["From"] == SENDER
    assert "works once, for one hour" in message.get_payload(decode=True).decode()
    token = link.rsplit("/", 1)[1]
    row = ResetToken.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    form = client.get(path_of(link))
    assert form.status_code == 200 and "Choose a new password" in form.get_data(as_text=True)
    assert form.headers["Cache-Control"] == "no-store" and form.headers["Referrer-Policy"] == "no-referrer"
    done = client.post(path_of(link), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/"
    assert client.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302                 # the other device is out
    user = User.by_email("ana@example.com")
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    assert [e.kind for e in AccountEvent.newest_first(user)] == ["reset_by_email"]
    assert "Password reset with a link sent by email" in client.get("/account/").get_data(as_text=True)
    # Once only: the same link again is gone, whoever opens it.
    stranger = phone
    assert stranger.get(path_of(link)).status_code == 410
    again = stranger.post(path_of(link), data={"password": "yet another passphrase",
                                               "confirm": "yet another passphrase"})
    assert again.status_code == 410 and "no longer works" in again.get_data(as_text=True)
    assert User.by_email("ana@example.com").check_password(NEW_PASSWORD)


def test_the_link_runs_out_after_an_hour(client, ana, sink, monkeypatch):
    ask(client)
    link = mail_for(sink)
    later(monkeypatch, 59)
    assert client.get(path_of(link)).status_code == 200
    later(monkeypatch, 61)
    assert client.get(path_of(link)).status_code == 410
    r = client.post(path_of(link), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 410 and "Send me a new link" in r.get_data(as_text=True)
    assert User.by_email("ana@example.com").check_password(PASSWORD)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, ana, sink):
    answers = {}
    for address in ("nobody@example.com", "ana@example.com"):
        r = ask(client, address)
        body = r.get_data(as_text=True).replace(address, "EMAIL")
        answers[address] = (r.status_code, re.sub(r'content="[^"]+" name="csrf|[A-Za-z0-9._-]{40,}', "", body))
    assert answers["nobody@example.com"] == answers["ana@example.com"]
    mail_for(sink)          # the one worker sends in order: once Ana's mail is in, nobody's was not sent
    assert [m["To"] for m in sink.messages] == ["ana@example.com"]
    assert ResetToken.select().count() == 1


def test_the_answer_does_not_wait_for_the_mail(client, ana, sink):
    """The page is the same work for every email: the mail goes after it, from a worker thread."""
    sink.gate.clear()                                   # the SMTP server holds every delivery
    r = ask(client)
    assert r.status_code == 200 and sink.messages == []
    sink.gate.set()
    assert mail_for(sink)


def test_the_job_is_handed_over_only_once_the_answer_has_been_sent(client, ana, sink):
    """Until the server has sent the answer (and closed it), nothing about the email is done."""
    r = client.post("/account/forgot", data={"email": "ana@example.com"})      # not closed yet
    assert r.status_code == 200
    client.application.extensions["reset_mail"].submit(lambda: None).result()
    assert ResetToken.select().count() == 0 and sink.messages == []
    r.close()
    assert mail_for(sink) and ResetToken.select().count() == 1


def calls_made(client, address):
    """Every Python function called while the app answers "Forgot your password?" for `address`,
    in order, on the thread that answers (the worker's job comes after the answer has gone)."""
    calls = []
    client.application.extensions["reset_mail"].submit(lambda: None).result()  # earlier jobs done

    def note(frame, event, arg):
        # (A weak reference dying calls back on whatever thread drops it: not this request's work.)
        if event == "call" and not frame.f_code.co_filename.endswith(IGNORED):
            calls.append((frame.f_code.co_filename, frame.f_code.co_name))
    gc.collect()
    gc.disable()
    sys.setprofile(note)
    try:
        r = ask(client, address)
    finally:
        sys.setprofile(None)
        gc.enable()
    assert r.status_code == 200
    return calls


IGNORED = ("weakref.py", "_weakrefset.py")


def test_a_registered_and_an_unknown_email_take_the_same_code_path(client, ana, sink):
    """Issue 22.4: a registered email was 2-3 ms slower. The answer is now the same work, call for
    call, for both (timings, which vary, are measured in bench/forgot_timing.py, not here)."""
    known, unknown = "ana@example.com", "bob@example.com"       # the same length
    # Caches and compiled templates warm, and each statement run past psycopg 3's prepare
    # threshold (5 runs on a connection), so neither answer is the one that prepares it.
    for address in (known, unknown) * 4:
        calls_made(client, address)
    first, second = calls_made(client, known), calls_made(client, unknown)
    assert len(first) > 500
    assert first == second
    # And every job was handed on, for both: only the worker knows which email has an account.
    client.application.extensions["reset_mail"].submit(lambda: None).result()
    assert [m["To"] for m in sink.messages] == ["ana@example.com"] * 3


def test_the_link_is_built_on_the_public_address(mail_app, client, ana, sink):
    mail_app.config["PUBLIC_BASE_URL"] = "https://sciatica.example.org"
    ask(client)
    eventually(lambda: sink.messages)
    body = sink.messages[0].get_payload(decode=True).decode()
    assert re.search(r"https://sciatica\.example\.org/account/reset/[A-Za-z0-9_-]{43}\b", body)
    assert "localhost" not in body


def test_an_account_gets_three_links_an_hour_and_a_new_password_ends_them(client, auth, ana, sink, monkeypatch):
    for _ in range(4):
        assert ask(client).status_code == 200
    links = [mail_for(sink, 3)]
    mail_app_pool = client.application.extensions["reset_mail"]
    mail_app_pool.submit(lambda: None).result()         # the fourth job has run too
    assert len(sink.messages) == 3 and ResetToken.select().count() == 3
    auth.signin()
    client.post("/account/", data={"pw-current": PASSWORD, "pw-password": NEW_PASSWORD,
                                   "pw-confirm": NEW_PASSWORD})
    assert ResetToken.select().count() == 0
    assert client.get(path_of(links[0])).status_code == 410


def test_asking_again_and_again_from_one_address_is_throttled(mail_app, client, ana, sink):
    mail_app.config["THROTTLE_ADDRESS_FREE"] = 3
    statuses = [ask(client, f"person{i}@example.com").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # Another address is not held up, nor is Ana's own sign-in.
    assert ask(client, remote="198.51.100.3").status_code == 200
    assert Auth(client).signin().status_code == 302


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 200, "%00" * 20])
def test_a_made_up_link_is_gone_not_an_error(client, ana, token):
    r = client.get(f"/account/reset/{token}")
    assert r.status_code in (404, 410)
    r = client.post(f"/account/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code in (400, 404, 410)


def test_a_bad_new_password_is_answered_and_the_link_still_works(client, ana, sink):
    ask(client)
    link = path_of(mail_for(sink))
    r = client.post(link, data={"password": "short", "confirm": "short"})
    assert r.status_code == 400 and "between 10 and 256" in r.get_data(as_text=True)
    r = client.post(link, data={"password": NEW_PASSWORD, "confirm": "something else entirely"})
    assert r.status_code == 400 and "don&#39;t match" in r.get_data(as_text=True)
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 303


def test_smtp_settings_come_from_the_environment(tmp_path, monkeypatch):
    from webapp import create_app
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    for name, value in {"MAIL_SERVER": "smtp.example.org", "MAIL_PORT": "465", "MAIL_USE_SSL": "true",
                        "MAIL_USERNAME": "care", "MAIL_PASSWORD": "secret", "MAIL_DEFAULT_SENDER": SENDER}.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    state = app.extensions["mailman"]
    assert (state.server, state.port, state.use_ssl, state.use_tls) == ("smtp.example.org", 465, True, False)
    assert (state.username, state.password, state.default_sender, state.backend) == ("care", "secret", SENDER, "smtp")
    with app.test_request_context("/", base_url="http://localhost:8000"):
        assert reset.offered()
    with app.test_request_context("/", base_url="https://sciatica.example.org"):
        assert not reset.offered()          # no PUBLIC_BASE_URL: a link could not name this site
    app.extensions["reset_mail"].shutdown()


def test_a_strangers_wrong_passwords_do_not_hold_up_a_valid_link(app, client, ana, sink):
    """Issue 22.2: a valid 256-bit link is no password guess; six wrong passwords typed by anyone
    made it answer 429, and about four an hour kept it so."""
    ask(client)
    link = mail_for(sink)
    strangers_wrong_passwords(app)
    assert client.get(path_of(link)).status_code == 200
    done = client.post(path_of(link), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303 and client.get("/account/").status_code == 200
    assert User.by_email("ana@example.com").check_password(NEW_PASSWORD)
    # A made-up link is still a guess against its address.
    for i in range(25):
        last = client.post(f"/account/reset/{'x' * 40}{i:03d}", data={"password": NEW_PASSWORD,
                                                                  "confirm": NEW_PASSWORD})
    assert last.status_code == 429
