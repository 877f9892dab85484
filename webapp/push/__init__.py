"""Reminders that arrive: Web Push to the phones a person turned them on for, sent by the queue
(webapp/queue.py). views (the Reminders page's push card), due (what is due when, and what it
says: plain rules), finding (the facts, and the claim that sends each reminder once), tasks (the
queue's periodic task and deliveries), sending (pywebpush), keys (the VAPID key pair), settings.
The calendar feed (webapp/program/calendar.py) stays the other way to be reminded."""
import click

from .. import pwa
from . import keys, settings, tasks, views

bp = views.bp
__all__ = ["bp", "init_app", "tasks"]


def init_app(app):
    for name, value in settings.DEFAULTS.items():
        app.config.setdefault(name, value)
    app.extensions["push"] = settings.load(app.config, app.instance_path)
    app.register_blueprint(bp)
    app.cli.add_command(push_cli)
    pwa.contribute_precache(app, assets=("js/push.js",))


@click.group("push")
def push_cli():
    """Web Push reminders."""


@push_cli.command("new-key")
def new_key():
    """Print a new VAPID private key for VAPID_PRIVATE_KEY (one for every server)."""
    click.echo(keys.new_private_key())
