"""The exercise program as FHIR: the stage now and every change of stage, exercise adherence over
the dates (done against prescribed, per exercise), and one Procedure per exercise done. No Flask."""
from ...content.plans import PATTERN_NAMES
from ...program.completions import RESPONSE_LABELS
from ...translatable import N_, Text
from . import codes
from .elements import ACTIVITY, SURVEY, UCUM, coded, note, observation, record_moment, stable_id, utc_moment

MADE_BY = {"person": N_("the person"), "practitioner": N_("their practitioner"), "onboarding": N_("the first set-up")}


def _stage(base, stage, names):
    value = codes.app_code(base, f"stage-{stage}")
    if stage in names:
        value["text"] = Text(N_("Stage %(num)d: %(name)s"), num=stage, name=names[stage])
    return value


def _pattern(base, pattern):
    return {"code": codes.app_code(base, "program-pattern"),
            "valueCodeableConcept": codes.app_code(base, f"pattern-{pattern}")}


def stage_now(person, subject, patient_id, since, names, base):
    """The stage and pattern the person is on, from when it began (`since`, the last change) with
    no end: the same resource in every export until the stage changes. None before they chose."""
    if person.stage is None:
        return None
    resource = {"resourceType": "Observation", "status": "final", "category": [SURVEY],
                "id": stable_id(patient_id, "stage-now", person.stage, person.pattern, since),
                "code": codes.app_code(base, "program-stage"), "subject": subject,
                "valueCodeableConcept": _stage(base, person.stage, names)}
    if since is not None:
        resource["effectivePeriod"] = {"start": since}
    if person.pattern in PATTERN_NAMES:
        resource["component"] = [_pattern(base, person.pattern)]
    return resource


def stage_change(change, subject, patient_id, zone, names, base):
    """One change of stage or pattern: the new stage, the pattern, who made it and why (its id
    from what it is, as a stage change has no record id of its own)."""
    when = utc_moment(change.changed_at, zone)
    oid = stable_id(patient_id, "stage-change", change.changed_at.isoformat(), change.to_stage,
                    change.to_pattern)
    resource = observation(oid, subject, when, codes.app_code(base, "program-stage"),
                           valueCodeableConcept=_stage(base, change.to_stage, names))
    if change.to_pattern in PATTERN_NAMES:
        resource["component"] = [_pattern(base, change.to_pattern)]
    who = Text(MADE_BY[change.made_by]) if change.made_by in MADE_BY else change.made_by
    if change.from_stage:
        words = Text(N_("Set from stage %(stage)s by %(who)s."), stage=change.from_stage, who=who)
    else:
        words = Text(N_("Set as the first stage by %(who)s."), who=who)
    if change.reason:
        words = Text(N_("%(words)s Reason: %(reason)s"), words=words, reason=change.reason)
    resource["note"] = [note(subject, when, words)]
    return resource


def adherence(done, subject, patient_id, start, end, names, base):
    """One exercise's sessions done against prescribed from `start` to `end` (the percentage as the
    value when anything was prescribed)."""
    title = names.get(done.exercise, done.exercise)
    code = codes.app_code(base, "exercise-adherence")
    code["text"] = Text(N_("%(concept)s: %(exercise)s"), concept=code["text"], exercise=title)
    oid = stable_id(patient_id, "adherence", done.exercise, start, end)
    resource = {"resourceType": "Observation", "id": oid, "status": "final", "category": [ACTIVITY],
                "code": code, "subject": subject,
                "effectivePeriod": {"start": start.isoformat(), "end": end.isoformat()}}
    if done.percent is not None:
        resource["valueQuantity"] = {"value": done.percent, "unit": "%", "system": UCUM, "code": "%"}
    resource["component"] = [
        {"code": codes.app_code(base, "exercise"),
         "valueCodeableConcept": coded(codes.exercises_url(base), done.exercise, title, title)},
        {"code": codes.app_code(base, "sessions-prescribed"), "valueInteger": done.prescribed},
        {"code": codes.app_code(base, "sessions-done"), "valueInteger": done.done},
        {"code": codes.app_code(base, "sessions-done-as-prescribed"), "valueInteger": done.matched}]
    return resource


def procedure(c, subject, names, base):
    """One exercise done, with how it felt afterwards."""
    title = names.get(c.exercise, c.exercise)
    resource = {"resourceType": "Procedure", "id": stable_id(c.uuid, "done"), "status": "completed",
                "category": {"text": Text(N_("Home exercise"))},
                "code": coded(codes.exercises_url(base), c.exercise, title, title), "subject": subject,
                "performedDateTime": record_moment(c)}
    if c.response:
        felt = Text(RESPONSE_LABELS[c.response]) if c.response in RESPONSE_LABELS else c.response
        resource["outcome"] = {"text": Text(N_("How it felt afterwards: %(felt)s"), felt=felt)}
    if c.over_cap:
        resource["note"] = [{"text": Text(N_("Done after the exercise's daily or weekly limit was reached."))}]
    return resource
