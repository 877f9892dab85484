""""I ticked this by mistake": the person corrects one of their own warning-sign answers. The answer
stays as it was; the correction (who, when, an optional note) is kept beside it and lifts the
pause or the "have you spoken to a doctor?" card that the answer made. Only answers still waiting
for the person can be corrected (a go-now answer not yet confirmed as assessed, a contact-a-doctor
answer not yet acted on), and only the person's own: anyone else's id is a 404."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import inputs
from ..models import RedFlagCheck, RedFlagCorrection
from ..models.corrections import NOTE_MAX
from . import answers, redflags

bp = Blueprint("mistakes", __name__)
RETURNS = {"today": "program.today", "history": "log.history"}


@bp.get("/log/mistake")
def choose():
    """Every answer still waiting for the person, each with its own "I ticked this by mistake"."""
    return _page(list(RedFlagCheck.open_answers(g.user)))


@bp.route("/log/mistake/<uuid>", methods=("GET", "POST"))
def correct(uuid):
    """One answer: the question, then the correction kept beside it."""
    answer = RedFlagCheck.by_uuid(g.user, uuid)
    if answer is None or not answers.is_warning(answer):
        abort(404)
    done = RedFlagCorrection.of_answer(g.user, uuid)
    still_open = done is None and is_open(answer)
    if request.method == "GET" or not still_open:
        status = 200 if request.method == "GET" else 409
        return _page([answer], done=done, closed=not still_open, status=status)
    note, problem = inputs.text(request.form.get("note"), NOTE_MAX)
    if problem:
        return _page([answer], error=note_problem(request.form.get("note"), NOTE_MAX), note=request.form.get("note", ""), status=422)
    RedFlagCorrection.record(g.user, answer, note)
    flash(_thanks(answer))
    return redirect(url_for(RETURNS.get(request.form.get("return_to"), "program.today")), 303)


def is_open(answer):
    """Still waiting for the person: not yet assessed (go now), not yet acted on (contact)."""
    if answer.tier == "now":
        return answer.assessed_at is None
    return answer.tier in ("today", "soon") and answer.contacted_at is None


def _thanks(answer):
    if answer.tier == "now":
        if RedFlagCheck.program_paused(g.user):
            return _("Noted: you ticked that by mistake. Your answer and this note stay in your check-ins and "
                     "report. Your exercises stay paused for another emergency answer.")
        return _("Noted: you ticked that by mistake. Your answer and this note stay in your check-ins and "
                 "report. Your exercises are back.")
    return _("Noted: you ticked that by mistake. Your answer and this note stay in your check-ins and report.")


def note_problem(value, limit):
    """What is wrong with a note inputs.text refused, in the reader's language."""
    if isinstance(value, str) and not inputs.storable(value):
        return _("This has a character that can't be saved. Please type it again.")
    length = len((value or "").strip()) if isinstance(value, str) else 0
    return _("Keep this under %(limit)d characters (it has %(length)d).", limit=limit, length=length)


def _page(items, done=None, closed=False, error=None, note="", status=200):
    back = request.values.get("return_to")
    back = back if back in RETURNS else "today"
    return render_template("safety/mistake.html", items=items, done=done, closed=closed, error=error,
                           note=note, flags=redflags.FLAGS, note_max=NOTE_MAX, return_to=back,
                           return_endpoint=RETURNS[back]), status
