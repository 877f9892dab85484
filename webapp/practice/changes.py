"""Changing one linked person's program, within content/program.yaml's practitioner_limits: a cap,
allowing a practitioner-only exercise, leaving one off Today, a personal note, or setting or
holding the stage. Each change keeps who, when and why, and the person sees it where it applies.
Nothing here touches a warning-sign pause."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import database
from ..i18n import language
from ..models import ProgramChange, RedFlagCheck, StageChange
from ..program import guardrails
from ..translatable import N_
from .validation import cap_label, cap_limits, validate_change
from .views import linked, look

bp = Blueprint("changes", __name__, url_prefix="/people/<int:link_id>/program")


def _page(link, person, status=200, errors=None, values=None):
    """The program page: a look, whether shown at once or again with a refused change."""
    look(person, N_("program"))
    content = current_app.extensions["content"]
    rules, exercises = content.program, content.exercises_in(language())
    by_title = sorted(exercises.values(), key=lambda e: e.title)
    return render_template(
        "practice/program.html", link=link, person=person, errors=errors or {}, values=values or {},
        stage=rules.stages.get(person.stage), stages=rules.stages, limits=rules.limits,
        paused=RedFlagCheck.program_paused(person),
        cap_choices=[(e.slug, cap_label(e, rules.limits)) for e in by_title if cap_limits(e, rules.limits)],
        allow_choices=[(s, exercises[s].title) for s in rules.limits.allow],
        exercise_choices=[(e.slug, e.title) for e in by_title],
        in_effect=[c for c in ProgramChange.in_effect(person) if c.kind != "stage" or c.hold_until],
        history=list(ProgramChange.history(person)),
        stage_limits=_stage_limits(person, rules),
        ), status, {"Cache-Control": "no-store"}


def _stage_limits(person, rules):
    return guardrails.now(person, rules, person.local_today())


@bp.get("/")
def index(link_id):
    link, person = linked(link_id)
    return _page(link, person)


@bp.post("/")
def add(link_id):
    """Make one change, after checking it against the limits file."""
    link, person = linked(link_id)
    rules = current_app.extensions["program"]
    today = person.local_today()
    limits = _stage_limits(person, rules)
    kind, values, errors = validate_change(request.form, current_app.extensions["content"].exercises_in(language()),
                                           rules.limits, person, today, limits)
    if errors:
        return _page(link, person, 422, errors, request.form)
    reason = " ".join(request.form.get("reason", "").split())
    practitioner = g.practitioner
    if kind == "stage" and values["stage"] == person.stage:
        values["stage"] = None              # a hold only: the stage stays as it is
    with database.atomic():
        if kind == "stage" and values["stage"] is not None:
            verdict = guardrails.judge(limits, values["stage"])
            StageChange.record(person, values["stage"], person.pattern, "practitioner",
                               f"Set by {practitioner.label}: {reason}",
                               override=verdict.override(values.get("override_reason", "")))
        ProgramChange.make(person, practitioner, kind, reason, today,
                           **{k: v for k, v in values.items() if v is not None})
    flash(_("Saved. The person sees this change, with your name and reason."))
    return redirect(url_for("practice.changes.index", link_id=link.id), 303)


@bp.post("/<int:change_id>/end")
def end(link_id, change_id):
    """Stop a change: the person's program goes back to the app's own setting for it."""
    link, person = linked(link_id)
    if ProgramChange.end(person, change_id, g.practitioner.label, person.local_today()) is None:
        flash(_("That change had already stopped."))
    else:
        flash(_("Stopped. Their program is back to the app's own setting for it."))
    return redirect(url_for("practice.changes.index", link_id=link.id), 303)
