"""Commands for whoever runs the server, once a day or when setting up:

    flask --app webapp purge              delete what has run out, and say what went
    flask --app webapp mail-test ADDRESS  send one message through the configured SMTP server
    flask --app webapp notices            what to do after `make run`, and the set-up notice

The app already forgets most of these as it goes (a challenge when the next is made, a reset
link when the next is sent, idle sessions at sign-in); purge does it all at once, on a quiet
server too, so nothing that has run out stays in the database longer than a day.
"""
import datetime as dt
import smtplib

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_mailman import EmailMessage

from . import db
from .models import Challenge, DeviceSession, ResetToken, ShareLink, Throttle, utcnow
from .security import PUBLIC_NOTICE

# A link that stopped working stays listed (with how often it was opened) on the person's sharing
# page for this long, then goes.
SHARE_LINKS_KEPT = dt.timedelta(days=30)
# The longest a failed sign-in counts (webapp/throttle.py: an account's count starts again after a day).
FAILURES_KEPT = dt.timedelta(days=1)


def purge(now):
    """Delete what has run out; returns [(how many, what)] in the order it is said."""
    idle = current_app.permanent_session_lifetime
    with db.database.connection_context(), db.database.atomic():
        return [
            (Challenge.forget_older_than(now), ("passkey challenge", "passkey challenges"),
             "past their 5 minutes"),
            (ResetToken.forget_older_than(now), ("password-reset link", "password-reset links"),
             "past their hour"),
            (DeviceSession.end_idle(now - idle), ("session", "sessions"),
             f"unused for {idle.days} days"),
            (ShareLink.ended_before(now - SHARE_LINKS_KEPT), ("share link", "share links"),
             f"ended more than {SHARE_LINKS_KEPT.days} days ago"),
            (Throttle.forget_older_than(now - FAILURES_KEPT), ("failed sign-in count", "failed sign-in counts"),
             "older than a day"),
        ]


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete expired passkey challenges and reset links, sessions unused for 90 days, share links
    that ended more than 30 days ago and failed sign-in counts older than a day; print how many
    of each went."""
    for count, (one, many), why in purge(utcnow()):
        click.echo(f"removed {count} {one if count == 1 else many} {why}")


@click.command("mail-test")
@click.argument("address")
@with_appcontext
def mail_test_command(address):
    """Send one test message to ADDRESS, to check the SMTP settings (MAIL_*)."""
    config = current_app.config
    if not (config.get("MAIL_SERVER") and config.get("MAIL_DEFAULT_SENDER")):
        raise click.ClickException("set MAIL_SERVER and MAIL_DEFAULT_SENDER first (see the README)")
    if address.count("@") != 1 or any(c.isspace() for c in address):
        raise click.ClickException(f"{address!r} is not an email address")
    server = f"{config['MAIL_SERVER']}:{config['MAIL_PORT']}"
    body = (f"This is a test message from Sciatica Companion, sent with `flask mail-test` through "
            f"{server}.\n\nIf it arrived, password-reset links will reach people too.\n")
    try:
        EmailMessage("Sciatica Companion: test message", body, to=[address]).send()
    except (smtplib.SMTPException, OSError) as error:
        raise click.ClickException(f"not sent through {server}: {error}") from error
    click.echo(f"sent a test message to {address} through {server} from {config['MAIL_DEFAULT_SENDER']}")


@click.command("notices")
@click.option("--url", default="http://127.0.0.1:8000", help="The address the app is served on.")
@with_appcontext
def notices_command(url):
    """What to do next after `make run`, and the one notice about this set-up (printed once)."""
    click.echo(f"Next: open {url}/ on this computer and create an account "
               f"({url}/account/signup); the welcome questions set up your program.")
    click.echo(f"The practitioner side: make a second account at {url}/account/signup/practitioner "
               "(another email), then link it from the person's Report page (\"Your practitioner\").")
    if not current_app.config.get("PUBLIC_BASE_URL"):
        click.echo(PUBLIC_NOTICE)
