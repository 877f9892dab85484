"""Welcome: four questions, a suggested starting stage and pattern with reasons, then confirm."""
import datetime as dt

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from ..models import RedFlagCheck, StageChange, utcnow
from . import engine
from .calendar import valid_zone

bp = Blueprint("onboarding", __name__)
SIDES = {"left": "Left leg", "right": "Right leg", "both": "Both legs"}
PATTERN_CHOICES = {
    "disc": "Worse when I sit or bend forward",
    "stenosis": "Worse when I stand or walk, and easier when I bend forward or sit down",
    "unsure": "I'm not sure",
}
OLDEST_EPISODE_YEARS = 30


def validate_answers(form, today):
    """(values, errors) for the welcome questions. Plain data in, plain data out."""
    values, errors = {}, {}
    try:
        start = dt.date.fromisoformat(form.get("episode_start", ""))
    except ValueError:
        start = None
    if start is None:
        errors["episode_start"] = "Enter the date this episode started, like 2026-10-01."
    elif start > today:
        errors["episode_start"] = "That date is in the future. Enter the day it started."
    elif start.year < today.year - OLDEST_EPISODE_YEARS:
        errors["episode_start"] = "That date is a very long time ago. Please check the year."
    values["episode_start"] = start
    values["side"] = form.get("side")
    if values["side"] not in SIDES:
        errors["side"] = "Choose which leg hurts."
    values["pattern_answer"] = form.get("pattern_answer")
    if values["pattern_answer"] not in PATTERN_CHOICES:
        errors["pattern_answer"] = "Choose the description that fits best, or \"I'm not sure\"."
    try:
        pain = int(form.get("leg_pain", ""))
    except ValueError:
        pain = None
    if pain is None or not 0 <= pain <= 10:
        errors["leg_pain"] = "Choose a number from 0 to 10."
    values["leg_pain"] = pain
    values["timezone"] = form.get("timezone") if valid_zone(form.get("timezone")) else None
    return values, errors


def _today():
    zone = valid_zone(request.form.get("timezone")) if request.method == "POST" else None
    return dt.datetime.now(zone).date() if zone else g.user.local_today()


def _pause(user):
    """The program's pause, when a go-now answer is not yet confirmed as assessed (else None)."""
    alarms = list(RedFlagCheck.unconfirmed_alarms(user))
    if not alarms:
        return None
    thresholds = current_app.extensions["program"].engine
    return engine.suggest(user, [], [], alarms, thresholds, user.local_today())


def _start_rules():
    return current_app.extensions["program"].start


@bp.route("/welcome", methods=("GET", "POST"))
def welcome():
    """The four questions; a valid answer shows the suggested stage and pattern to confirm."""
    user = g.user
    if request.method == "GET":
        values = {"episode_start": user.episode_start, "side": user.side, "leg_pain": None,
                  "pattern_answer": user.pattern}
        return render_template("program/welcome.html", values=values, errors={}, today=_today(),
                               sides=SIDES, choices=PATTERN_CHOICES, suggestion=_pause(user))
    today = _today()
    values, errors = validate_answers(request.form, today)
    if errors:
        return render_template("program/welcome.html", values=values, errors=errors, today=today,
                               sides=SIDES, choices=PATTERN_CHOICES), 422
    proposal = engine.propose_start(values["episode_start"], today, values["leg_pain"],
                                    values["pattern_answer"], _start_rules())
    return render_template("program/propose.html", values=values, proposal=proposal,
                           all_stages=current_app.extensions["program"].stages, sides=SIDES)


@bp.post("/welcome/confirm")
def confirm():
    """Keep the answers and the chosen stage and pattern; the reasons go into the stage history."""
    user, today = g.user, _today()
    values, errors = validate_answers(request.form, today)
    stage, pattern = request.form.get("stage", ""), request.form.get("pattern", "")
    if errors or stage not in ("1", "2", "3") or pattern not in ("disc", "stenosis"):
        flash("Something was missing. Please answer the questions again.")
        return redirect(url_for("program.onboarding.welcome"), 303)
    proposal = engine.propose_start(values["episode_start"], today, values["leg_pain"],
                                    values["pattern_answer"], _start_rules())
    reasons = list(proposal.reasons)
    if int(stage) != proposal.stage:
        reasons.append(f"You chose stage {stage} instead of the suggested stage {proposal.stage}.")
    if pattern != proposal.pattern:
        reasons.append(f"You chose the {pattern} type instead of the suggested {proposal.pattern} type.")
    user.episode_start, user.side = values["episode_start"], values["side"]
    if values["timezone"]:
        user.timezone = values["timezone"]
    user.onboarded_at = utcnow()
    user.save()
    StageChange.record(user, int(stage), pattern, "onboarding", " ".join(reasons))
    return redirect(url_for("program.today"), 303)
