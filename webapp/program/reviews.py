"""Safety questions asked again after onboarding: the one-time screen for people who started
before the background risks and country were asked (once, on their next visit), and the
both-legs questions every 12 weeks. Answers are stored like every other warning-sign answer."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..models import StageChange
from ..safety import answers
from ..safety import settings as safety_settings
from ..translatable import N_

bp = Blueprint("reviews", __name__, url_prefix="/welcome")


def _page(template, values, errors, status=200):
    return render_template(template, values=values, errors=errors), status


def _screen(user, go_now, contact):
    """Store what was found and say where to go: the emergency or urgent screen, else Today."""
    if not (go_now or contact):
        return redirect(url_for("program.today"), 303)
    tier = safety_settings.record_answer(user, go_now, contact)["tier"]
    if tier == "now":
        return redirect(url_for("safety.emergency", signs=",".join(go_now)), 303)
    return redirect(url_for("safety.urgent", signs=",".join(contact), when=tier), 303)


@bp.route("/once", methods=("GET", "POST"))
def once():
    """One short screen, once: background risks and country (and both legs, if that is the side)."""
    user = g.user
    if request.method == "GET":
        return _page("program/once.html", {"background": user.background_codes, "country": user.country,
                                           **safety_settings.pregnancy_values(user)}, {})
    codes, country, errors = safety_settings.validate(request.form)
    weeks, more = answers.validate_pregnancy(request.form)
    errors.update(more)
    both = None
    if user.side == "both":
        both, both_errors = answers.validate_both_legs(request.form)
        errors.update(both_errors)
    if errors:
        values = {"background": codes, "country": country,
                  "background_none": request.form.get("background_none"),
                  "pregnant": request.form.get("pregnant"),
                  "pregnant_weeks": request.form.get("pregnant_weeks", ""),
                  **{f"both_{q}": request.form.get(f"both_{q}") for q in answers.BOTH_LEGS_QUESTIONS}}
        return _page("program/once.html", values, errors, 422)
    finding = safety_settings.save(user, codes, country, weeks)
    go_now, contact = _both_legs(user, both)
    flash(_("Thank you. You can change these answers on your Account page."))
    if go_now or contact:
        return _screen(user, go_now, contact)
    if finding:
        return redirect(url_for("safety.urgent", signs=",".join(answers.background_findings(codes)),
                                when=finding["tier"]), 303)
    return redirect(url_for("program.today"), 303)


def _both_legs(user, both):
    """Store the both-legs outcome on the person: "checked, stable", and "stage 1 only" set (the
    stage goes back to 1 at once) or lifted. Returns the (go_now, contact) codes it found."""
    if both is None:
        return [], []
    outcome = answers.both_legs_outcome(**both)
    today = user.local_today()
    user.both_legs_checked_on = today if outcome.stable else None
    user.stage_1_only_since = (user.stage_1_only_since or today) if outcome.stage_1_only else None
    user.save()
    if outcome.stage_1_only and user.stage is not None and user.stage > 1:
        StageChange.record(user, 1, user.pattern, "safety",
                           N_("You said the symptoms in both legs are there all the time, even sitting or "
                              "lying down: stage 1 only until a doctor or physio has checked this."))
    return list(outcome.go_now), list(outcome.contact_today)


@bp.route("/both-legs", methods=("GET", "POST"))
def both_legs():
    """The four both-legs questions again (every 12 weeks, or after a change)."""
    user = g.user
    if request.method == "GET":
        return _page("program/both_legs.html", {}, {})
    both, errors = answers.validate_both_legs(request.form)
    if errors:
        return _page("program/both_legs.html", request.form, errors, 422)
    go_now, contact = _both_legs(user, both)
    if not (go_now or contact):
        flash(_("Thank you. We will ask again in 12 weeks. If anything changes before then, tick it in "
                "the safety check."))
    return _screen(user, go_now, contact)
