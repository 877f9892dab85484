"""Confirm it's you: a change to how you sign in (new recovery codes, adding or removing a passkey,
removing or setting a password) needs a sign-in or a confirmation in the last 15 minutes, so a
phone left unlocked, or a copied session, cannot quietly add its own way in. Also: this site's
passkey identity (the relying party), from PUBLIC_BASE_URL."""
import datetime as dt
import functools
import ipaddress
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext

from ..models import utcnow
from ..security import too_many
from .attempts import Attempt
from .ceremonies import RelyingParty
from .forms import ConfirmForm
from .session import safe_next

bp = Blueprint("confirm", __name__)
PROOF_WINDOW = dt.timedelta(minutes=15)


def relying_party():
    """Who passkeys are made for: PUBLIC_BASE_URL's host, or `localhost` while developing. None
    where passkeys cannot work: no public address set, or an IP address (WebAuthn needs a name,
    so open http://localhost:8000 rather than 127.0.0.1 to try them)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        parts = urlsplit(base)
        origin, host = f"{parts.scheme}://{parts.netloc}", parts.hostname
    else:
        host = urlsplit(f"//{request.host}").hostname
        if host != "localhost" and not (current_app.debug or current_app.testing):
            return None
        origin = request.host_url.rstrip("/")
    if not host or _is_ip(host):
        return None
    return RelyingParty(id=host, origin=origin)


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def recently_proved():
    """Signed in, or confirmed, on this device in the last 15 minutes."""
    row = g.get("device_session")
    if row is None:
        return False
    latest = row.created_at
    stamp = session.get("proved_at")
    if isinstance(stamp, str):
        try:
            latest = max(latest, dt.datetime.fromisoformat(stamp))
        except ValueError:
            pass
    return utcnow() - latest < PROOF_WINDOW


def mark_proved():
    session["proved_at"] = utcnow().isoformat()


def ask_for_proof(back="auth.settings"):
    """Send the person to confirm it's them, then back to `back` (a JSON caller is told where)."""
    target = request.full_path.rstrip("?") if request.method == "GET" else url_for(back)
    where = url_for("auth.confirm.confirm", next=target)
    if request.is_json:
        return {"error": "confirm", "redirect": where, "message": gettext("Please confirm it's you first.")}, 403
    flash(gettext("For your safety, please confirm it's you first. Then try again."))
    return redirect(where, 303)


def proof_required(back="auth.settings"):
    """For a view that changes how the person signs in: it runs only after a recent proof."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            return view(*args, **kwargs) if recently_proved() else ask_for_proof(back)
        return wrapped
    return decorate


@bp.route("/confirm", methods=("GET", "POST"))
def confirm():
    """Type the password, or use a passkey (static/js/auth.js), to make changes for 15 minutes."""
    form = ConfirmForm()
    back = safe_next(url_for("auth.settings"))
    status = 200
    if g.user.has_password and form.validate_on_submit():
        attempt = Attempt(g.user.email)
        if attempt.wait:
            return too_many(attempt.wait)
        if g.user.check_password(form.password.data):
            attempt.succeeded()
            mark_proved()
            return redirect(back, 303)
        attempt.failed()
        form.password.errors.append(gettext("That isn't your password."))
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/confirm.html", form=form, back=back,
                           passkeys=relying_party() is not None), status
