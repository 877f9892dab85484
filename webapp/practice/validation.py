"""Checking a program change a practitioner asks for, against the limits in content/program.yaml.
Plain functions, no Flask: each returns (clean values for ProgramChange.make, {field: message})."""
import datetime as dt

from .. import inputs
from ..content.plans import STAGES
from ..models.changes import KINDS
from ..program import guardrails
from ..program.adjustments import never_hidden
from ..translatable import N_, Joined, Text, marked

REASON_MAX, NOTE_MAX = 300, 300


def _exercise(form, exercises, errors, allowed=None):
    slug = form.get("exercise") or ""
    if slug not in exercises or (allowed is not None and slug not in allowed):
        errors["exercise"] = N_("Choose an exercise from the list.")
        return None
    return slug


def _number(form, name, low, high, errors, message):
    raw = (form.get(name) or "").strip()
    if raw == "":
        return None
    value = inputs.whole_number(raw, low, high)
    if value is None:
        errors[name] = message
    return value


def cap_limits(exercise, limits):
    """{cap name: (its own cap, the most a practitioner may set)} for the caps it has."""
    return {name: (own, limits.highest(exercise.slug, name, own))
            for name in ("per_day", "per_week") if (own := getattr(exercise.caps, name)) is not None}


def cap_label(exercise, limits):
    """ "Curl downs: 2 a day, up to 4" for the exercise list."""
    words = {("per_day", False): N_("%(own)d a day"), ("per_day", True): N_("%(own)d a day, up to %(top)d"),
             ("per_week", False): N_("%(own)d in any 7 days"),
             ("per_week", True): N_("%(own)d in any 7 days, up to %(top)d")}
    parts = [Text(words[name, top != own], own=own, top=top) for name, (own, top) in cap_limits(exercise, limits).items()]
    return Text(N_("%(exercise)s: %(limits)s"), exercise=exercise.title, limits=Joined(parts, "; "))


def validate_change(form, exercises, limits, person, today, stage_limits=()):
    """(kind, values, errors) for one change. `person` has .stage; `exercises` is the catalogue;
    `stage_limits` the guardrails on their stage now (program/guardrails.py): above a hard one no
    stage may be set, above the starting rule only with a reason (`override`)."""
    errors = {}
    kind = form.get("kind")
    if kind not in KINDS:
        return None, {}, {"kind": N_("Choose what to change.")}
    _reason, problem = inputs.text(form.get("reason"), REASON_MAX, required=N_("Say why, in a few words: "
                                                                                    "the person will see it."))
    if problem:
        errors["reason"] = problem
    values = {}
    if kind == "cap":
        slug = _exercise(form, exercises, errors, {s for s, e in exercises.items() if cap_limits(e, limits)})
        if slug:
            words = {"per_day": N_("Choose from 1 to %(top)d a day: the most the limits allow for %(exercise)s "
                                   "(its own limit is %(own)d)."),
                     "per_week": N_("Choose from 1 to %(top)d in any 7 days: the most the limits allow for "
                                    "%(exercise)s (its own limit is %(own)d).")}
            for name, (own, highest) in cap_limits(exercises[slug], limits).items():
                values[name] = _number(form, name, 1, highest, errors,
                                       Text(words[name], top=highest, exercise=exercises[slug].title, own=own))
            if not any(values.values()) and not errors:
                errors["per_day"] = N_("Give the new limit.")
        values["exercise"] = slug
    elif kind == "allow":
        values["exercise"] = _exercise(form, exercises, errors,
                                       {s for s in limits.allow if exercises[s].practitioner_only})
    elif kind in ("hide", "note"):
        values["exercise"] = _exercise(form, exercises, errors)
        if kind == "hide" and values["exercise"] and never_hidden(exercises[values["exercise"]]):
            errors["exercise"] = Text(N_("%(exercise)s always stays on Today, so a flare-up has somewhere to go. "
                                         "Add a note to it instead."), exercise=exercises[values["exercise"]].title)
        if kind == "note":
            values["note"], problem = inputs.text(form.get("note"), NOTE_MAX, required=N_("Write the note."))
            if problem:
                errors["note"] = problem
    else:
        values["stage"] = _number(form, "stage", min(STAGES), max(STAGES), errors, N_("Choose stage 1, 2 or 3."))
        days = _number(form, "hold_days", 0, limits.longest_hold_days, errors,
                       Text(N_("Choose from 0 to %(num)d days."), num=limits.longest_hold_days))
        values["hold_until"] = today + dt.timedelta(days=days) if days else None
        if person.stage is None and values["stage"] is None and "stage" not in errors:
            errors["stage"] = N_("They have not chosen a stage yet: choose one.")
        if not errors and values["stage"] in (None, person.stage) and values["hold_until"] is None:
            errors["stage"] = N_("Choose a different stage, or a number of days to hold this one.")
        if values["stage"] is not None and values["stage"] > (person.stage or 0):
            _above_the_rules(form, values, errors, guardrails.judge(stage_limits, values["stage"]))
    return kind, values, errors


def _above_the_rules(form, values, errors, verdict):
    """A stage above a hard limit is refused; above the starting rule it needs `override`."""
    wanted = values["stage"]
    if verdict.closed:
        errors["stage"] = marked(guardrails.closed_words(verdict, wanted))
    elif verdict.above:
        ask = Text(N_("%(rule)s To set it anyway, say why: they will read it."),
                   rule=marked(guardrails.above_words(verdict, wanted)))
        values["override_reason"], problem = inputs.text(form.get("override"), REASON_MAX, required=ask)
        if problem:
            errors["override"] = problem
