"""Today and the program: the day's exercises with their caps, ticking them done, the stage
engine's suggestion, the week's plan and changing stage or pattern by hand."""
import datetime as dt
import functools

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask import session as cookie_session
from flask_babel import gettext as _

from .. import inputs, pagecache, stencil
from ..content.plans import PATTERN_NAMES, SESSIONS, WEEKDAYS
from ..csrf import csrf_token
from ..htmx import is_fragment_request
from ..i18n import language, say
from ..log.views import checkin_context, to_screen
from ..models import CheckIn, Completion, DismissedSuggestion, ProgramChange, RedFlagCheck, StageChange
from ..safety.answers import both_legs_due
from ..safety.redflags import FLAGS
from ..safety.views import country_for, takes_ticks
from ..translatable import N_
from . import adjustments, completions, daycache, dayplan, engine, guardrails, stagemoment

TICK_FORM = "safety-check"      # the id of Today's one form: the warning-sign check

bp = Blueprint("program", __name__)
REASON_MAX = 500
OVER_CAP_SAVED = N_("Saved. That one was over the limit, so take it easier next time.")
SAVED = N_("Saved.")


def rules():
    return current_app.extensions["program"]


def exercises():
    return current_app.extensions["content"].exercises_in(language())


def onboarded(view):
    """Send people who have not chosen a stage yet to the welcome questions, and people who
    started before the one-time questions (background risks, pregnancy) existed to that one
    short screen."""
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user.onboarded_at is None or g.user.stage is None or g.user.pattern is None:
            return redirect(url_for("program.onboarding.welcome"))
        if g.user.background_answered_at is None or g.user.pregnancy_answered_at is None:
            return redirect(url_for("program.reviews.once"))
        return view(**kwargs)
    return wrapped


def day_plan(user, today, adjusted=None):
    return dayplan.day_plan(user, rules(), exercises(), today, adjusted)


def adjusted_for(user, today):
    """The practitioner's changes in effect for the person today (webapp/program/adjustments.py)."""
    return dayplan.adjusted_for(user, rules(), exercises(), today)


def suggestion_for(user, today, adjusted=None):
    """The engine's suggestion from the last two windows of the person's own records (none while
    a practitioner holds the stage)."""
    t = rules().engine
    since = today - dt.timedelta(days=2 * t.window_days - 1)
    window = today - dt.timedelta(days=t.window_days - 1)
    # Answers the person said were ticked by mistake neither pause nor hold back a stage change;
    # an unanswered contact-a-doctor card, however old, holds back moving up.
    flags = list(RedFlagCheck.standing(user, window)) + list(RedFlagCheck.unconfirmed_alarms(user)) \
        + list(RedFlagCheck.awaiting_contact(user))
    suggestion = engine.suggest(dayplan.person_of(user), list(CheckIn.recent(user, since)),
                                list(Completion.recent(user, window)), flags, t, today)
    return adjustments.hold_suggestion(suggestion, adjusted or adjusted_for(user, today), today)


@bp.get("/")
@onboarded
def today():
    """Today: the stage, any suggestion, the day's exercises with caps, and a quick check-in."""
    user = g.user
    day = user.local_today()
    worked_out = current_app.extensions["day_cache"].get(user, day, lambda: work_out_day(user, day), language())
    csrf = csrf_token()

    def draw():
        return _draw_today(user, day, worked_out, csrf)
    key = _page_key()
    if key is None:
        return stencil.keep(*draw(), csrf).fill(csrf)
    page = worked_out.page(key, draw, csrf)
    if current_app.config.get("STENCIL_CHECK") and page != stencil.stencil_of(*draw(), csrf):
        raise AssertionError("Today's kept page differs from a fresh one: _page_key misses something it shows")
    return page.fill(csrf)


def _page_key():
    """What Today's page shows besides the Day (kept against the person's row and local day, with
    their warning-sign answers): the emergency numbers' country, the kind of account and the language
    (a visitor's choice or the browser's, when the person has set none). None when the request
    brings something of its own (a message to show once, a query string, a session just ended)."""
    if request.args or "_flashes" in cookie_session or g.get("session_ended"):
        return None
    return ("page", country_for().code, g.get("practitioner") is not None, language())


def _draw_today(user, day, worked_out, csrf):
    """(Today's page with the Day's stencils drawn in, its own record ids): every button on it
    posts the warning-sign check's form (tick_form), which carries the quick check-in's and the
    safety answer's ids."""
    latest, awaiting = worked_out.answers
    templates = current_app.jinja_env
    row_item = templates.get_template("program/_row.html").module.row_item
    planned, optional = worked_out.row_stencils(row_item, csrf)
    suggestion = worked_out.suggestion
    times = {"morning": user.morning_time, "midday": user.midday_time, "evening": user.evening_time}
    forms = {**checkin_context(user, latest), "tick_form": TICK_FORM}

    def quick_checkin():
        return templates.get_template("log/_quick_checkin.html").render(**forms), []
    checkin_id, answer_id = completions.new_uuid(), completions.new_uuid()
    html = render_template("program/today.html", stage=rules().stages[user.stage], today=day,
                           suggestion=suggestion, show_suggestion=suggestion.actionable and not worked_out.dismissed,
                           planned=planned, optional=optional, held=worked_out.held, times=times,
                           title_langs={e.title: e.lang for e in exercises().values()},
                           next_card=worked_out.next_stencil(row_item, csrf), next_row=worked_out.next,
                           offline_pages=worked_out.offline, moment=stagemoment.of(user, rules(), exercises(), day),
                           quick_checkin=worked_out.stencil("quick checkin", quick_checkin, csrf), awaiting=awaiting,
                           flags=FLAGS, both_legs_due=both_legs_due(user, day), adjusted=worked_out.adjusted,
                           quick_uuid=checkin_id, redflag_uuid=answer_id, **forms)
    return html, [checkin_id, answer_id]


def work_out_day(user, day):
    """Today's suggestion, day plan and warning-sign answers from the person's records (kept by
    daycache.DayCache: the answers as a tuple, as every request shares them)."""
    adjusted = adjusted_for(user, day)
    suggestion = suggestion_for(user, day, adjusted)
    dismissed = suggestion.actionable and DismissedSuggestion.exists_for(user, day, suggestion)
    planned, optional, held = day_plan(user, day, adjusted)
    upcoming = dayplan.next_of(planned)
    latest, awaiting = RedFlagCheck.today_answers(user)
    return daycache.Day(adjusted, suggestion, dismissed, dayplan.without(planned, upcoming), optional, held,
                        next=upcoming, offline=dayplan.plan_pages(user, rules(), exercises(), day, adjusted),
                        answers=(latest, tuple(awaiting)))


def _row_response(slug, session, status=200, message=None, next=False):
    """The ticked row (as the next exercise's card, `next`), plus its twin rows in other sessions
    (their counters move too)."""
    row, twins = dayplan.row_with_twins(g.user, rules(), exercises(), slug, session, g.user.local_today())
    return render_template("program/_row_response.html", row=row, twins=twins, message=message,
                           next=next, next_id=request.args.get("next_id", "")), status


@bp.post("/today/done")
@onboarded
@takes_ticks
def done():
    """Tick an exercise done from Today: one tap, stored through sync like an offline tick. Signs
    ticked on the page were stored first (g.alarm): a go-now sign pauses the program, so the tick
    is not counted, and either leads to its screen."""
    slug, session, uuid, response = completions.tick_of(request.form)
    alarm = g.get("alarm")
    if slug not in exercises() or (session and session not in SESSIONS) \
            or (response is not None and response not in completions.RESPONSES):
        return to_screen(alarm) or abort(400)
    earlier = Completion.by_uuid(g.user, uuid) if uuid and response else None
    if earlier is not None and earlier.exercise == slug:
        # How an earlier round felt: always kept (a pause stops new rounds, not this), and that
        # round is updated, never counted again.
        completions.save(g.user, uuid, slug, session, response)
        return to_screen(alarm) or _felt(slug, session, response)
    if RedFlagCheck.program_paused(g.user):
        return to_screen(alarm) or paused_refusal()
    answer = completions.save(g.user, uuid, slug, session, response)
    if answer["status"] == "rejected":
        screen = to_screen(alarm)
        if screen or "locked" not in answer["errors"]:
            return screen or abort(400)
        if is_fragment_request():
            return render_template("program/_refused.html", message=say(answer["errors"]["locked"]), locked=True), 409
        flash(say(answer["errors"]["locked"]))
        return redirect(url_for("program.today"), 303)
    message = _(OVER_CAP_SAVED if answer.get("over_cap") else SAVED)
    if is_fragment_request():
        return to_screen(alarm, _row_response(slug, session, message=message))
    flash(_("%(exercise)s: %(message)s", exercise=exercises()[slug].title, message=message))
    return to_screen(alarm, redirect(url_for("program.today", _anchor=f"ex-{session or 'extra'}-{slug}"), 303))


def _felt(slug, session, response):
    """After "how did that feel?" on Today: the row again, saying it was kept."""
    message = _(completions.FELT.get(response, SAVED))
    if is_fragment_request():
        return _row_response(slug, session, message=message, next=request.args.get("next") == "1")
    flash(_("%(exercise)s: %(message)s", exercise=exercises()[slug].title, message=message))
    return redirect(url_for("program.today", _anchor=f"ex-{session or 'extra'}-{slug}"), 303)


def paused_refusal():
    """A tick while the program is paused is not counted, and the person is told so."""
    if is_fragment_request():
        return render_template("program/_refused.html", message=_(completions.PAUSED)), 409
    flash(_(completions.PAUSED))
    return redirect(url_for("program.today"), 303)


@bp.get("/today/row")
@onboarded
def row():
    """One exercise row, fresh (used after a tick sent through the outbox)."""
    slug, session = request.args.get("exercise", ""), request.args.get("session") or None
    if slug not in exercises() or (session and session not in SESSIONS):
        abort(404)
    message = None
    if request.args.get("felt"):
        message = _(completions.FELT.get(request.args["felt"], SAVED))
    elif request.args.get("saved"):
        message = _(OVER_CAP_SAVED if request.args.get("over") else SAVED)
    return _row_response(slug, session, message=message, next=request.args.get("next") == "1")


@bp.post("/suggestion/<choice>")
@onboarded
def answer_suggestion(choice):
    """Accept (the stage changes, with the reasons kept) or dismiss (not shown again today)."""
    if choice not in ("accept", "dismiss"):
        abort(404)
    user, day = g.user, g.user.local_today()
    suggestion = suggestion_for(user, day)
    if not suggestion.actionable or request.form.get("direction") != suggestion.direction \
            or request.form.get("to_stage") != str(suggestion.to_stage):
        flash(_("That suggestion has changed since the page was loaded. Here is the latest."))
    elif choice == "accept":
        StageChange.record(user, suggestion.to_stage, user.pattern, "person", suggestion.text)
        flash(_("You are now at stage %(stage)s: %(name)s.", stage=user.stage, name=_(rules().stages[user.stage].name)))
    else:
        DismissedSuggestion.create(user=user, local_date=day, direction=suggestion.direction,
                                   to_stage=suggestion.to_stage, reason=suggestion.text)
        flash(_("OK. Your stage stays the same. We will look again tomorrow."))
    return redirect(url_for("program.today"), 303)


@bp.get("/program")
@onboarded
def overview():
    """The week's plan for the current stage and pattern, what each stage is for, and changes;
    kept until the person's data changes (webapp/pagecache.py)."""
    return pagecache.serve(lambda: (_overview({})[0], []))


def _overview(errors, status=200, values=None):
    user = g.user
    day = user.local_today()
    walk = dayplan.walk_of(user, rules(), day)
    plan, left_off = dayplan.person_plan(user, rules(), exercises(), day)
    doses = {slug: dayplan.dose_words(e, walk if slug in rules().walking.exercises else None)
             for slug, e in exercises().items()}
    return render_template("program/overview.html", stage=rules().stages[user.stage],
                           all_stages=rules().stages, plan=plan, left_off=left_off,
                           stage_limits=guardrails.now(user, rules(), day),
                           exercises=exercises(), doses=doses, walk=walk,
                           weekdays=WEEKDAYS, errors=errors, values=values or {},
                           history=list(StageChange.history(user).limit(10)),
                           changes=list(ProgramChange.history(user))), status


@bp.post("/program/change")
@onboarded
def change():
    """Change stage or pattern by hand; kept as a StageChange made by the person, with a reason."""
    user = g.user
    stage, pattern = request.form.get("stage", ""), request.form.get("pattern", "")
    reason, problem = inputs.text(request.form.get("reason"), REASON_MAX, multiline=False)
    errors = {"reason": problem} if problem else {}
    if stage not in ("1", "2", "3"):
        errors["stage"] = _("Choose stage 1, 2 or 3.")
    if pattern not in PATTERN_NAMES:
        errors["pattern"] = _("Choose disc type or stenosis type.")
    verdict, override = guardrails.Verdict((), ()), ""
    if not errors and int(stage) > user.stage:
        verdict = guardrails.judge(guardrails.now(user, rules(), user.local_today()), int(stage))
        if verdict.closed:
            errors["stage"] = say(guardrails.closed_words(verdict, int(stage)))
        elif verdict.above:
            override, problem = inputs.text(request.form.get("override"), REASON_MAX, required=(
                _("%(why)s To choose it anyway, say why.", why=say(guardrails.above_words(verdict, int(stage))))))
            if problem:
                errors["override"] = problem
    if errors:
        return _overview(errors, 422, request.form)
    if (int(stage), pattern) == (user.stage, user.pattern):
        flash(_("Nothing changed: that is already your stage and pattern."))
    else:
        StageChange.record(user, int(stage), pattern, "person", reason or N_("Changed by hand."),
                           override=verdict.override(override))
        flash(_("Changed to stage %(stage)s (%(name)s), %(pattern)s.", stage=user.stage,
                name=_(rules().stages[user.stage].name), pattern=_(PATTERN_NAMES[pattern]).lower()))
    return redirect(url_for("program.overview"), 303)
