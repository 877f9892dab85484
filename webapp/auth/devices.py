"""Where the person is signed in, and what else opens their data: sign one device out, sign out
everywhere, or turn off every share link and calendar address in one tap."""
from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext

from ..models import CalendarFeed, DeviceSession, ShareLink, utcnow
from .session import end_session, ended_headers

bp = Blueprint("devices", __name__)


def _signed_out_here():
    end_session()
    return redirect(url_for("auth.signin", signed_out=1)), 302, ended_headers()


@bp.post("/devices/<int:session_id>/signout")
def sign_out_device(session_id):
    """Sign one device out; it is asked to sign in again on its next visit."""
    if session_id == g.device_session.id:
        return _signed_out_here()
    if DeviceSession.end(g.user, session_id):
        flash(gettext("That device is signed out. It will be asked to sign in again."))
    else:
        flash(gettext("That device was already signed out."))
    return redirect(url_for("auth.settings", _anchor="devices-heading"), 303)


@bp.post("/signout-everywhere")
def sign_out_everywhere():
    """End every session of this person's, this one too."""
    DeviceSession.end_all(g.user)
    return _signed_out_here()


@bp.post("/links/off")
def links_off():
    """Turn off every share link and calendar address at once."""
    now = utcnow()
    shared = ShareLink.revoke_all(g.user, now)
    feeds = CalendarFeed.revoke_all(g.user)
    if shared or feeds:
        flash(gettext("Every share link and calendar address is turned off. Anyone who opens one now is told so."))
    else:
        flash(gettext("There were no links to turn off."))
    return redirect(url_for("auth.settings", _anchor="links-heading"), 303)
