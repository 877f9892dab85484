"""Entering (or scanning) a person's invitation code: it works once, for seven days, and makes the
care link. Tries are throttled per practitioner and per address, apart from sign-in."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..db import database
from ..models import CareInvite, CareLink, utcnow
from ..security import too_many
from . import invites

bp = Blueprint("link", __name__)
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
UNKNOWN = _l("We could not find that code. Check the letters and numbers with the person, then try "
             "again.")
GONE = _l("That code no longer works: it has been used, cancelled, or is more than 7 days old. Ask "
          "the person to make a new one.")


def _page(status=200, code="", error=None):
    return render_template("practice/link.html", code=code, error=error), status, NO_STORE


def attempt():
    config = current_app.config
    return invites.CodeAttempt(invites.policies(
        g.practitioner.id, request.remote_addr, config["SECRET_KEY"], config["THROTTLE_ACCOUNT_FREE"],
        config["THROTTLE_ADDRESS_FREE"], config["THROTTLE_LONGEST_WAIT"]))


@bp.get("/link")
def enter():
    """The code form; a scanned QR code arrives with ?code= filled in (nothing happens until the
    practitioner presses the button)."""
    return _page(code=request.args.get("code", "")[:40])


@bp.post("/link")
def use():
    """Use a code: 404 for one that never existed, 410 for one used, cancelled or expired."""
    tries = attempt()
    if tries.wait:
        return too_many(tries.wait)
    typed = request.form.get("code", "")
    code = invites.normalise(typed)
    if code is None:
        return _page(422, typed[:40], _("Type the %(num)d letters and numbers the person gave you, for "
                                        "example K7QM-4XPT.", num=invites.LENGTH))
    now = utcnow()
    invite = CareInvite.by_hash(invites.hash_code(code, current_app.config["SECRET_KEY"]))
    if invite is None:
        tries.failed()
        return _page(404, typed[:40], UNKNOWN)
    with database.atomic():
        if not invite.use(g.practitioner, now):
            tries.failed()
            return _page(410, typed[:40], GONE)
        link = CareLink.between(invite.user_id, g.practitioner) or CareLink.create(
            user=invite.user_id, practitioner=g.practitioner, created_at=now)
    tries.succeeded()
    flash(_("You are linked. This person can see that you are, and every time you look."))
    return redirect(url_for("practice.person.show", link_id=link.id), 303)
