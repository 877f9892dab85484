"""`flask purge` deletes what has run out and says what went; `flask mail-test` sends one message
through the configured SMTP server (a real one on loopback here) or says plainly why it could not."""
import datetime as dt
import secrets

import pytest

from webapp.auth import reset
from webapp.models import Challenge, DeviceSession, ResetToken, ShareLink, Throttle, User, utcnow

from .helpers import MailSink, free_port

SENDER = "Sciatica Companion <care@example.org>"


def token():
    return secrets.token_hex(32)


def test_purge_removes_what_has_run_out_and_keeps_the_rest(app, db):
    now = utcnow()
    days = dt.timedelta(days=1)
    ana = User.register("ana@example.com", "correct horse battery")
    old_challenge = Challenge.create(challenge_hash=token(), purpose="signin", expires_at=now - dt.timedelta(minutes=1))
    new_challenge = Challenge.create(challenge_hash=token(), purpose="signin", expires_at=now + dt.timedelta(minutes=4))
    spent = ResetToken.create(user=ana, token_hash=token(), expires_at=now - dt.timedelta(minutes=5), used_at=now)
    unused = ResetToken.create(user=ana, token_hash=token(), expires_at=now - days)
    live_link = ResetToken.create(user=ana, token_hash=token(), expires_at=now + dt.timedelta(minutes=50))
    idle = DeviceSession.create(user=ana, token_hash=token(), last_seen_at=now - 91 * days)
    recent = DeviceSession.create(user=ana, token_hash=token(), last_seen_at=now - 89 * days)
    long_expired = ShareLink.create(user=ana, token_hash=token(), expires_at=now - 31 * days)
    long_off = ShareLink.create(user=ana, token_hash=token(), expires_at=now + 9 * days, revoked_at=now - 40 * days)
    just_expired = ShareLink.create(user=ana, token_hash=token(), expires_at=now - 5 * days)
    working = ShareLink.create(user=ana, token_hash=token(), expires_at=now + 30 * days)
    Throttle.create(key="old", failures=3, last_failure_at=now - 2 * days)
    Throttle.create(key="recent", failures=3, last_failure_at=now - dt.timedelta(hours=2))

    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "removed 1 passkey challenge past their 5 minutes",
        "removed 2 password-reset links past their hour",
        "removed 1 session unused for 90 days",
        "removed 2 share links ended more than 30 days ago",
        "removed 1 failed sign-in count older than a day",
    ]
    assert [c.id for c in Challenge.select()] == [new_challenge.id]
    assert [t.id for t in ResetToken.select()] == [live_link.id]
    assert [s.id for s in DeviceSession.select()] == [recent.id]
    assert sorted(s.id for s in ShareLink.select()) == sorted([just_expired.id, working.id])
    assert [t.key for t in Throttle.select()] == ["recent"]
    assert User.get_or_none(User.id == ana.id) is not None
    del old_challenge, spent, unused, idle, long_expired, long_off

    again = app.test_cli_runner().invoke(args=["purge"])
    assert again.output.splitlines()[0] == "removed 0 passkey challenges past their 5 minutes"


def test_purge_leaves_a_person_signed_in_on_a_phone_they_use(app, client, auth):
    auth.signup()
    app.test_cli_runner().invoke(args=["purge"])
    assert client.get("/account/").status_code == 200


@pytest.fixture
def sink():
    with MailSink() as handler:
        yield handler


def smtp(app, port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_DEFAULT_SENDER=SENDER)
    reset.mail.init_app(app)


def test_mail_test_sends_one_message(app, sink):
    smtp(app, sink.port)
    result = app.test_cli_runner().invoke(args=["mail-test", "it@clinic.example.org"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"sent a test message to it@clinic.example.org through "
                                     f"127.0.0.1:{sink.port} from {SENDER}")
    [message] = sink.messages
    assert message["To"] == "it@clinic.example.org" and message["From"] == SENDER
    assert message["Subject"] == "Sciatica Companion: test message"
    assert "password-reset links will reach people" in message.get_payload(decode=True).decode()


def test_mail_test_says_what_is_missing_or_wrong(app):
    cli = app.test_cli_runner()
    unset = cli.invoke(args=["mail-test", "it@clinic.example.org"])
    assert unset.exit_code == 1 and "set MAIL_SERVER and MAIL_DEFAULT_SENDER first" in unset.output
    smtp(app, free_port())                                  # nothing listens there
    down = cli.invoke(args=["mail-test", "it@clinic.example.org"])
    assert down.exit_code == 1 and "not sent through 127.0.0.1:" in down.output
    assert "Traceback" not in down.output
    bad = cli.invoke(args=["mail-test", "not an address"])
    assert bad.exit_code == 1 and "is not an email address" in bad.output
