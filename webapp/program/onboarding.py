"""Welcome: first the go-now warning signs (a required step), then the questions (when it started,
which leg, the pattern, leg pain, numbness and weakness, background risks, country), the
both-legs follow-up when both legs are chosen, and a suggested starting stage to confirm.

Every warning-sign answer is stored as it is given, through the same sync path as the daily
check, so a go-now answer pauses the program at once."""
import datetime as dt
import uuid as uuidlib

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import inputs, sync
from ..i18n import say
from ..log.validation import WEAKNESS_SIDES
from ..log.views import checkin_context, to_screen
from ..models import RedFlagCheck, StageChange, User, utcnow
from ..safety import answers, redflags
from ..safety import settings as safety_settings
from ..safety.views import takes_ticks
from ..translatable import N_
from . import engine, episode, guardrails, starting
from .calendar import valid_zone

bp = Blueprint("onboarding", __name__)
SIDES = {"left": N_("Left leg"), "right": N_("Right leg"), "both": N_("Both legs")}
N_("One leg")       # the log's WEAKNESS_SIDES, said on the welcome questions (pagewords said_values)
PATTERN_CHOICES = {
    "disc": N_("Worse when I sit or bend forward"),
    "stenosis": N_("Worse when I stand or walk, and easier when I bend forward or sit down"),
    "unsure": N_("I'm not sure"),
}
OVERRIDE_MAX = 500


def _yes_no(form, name, errors, message=N_("Choose yes or no.")):
    value = form.get(name)
    if value not in ("yes", "no"):
        errors[name] = message
    return value == "yes"


def validate_answers(form, today):
    """(values, errors) for the welcome questions. Plain data in, plain data out."""
    values, errors = {}, {}
    values["episode_band"], values["episode_start"], errors = episode.validate(form, today)
    values["episode_dated"] = bool((form.get("episode_start") or "").strip())
    values["side"] = form.get("side")
    if values["side"] not in SIDES:
        errors["side"] = N_("Choose which leg hurts.")
    values["pattern_answer"] = form.get("pattern_answer")
    if values["pattern_answer"] not in PATTERN_CHOICES:
        errors["pattern_answer"] = N_("Choose the description that fits best, or \"I'm not sure\".")
    try:
        pain = int(form.get("leg_pain", ""))
    except ValueError:
        pain = None
    if pain is None or not 0 <= pain <= 10:
        errors["leg_pain"] = N_("Choose a number from 0 to 10.")
    values["leg_pain"] = pain
    values["tingling"] = _yes_no(form, "tingling", errors)
    values["weakness"] = _yes_no(form, "weakness", errors)
    if values["weakness"]:
        values["weakness_new"] = _yes_no(form, "weakness_new", errors)
        values["weakness_side"] = form.get("weakness_side")
        if values["weakness_side"] not in WEAKNESS_SIDES:
            errors["weakness_side"] = N_("Choose one leg or both.")
        if values["weakness_side"] == "both" and form.get("weakness_new") == "no":
            values["both_constant"] = _yes_no(form, "both_constant", errors)
    values["background"], values["country"], more = safety_settings.validate(form)
    errors.update(more)
    values["pregnant_weeks"], more = answers.validate_pregnancy(form)
    values["pregnant"] = form.get("pregnant")
    errors.update(more)
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
    return engine.suggest(engine.Person(user.stage, user.pattern), [], [], alarms, thresholds,
                          user.local_today())


def _start_rules():
    return current_app.extensions["program"].start


def _form(template, values, errors, status=200, **extra):
    # The messages in the reader's language, here: the shared form macros draw them as they are.
    errors = {k: say(v) for k, v in errors.items()}
    return render_template(template, values=values, errors=errors, today=_today(), sides=SIDES,
                           choices=PATTERN_CHOICES, bands=episode.BANDS, suggestion=_pause(g.user),
                           **checkin_context(g.user), **extra), status


NEW_DAY = N_("It is a new day where you are, so the safety check comes first again. "
              "Your answers so far are kept.")
# The welcome questions, carried through the safety step when a new day starts in between.
CARRIED = ("episode_band", "episode_start", "side", "pattern_answer", "leg_pain", "tingling", "weakness", "weakness_new",
           "weakness_side", "both_constant", "background", "background_none", "country")


def _safety_step(status=200, errors=None, notice=None, carry=None):
    """Step 1, the go-now signs: `carry` keeps the welcome answers already given (a new day began
    while they were answered), `notice` says why the person is here again."""
    carry = [(k, v) for k, v in (carry.items(multi=True) if carry else []) if k in CARRIED]
    return _form("program/welcome_safety.html", {}, errors or {}, status, notice=notice, carry=carry,
                 redflag_uuid=str(uuidlib.uuid4()))


@bp.route("/welcome", methods=("GET", "POST"))
def welcome():
    """Step 1, the go-now signs, until answered today; then the questions. A valid answer shows
    the both-legs follow-up (when both legs) or the suggested stage and pattern to confirm."""
    user = g.user
    if not RedFlagCheck.answered_on(user, user.local_today()):
        if request.method == "POST":        # the day changed while the questions were answered
            return _safety_step(notice=_(NEW_DAY), carry=request.form)
        return _safety_step()
    if request.method == "GET":
        values = {"episode_band": user.episode_band,
                  "episode_start": user.episode_start if user.episode_dated is not False else None, "side": user.side, "leg_pain": None,
                  "pattern_answer": user.pattern, "background": user.background_codes,
                  "country": user.country, **safety_settings.pregnancy_values(user)}
        return _form("program/welcome.html", values, {})
    values, errors = validate_answers(request.form, _today())
    if errors:
        return _form("program/welcome.html", values, errors, 422)
    both = None
    if values["side"] == "both":
        both, both_errors = answers.validate_both_legs(request.form)
        if both_errors:
            status = 422 if any(f"both_{q}" in request.form for q in answers.BOTH_LEGS_QUESTIONS) else 200
            return _form("program/welcome_both.html", values, both_errors if status == 422 else {}, status,
                         carry=request.form)
    return _answered(user, values, both)


def _signs(values, outcome):
    """(go_now, contact_today) codes the welcome answers show."""
    go_now, contact = answers.checkin_signs(values, None, values["background"])
    if outcome:
        go_now, contact = sorted({*go_now, *outcome.go_now}), sorted({*contact, *outcome.contact_today})
    return go_now, contact


def _keep(user, values, outcome):
    """Keep the answers on the person (not yet the stage); returns any background finding."""
    finding = safety_settings.save(user, values["background"], values["country"], values["pregnant_weeks"])
    user.episode_start, user.side = values["episode_start"], values["side"]
    user.episode_band, user.episode_dated = values["episode_band"], values["episode_dated"]
    if values["timezone"]:
        user.timezone = values["timezone"]
    user.both_legs_checked_on = user.local_today() if outcome and outcome.stable else None
    user.stage_1_only_since = (user.stage_1_only_since or user.local_today()) \
        if outcome and outcome.stage_1_only else None
    user.save()
    return finding


def _answered(user, values, both):
    """Keep the answers, store any warning sign they show, and suggest where to start."""
    outcome = answers.both_legs_outcome(**both) if both else None
    finding = _keep(user, values, outcome)
    go_now, contact = _signs(values, outcome)
    tier = safety_settings.record_answer(user, go_now, contact)["tier"] if go_now or contact else "none"
    if tier == "now":
        return redirect(url_for("safety.emergency", signs=",".join(go_now)), 303)
    if finding:         # past cancer, or a first episode over 50: see a GP within a few days
        contact = sorted({*contact, *answers.background_findings(values["background"])})
        tier = redflags.most_urgent([tier, finding["tier"]])
    return _propose(values, outcome, tier, contact, {})


def _propose(values, outcome, tier, contact, errors, status=200, chosen=None):
    """The suggested stage and pattern to confirm; stages the rules close are not offered."""
    proposal = _proposal(values, outcome)
    limits = _start_limits(values, outcome, proposal)
    return render_template("program/propose.html", values=values, proposal=proposal, tier=tier,
                           contact=contact, outcome=outcome, carry=request.form, errors=errors,
                           closed=[n for n in (1, 2, 3) if guardrails.judge(limits, n).closed],
                           chosen=chosen or {}, all_stages=current_app.extensions["program"].stages,
                           sides=SIDES), status


def _start_limits(values, outcome, proposal):
    return guardrails.at_start(proposal, values["episode_start"], bool(outcome and outcome.stage_1_only),
                               current_app.extensions["program"].engine, _today())


def _proposal(values, outcome):
    return starting.propose_start(values["episode_start"], _today(), values["leg_pain"],
                                  values["pattern_answer"], _start_rules(), numbness=values["tingling"],
                                  weakness=values["weakness"],
                                  stage_1_only=bool(outcome and outcome.stage_1_only),
                                  both_legs_stable=bool(outcome and outcome.stable),
                                  said=episode.said(values["episode_band"], values["episode_dated"]))


@bp.post("/welcome/safety")
@takes_ticks
def safety():
    """Step 1: the go-now signs. Any ticked box wins, whichever button was pressed (stored before
    this view: g.alarm). The phone's time zone and clock come with the form (JS fills them), so
    this answer and every later one fall on the person's own day; without JS the server's idea of
    their day is used throughout, which is at least the same day at every step."""
    user, form = g.user, request.form
    if valid_zone(form.get("timezone")) and form.get("timezone") != user.timezone:
        user.timezone = form.get("timezone")
        user.save(only=[User.timezone])
    alarm = g.get("alarm")
    if alarm:
        return to_screen(alarm)
    envelope = inputs.form_envelope(form, user, uuid=form.get("redflag_uuid") or None)
    here = inputs.form_envelope({}, user)
    if envelope["local_date"] != here["local_date"]:
        # No time zone came with the phone's clock: the day this server knows for the person
        # decides, or the next step would not find this answer and ask again.
        envelope.update({k: here[k] for k in ("local_date", "local_time", "tz_offset_minutes")})
    answer = sync.apply(user, {"kind": "redflag", "op": "upsert", **envelope,
                               "data": {"go_now": [], "contact_today": []}})
    if answer["status"] not in ("stored", "unchanged"):
        answer = safety_settings.record_answer(user)        # a stale or foreign id: a new one
    if answer["status"] not in ("stored", "unchanged"):
        return _safety_step(422, {"go_now": N_("Your answer could not be saved. Please try again.")}, carry=form)
    if any(k in form for k in CARRIED):
        values, _ = validate_answers(form, _today())
        return _form("program/welcome.html", values, {})
    return redirect(url_for("program.onboarding.welcome"), 303)


@bp.post("/welcome/confirm")
def confirm():
    """Keep the answers and the chosen stage and pattern; the reasons go into the stage history."""
    user, today = g.user, _today()
    if not RedFlagCheck.answered_on(user, user.local_today()):
        return _safety_step(notice=_(NEW_DAY), carry=request.form)
    values, errors = validate_answers(request.form, today)
    stage, pattern = request.form.get("stage", ""), request.form.get("pattern", "")
    both, both_errors = answers.validate_both_legs(request.form) if values.get("side") == "both" else (None, {})
    if errors or both_errors or stage not in ("1", "2", "3") or pattern not in ("disc", "stenosis"):
        flash(_("Something was missing. Please answer the questions again."))
        return redirect(url_for("program.onboarding.welcome"), 303)
    outcome = answers.both_legs_outcome(**both) if both else None
    proposal = _proposal(values, outcome)
    verdict = guardrails.judge(_start_limits(values, outcome, proposal), int(stage))
    override, problem = "", None
    if verdict.closed:
        problem = ("stage", guardrails.closed_words(verdict, int(stage)))
    elif verdict.above:
        override, message = inputs.text(request.form.get("override"), OVERRIDE_MAX, required=_(
            "Stage %(stage)s is above the stage we suggest (%(suggested)s). To choose it anyway, say why.",
            stage=stage, suggested=proposal.stage))
        problem = ("override", message) if message else None
    if problem:
        go_now, contact = _signs(values, outcome)
        tier = redflags.tier_for(go_now, contact, values["background"])
        return _propose(values, outcome, tier, contact, {problem[0]: say(problem[1])}, 422, request.form)
    reasons = list(proposal.reasons)
    if int(stage) != proposal.stage:
        reasons.append(f"You chose stage {stage} instead of the suggested stage {proposal.stage}.")
    if pattern != proposal.pattern:
        reasons.append(f"You chose the {pattern} type instead of the suggested {proposal.pattern} type.")
    _keep(user, values, outcome)
    user.onboarded_at = utcnow()
    user.save(only=[type(user).onboarded_at])
    StageChange.record(user, int(stage), pattern, "onboarding", " ".join(reasons),
                       override=verdict.override(override))
    return redirect(url_for("program.today"), 303)

