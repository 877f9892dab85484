"""Red-flag safety pages, public to everyone, signed in or not."""
from flask import Blueprint, render_template

from . import redflags

bp = Blueprint("safety", __name__)


@bp.get("/red-flags")
def red_flags():
    """The three tiers: go now, contact a doctor today, see a doctor soon."""
    return render_template("safety/red_flags.html", go_now=redflags.GO_NOW,
                           contact_today=redflags.CONTACT_TODAY, see_soon=redflags.SEE_SOON)


@bp.get("/emergency")
def emergency():
    """Shown at once after a go-now answer, online or offline (it is precached, and personal to no one)."""
    return render_template("safety/emergency.html", go_now=redflags.GO_NOW)


@bp.get("/urgent")
def urgent():
    """Shown after a contact-a-doctor-today answer."""
    return render_template("safety/urgent.html", contact_today=redflags.CONTACT_TODAY)
