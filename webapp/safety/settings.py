"""The person's country (emergency numbers) and background risks: asked once at the start,
changed on the Account page. Also the server's own way to store a warning-sign answer, used by
onboarding and here, so every answer goes through sync.apply like the phone's."""
import datetime as dt
import uuid as uuidlib

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import sync
from ..models import utcnow
from . import answers, countries

bp = Blueprint("settings", __name__)


def record_answer(user, go_now=(), contact_today=()):
    """Store a warning-sign answer made on a server page; returns sync's answer (with its tier)."""
    now = user.local_now()
    return sync.apply(user, {
        "kind": "redflag", "op": "upsert", "uuid": str(uuidlib.uuid4()),
        "client_updated_at": utcnow().isoformat() + "Z", "local_date": now.date().isoformat(),
        "local_time": now.strftime("%H:%M"), "tz_offset_minutes": int(now.utcoffset().total_seconds() // 60),
        "data": {"go_now": list(go_now), "contact_today": list(contact_today)}})


def pregnancy_values(user):
    """The pregnancy fields as last answered ({} when never asked)."""
    if user.pregnancy_answered_at is None:
        return {}
    if user.pregnant_from is None:
        return {"pregnant": "no"}
    return {"pregnant": "yes", "pregnant_weeks": max(0, (user.local_today() - user.pregnant_from).days) // 7}


def validate(form):
    """(background codes, country code, errors) from the shared fields."""
    codes, errors = answers.validate_background(form)
    country = form.get("country", "")
    if country not in countries.COUNTRIES:
        errors["country"] = _("Choose where you live, or \"Somewhere else\".")
    return codes, country, errors


def save(user, codes, country, pregnant_weeks):
    """Keep the answers; a newly added background finding (past cancer, first episode over 50)
    is recorded once as "see a GP within a few days". Returns that answer, or None."""
    added = answers.background_findings(set(codes) - set(user.background_codes))
    user.background, user.country = ",".join(codes), country
    user.background_answered_at = user.pregnancy_answered_at = utcnow()
    today = user.local_today()
    if pregnant_weeks is None:
        user.pregnant_from = None
    elif pregnancy_values(user).get("pregnant_weeks") != pregnant_weeks:     # unchanged: keep the day
        user.pregnant_from = today - dt.timedelta(weeks=pregnant_weeks)
    user.save()
    return record_answer(user, contact_today=added) if added else None


@bp.route("/account/safety", methods=("GET", "POST"))
def edit():
    """Change the background risks and the country."""
    user = g.user
    if request.method == "GET":
        return render_template("safety/settings.html", values=_values(user), errors={})
    codes, country, errors = validate(request.form)
    weeks, more = answers.validate_pregnancy(request.form)
    errors.update(more)
    if errors:
        values = {"background": codes, "background_none": bool(request.form.get("background_none")),
                  "country": country, "pregnant": request.form.get("pregnant"),
                  "pregnant_weeks": request.form.get("pregnant_weeks", "")}
        return render_template("safety/settings.html", values=values, errors=errors), 422
    finding = save(user, codes, country, weeks)
    flash(_("Saved. Emergency numbers now follow %(country)s.", country=_(countries.get(country).name)))
    if finding:
        return redirect(url_for("safety.urgent", signs=",".join(answers.background_findings(codes)),
                                when="soon"))
    return redirect(url_for("auth.settings"), 303)


def _values(user):
    return {"background": user.background_codes,
            "background_none": user.background_answered_at is not None and not user.background_codes,
            "country": user.country, **pregnancy_values(user)}
