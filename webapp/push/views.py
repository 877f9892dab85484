"""Reminders on this phone (the Reminders page's push card): keep the browser's subscription for
the signed-in device, stop it, and send a test notification.

Subscribing needs the browser (static/js/push.js asks for permission after a tap, subscribes, and
posts the subscription here as JSON); "Stop" and the test are plain forms that work without it.
"""
import base64

from flask import Blueprint, current_app, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext

from ..models import PushSent, PushSubscription, User
from ..program.calendar import valid_zone
from . import due, finding, sending, tasks

bp = Blueprint("push", __name__, url_prefix="/reminders/push")
TESTS_A_DAY = 10
KEY_LENGTHS = {"p256dh": 65, "auth": 16}        # bytes: a P-256 point, and the auth secret


def _problem(message, status=400):
    return jsonify(error="invalid", message=message), status


def _key(value, length):
    """A base64url key of exactly `length` bytes, as the browser sends it, or None."""
    if not isinstance(value, str) or not value or len(value) > 200:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except ValueError:
        return None
    if len(raw) != length or (length == 65 and raw[0] != 4):
        return None
    return value.rstrip("=")


@bp.post("/subscribe")
def subscribe():
    """Keep this browser's push subscription ({subscription: PushSubscription.toJSON(), timezone})
    for the signed-in device."""
    body = request.get_json(silent=True)
    sub = body.get("subscription") if isinstance(body, dict) else None
    if not isinstance(sub, dict) or not isinstance(sub.get("keys"), dict):
        return _problem(gettext("That was not a push subscription."))
    endpoint = sub.get("endpoint")
    if not sending.allowed_endpoint(endpoint, current_app.extensions["push"].hosts):
        return _problem(gettext("This browser's push service is not one this server sends to."))
    keys = {name: _key(sub["keys"].get(name), length) for name, length in KEY_LENGTHS.items()}
    if None in keys.values():
        return _problem(gettext("The subscription's keys could not be read."))
    PushSubscription.keep(g.device_session, endpoint, keys["p256dh"], keys["auth"])
    zone = body.get("timezone")
    if not valid_zone(g.user.timezone) and valid_zone(zone):
        g.user.timezone = zone              # reminders come at the person's own times
        g.user.save(only=[User.timezone])
    flash(gettext("Reminders are on for this phone."))
    return jsonify(status="on", message=gettext("Reminders are on for this phone.")), 201


@bp.post("/stop")
def stop():
    """No more reminders to this device (the page also unsubscribes the browser when it can)."""
    gone = PushSubscription.stop(g.device_session.id)
    message = (gettext("Reminders to this phone are off.") if gone
               else gettext("This phone was not getting reminders."))
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(status="off", message=message)
    flash(message)
    return redirect(url_for("program.reminders.index", _anchor="push-heading"), 303)


@bp.post("/test")
def test():
    """Send one test notification to this device, through the queue like every reminder."""
    device = g.device_session
    subscriptions = list(PushSubscription.of_session(device.id))
    now = g.user.local_now()
    if not subscriptions:
        flash(gettext("This phone is not set up for reminders yet. Tap \u201cSend reminders to this phone\u201d first."))
    elif PushSent.tests_on(g.user.id, now.date()) >= TESTS_A_DAY:
        flash(gettext("That is enough test notifications for today. Your reminders will still come."))
    elif PushSent.claim(g.user.id, due.TEST, now.date(), f"{device.id}@{now:%H:%M}") is None:
        flash(gettext("A test notification is already on its way. It can take a minute."))
    else:
        msg = finding.message(due.reminder(due.TEST, now.date(), "test"), current_app.url_map, g.user.id,
                              tasks.speaker(g.user.language))
        for subscription in subscriptions:
            tasks.enqueue(subscription.id, msg)
        flash(gettext("A test notification is on its way. It can take a minute."))
    return redirect(url_for("program.reminders.index", _anchor="push-heading"), 303)
