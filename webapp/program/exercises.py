"""The exercise page: public content (steps, drawing, dose, stop rules, timer); for a signed-in
person also the day's counter, "done" and "how did that feel?"."""
import re
from dataclasses import replace

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from markupsafe import Markup

from .. import pagecache
from ..content.plans import SESSIONS
from ..htmx import is_fragment_request
from ..i18n import language
from ..models import NOT_DONE, Completion, RedFlagCheck
from ..security import public
from . import completions, dayplan, dosing

bp = Blueprint("exercises", __name__, url_prefix="/exercises")

# The steps are shown on their own beside the timer; the rest of the text follows below.
STEPS_SECTION = re.compile(r'<h2 id="steps">Steps</h2>\s*<ol>.*?</ol>\s*', re.DOTALL)


def _exercise(slug):
    return _catalogue().get(slug) or abort(404)


def _catalogue():
    return current_app.extensions["content"].exercises_in(language())


def _session():
    session = request.values.get("session") or None
    return session if session in SESSIONS else None


def _rules():
    return current_app.extensions["program"]


def card_context(exercise, uuid, session, new_round=False):
    """What the "done" card needs: the counter, this round's record and pause state. With no
    round named, the card shows the last round done today that nobody has said how it felt yet
    (from Today, say), so the feeling given here belongs to it; `new_round` starts another."""
    user = g.user
    day = user.local_today()
    counts = Completion.done_counts(user, dosing.rolling_week_start(day), day)
    record = Completion.by_uuid(user, uuid) if uuid else None
    if record is not None and record.exercise != exercise.slug:
        record = None
    if record is None and not uuid and not new_round:
        record = Completion.awaiting_feeling(user, exercise.slug, day, session)
    paused = RedFlagCheck.program_paused(user)
    rules = _rules()
    leg_check = rules.engine.leg_check
    catalogue = _catalogue()
    adjusted = dayplan.adjusted_for(user, rules, catalogue, day)
    caps = adjusted.caps.get(exercise.slug, exercise.caps)
    locked = None if record else dayplan.locked(user, rules, catalogue, exercise.slug, day)
    return {"exercise": exercise, "record": record, "session": session, "paused": paused, "locked": locked,
            "uuid": record.uuid if record else completions.new_uuid(), "caps": caps,
            "changes": adjusted.for_exercise(exercise.slug),
            "cap": dosing.CapStatus.of(exercise, counts.get(exercise.slug, NOT_DONE), day, caps),
            "answers": completions.answers_for(exercise.slug, leg_check),
            "leg_check": exercise.slug in leg_check}


@bp.get("/<slug>")
@public
def show(slug):
    """One exercise: steps, drawing, dose, stop rules, timer, and why it is in the program; for a
    signed-in person kept until their data changes (webapp/pagecache.py), a new record id on each
    copy. ?done= (the round just saved) is the request's own."""
    exercise = _exercise(slug)

    def draw():
        card = card_context(exercise, request.args.get("done"), _session(), request.args.get("round") == "new") \
            if g.user else None
        return _show(exercise, card), [card["uuid"]] if card and card["record"] is None else []
    return pagecache.serve(draw, args=("session",))


def _show(exercise, card):
    slug = exercise.slug
    content = current_app.extensions["content"]
    in_language = content.articles_in(language())
    articles = [in_language.get(a.slug, a) for a in content.articles_for_exercise(slug)]
    walk, note, is_walk, pregnancy = None, "", False, ""
    if g.user and g.user.stage is not None:
        rules = _rules()
        is_walk = slug in rules.walking.exercises
        walk = dayplan.walk_of(g.user, rules, g.user.local_today()) if is_walk else None
        note = dayplan.plan_note(g.user, rules, slug)
        pregnancy = dayplan.pregnancy_words(g.user, rules, exercise, g.user.local_today())
    dose = replace(exercise.dose, minutes=walk.minutes) if walk else exercise.dose
    return render_template("program/exercise.html", exercise=exercise, articles=articles, card=card,
                           dose=dosing.dose_text(dose), timer=dosing.timer_data(dose), walk=walk, note=note,
                           walk_hint=is_walk and walk is None, pregnancy=pregnancy,
                           more=Markup(STEPS_SECTION.sub("", str(exercise.html), count=1)))


@bp.post("/<slug>/done")
def done(slug):
    """Mark this round done, and/or say how it felt (same UUID: the same completion)."""
    exercise = _exercise(slug)
    response = request.form.get("response") or None
    if response is not None and response not in completions.RESPONSES:
        abort(400)
    session = _session()
    if RedFlagCheck.program_paused(g.user):
        if is_fragment_request():
            return render_template("program/_refused.html", message=completions.PAUSED, card=True), 409
        return redirect(url_for("program.exercises.show", slug=slug, session=session, _anchor="done-card"), 303)
    answer = completions.save(g.user, request.form.get("uuid") or None, slug, session, response)
    if answer["status"] == "rejected":
        if "locked" not in answer["errors"]:
            abort(400)
        # Held off by the program (its stage, the tensioner rule, a practitioner's say): not counted.
        if is_fragment_request():
            return render_template("program/_refused.html", message=answer["errors"]["locked"], card=True,
                                   locked=True), 409
        return redirect(url_for("program.exercises.show", slug=slug, session=session, _anchor="done-card"), 303)
    if is_fragment_request():
        return render_template("program/_done_card.html", **card_context(exercise, answer["uuid"], session))
    return redirect(url_for("program.exercises.show", slug=slug, done=answer["uuid"], session=session,
                            _anchor="done-card"), 303)


@bp.get("/<slug>/card")
def card(slug):
    """The "done" card on its own, fresh (used after the outbox has sent a tick)."""
    exercise = _exercise(slug)
    return render_template("program/_done_card.html",
                           **card_context(exercise, request.args.get("uuid"), _session()))
