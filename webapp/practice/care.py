"""The person's own care-link pages (/care): invite a practitioner with a one-use code and QR code,
see who is linked and since when, end a link in one tap (access ends at once), see every look a
practitioner took, and stop a program change."""
import datetime as dt

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..i18n import language
from ..models import CareInvite, CareLink, CareLook, ProgramChange, utcnow
from ..program.adjustments import describe
from ..report import validation
from ..report.sharing import qr_svg
from ..security import public_url
from . import ending, invites

bp = Blueprint("care", __name__, url_prefix="/care")
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
LOOKS_SHOWN = 50
CHANGED_CARD_DAYS = 14      # Today's "your practitioner changed your program" card: older ones are news no more


def _page(status=200, errors=None, values=None):
    now = utcnow()
    links = list(CareLink.of_person(g.user))
    in_effect = list(ProgramChange.in_effect(g.user))
    return render_template(
        "care/index.html", open_links=[lk for lk in links if lk.ended_at is None],
        changes_by={lk.id: [c for c in in_effect if c.practitioner_id == lk.practitioner_id] for lk in links},
        past_links=[lk for lk in links if lk.ended_at is not None],
        invites=list(CareInvite.waiting(g.user, now)),
        looks=list(CareLook.newest_first(g.user).limit(LOOKS_SHOWN)),
        local_date=g.user.local_date_of, errors=errors or {},
        values=values or {"display_name": g.user.display_name or ""}), status, {"Cache-Control": "no-store"}


@bp.get("/")
def index():
    return _page()


@bp.post("/invite")
def invite():
    """Make an invitation: a code to read out and a QR code, shown this once (only a keyed hash
    is kept). The name the practitioner will see can be set here too."""
    display_name, errors = validation.validate_name(request.form.get("display_name"))
    if errors:
        return _page(422, errors, request.form)
    public_url("care.index")            # no public address configured: fail before making a code
    if display_name != g.user.display_name:
        g.user.display_name = display_name
        g.user.save(only=[type(g.user).display_name])
    now = utcnow()
    code = invites.new_code()
    made = CareInvite.create(user=g.user, code_hash=invites.hash_code(code, current_app.config["SECRET_KEY"]),
                             created_at=now, expires_at=now + dt.timedelta(days=invites.DAYS))
    shown = invites.shown(code)
    url = public_url("practice.link.enter", code=shown)
    html = render_template("care/invite.html", code=shown, url=url, invite=made,
                           until=g.user.local_date_of(made.expires_at),
                           qr=qr_svg(url, _("QR code for the care link invitation %(code)s", code=shown)))
    return html, 201, NO_STORE


@bp.post("/invites/<int:invite_id>/cancel")
def cancel(invite_id):
    made = CareInvite.for_user(g.user).where(CareInvite.id == invite_id).first() or abort(404)
    if made.used_at is None and made.cancelled_at is None:
        made.cancelled_at = utcnow()
        made.save(only=[CareInvite.cancelled_at])
    flash(_("That code is cancelled. Nobody can use it now."))
    return redirect(url_for("care.index"), 303)


@bp.post("/links/<int:link_id>/end")
def end(link_id):
    """End a link at once: from the next page they open, the practitioner sees nothing of yours."""
    link = CareLink.for_user(g.user).where(CareLink.id == link_id).first() or abort(404)
    outcome = ending.end_link(link, "person", utcnow())
    flash(_("The link has ended. They can no longer see your log or change your program."))
    if outcome:
        flash(ended_words(*outcome))
    return redirect(url_for("care.index"), 303)


def ended_words(stopped, back):
    """What stopped with the link, in one message."""
    names = current_app.extensions["content"].exercise_names(language())
    words = []
    if stopped:
        words.append(_("Every change they made has stopped: %(changes)s.",
                       changes="; ".join(describe(c, names) for c in stopped)))
    if back is not None:
        words.append(_("Your stage went back to %(stage)s, where it was before they set it above the starting rule.",
                       stage=back.to_stage))
    return " ".join(words) or _("They had made no changes to your program.")


@bp.post("/changes/<int:change_id>/end")
def end_change(change_id):
    """Stop a practitioner's change to the program (back to the app's own setting)."""
    if ProgramChange.end(g.user, change_id, "person", g.user.local_today()) is None:
        abort(404)
    flash(_("That change has stopped. Your program is back to the app's own setting for it."))
    return redirect(url_for("program.overview", _anchor="changes"), 303)


def changes_to_tell():
    """The practitioner's changes the person has not yet said "Got it" to (Today's card; a
    template global). Today's page is kept against the person's row, changes_seen_at included."""
    user = g.get("user")
    if user is None:
        return []
    return list(ProgramChange.not_yet_seen(user, utcnow() - dt.timedelta(days=CHANGED_CARD_DAYS)))


@bp.post("/changes/seen")
def changes_seen():
    """"Got it" on Today's card: it stays away until a practitioner makes another change."""
    g.user.changes_seen_at = utcnow()
    g.user.save(only=[type(g.user).changes_seen_at])
    return redirect(url_for("program.today"), 303)
