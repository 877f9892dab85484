"""Red-flag safety pages (public to everyone, signed in or not), and the one way to lift the
program's pause: the person confirming a doctor has assessed them."""
from flask import Blueprint, g, redirect, render_template, request, url_for

from .. import inputs
from ..models import RedFlagCheck, utcnow
from ..security import public
from . import redflags

bp = Blueprint("safety", __name__)
ASSESSED_NOTE_MAX = 2000


@bp.get("/red-flags")
@public
def red_flags():
    """The three tiers: go now, contact a doctor today, see a doctor soon."""
    return render_template("safety/red_flags.html", go_now=redflags.GO_NOW,
                           contact_today=redflags.CONTACT_TODAY, see_soon=redflags.SEE_SOON)


@bp.get("/emergency")
@public
def emergency():
    """Shown at once after a go-now answer, online or offline (it is precached, and personal to no one)."""
    return render_template("safety/emergency.html", go_now=redflags.GO_NOW)


@bp.get("/urgent")
@public
def urgent():
    """Shown after a contact-a-doctor-today answer."""
    return render_template("safety/urgent.html", contact_today=redflags.CONTACT_TODAY)


@bp.route("/log/assessed", methods=("GET", "POST"))
def assessed():
    """The person confirms a doctor has assessed them; only this lifts the program pause."""
    alarms = list(RedFlagCheck.unconfirmed_alarms(g.user))
    if request.method == "POST" and alarms:
        note, problem = inputs.text(request.form.get("note"), ASSESSED_NOTE_MAX)
        if problem:
            return render_template("safety/assessed.html", alarms=alarms, flag_text=redflags.TEXT_BY_CODE,
                                   error=problem), 422
        for alarm in alarms:
            alarm.confirm_assessed(note, utcnow())
        return redirect(url_for("program.today"))
    return render_template("safety/assessed.html", alarms=alarms, flag_text=redflags.TEXT_BY_CODE)
