"""The log as a FHIR R4 Bundle of type "collection", for a practitioner's clinical record.
No Flask. `bundle` is plain data in, plain data out; `for_person` reads the person's rows.

- Patient: the name the person chose, else "Patient"; never the email.
- The app's own CodeSystems (its questions, and its exercises), with canonical URLs under the
  app's address (`base`), where they are also served: codes.py says which codes are standard.
- Per check-in (checkins.py): leg and back pain (LOINC 72514-3, 0-10, with the body site),
  sitting and walking tolerance, weakness (SNOMED CT), pins and needles or numbness, how far down
  the leg (with the SNOMED CT body structure) and sleep disturbed by pain, each when answered.
- Every warning-sign answer, with its corrections and follow-ups (warnings.py): an Observation;
  for go-now answers a Flag, and for signs of cauda equina syndrome a provisional Condition.
  An unconfirmed go-now answer is included whatever the dates, as in the report.
- The program (program.py): the stage now and each change of stage in the dates, exercise
  adherence per exercise (done against prescribed), one Procedure per exercise done.
- The weekly activity ratings as this app's own Questionnaire and its responses (ratings.py).
Every dateTime carries a time zone: the offset the phone had when the record was written, or the
person's own zone for times the server keeps in UTC. Ids are stable: the same record always
gets the same id, so a second import can be matched to the first.
"""
import datetime as dt

from ...models import CheckIn, Completion, PsfsRating, RedFlagCheck, RedFlagCorrection, StageChange
from ...translatable import N_, Text
from .. import adherence as adherence_figures
from . import codes
from .checkins import checkin_observations
from .elements import entry, stable_id, utc_moment
from .program import adherence, procedure, stage_change, stage_now
from .ratings import questionnaire, rating_responses
from .warnings import answer_resources

__all__ = ["bundle", "for_person", "stable_id"]
LOCAL_BASE = "http://localhost"


def patient(patient_id, display_name):
    return {"resourceType": "Patient", "id": patient_id, "name": [{"text": display_name or Text(N_("Patient"))}]}


def bundle(person, checkins, ratings, completions, names, patient_id, now, zone, *, base=LOCAL_BASE,
           answers=(), corrections=None, stage_changes=(), stage_since=None, done=(), dates=None,
           stage_names=None):
    """The Bundle (a dict, ready for JSON) for `person` (display_name, side, stage, pattern) from
    their rows. `answers` are warning-sign answers, `corrections` {answer uuid: correction},
    `stage_since` when the stage now began (UTC), `done` adherence_figures.ExerciseDone rows for
    `dates` (start, end)."""
    subject = {"reference": f"urn:uuid:{patient_id}"}
    stamp = now.replace(tzinfo=dt.UTC, microsecond=0)
    corrections, stage_names = corrections or {}, stage_names or {}
    resources = [patient(patient_id, person.display_name), codes.code_system(base)]
    if names:
        resources.append(codes.exercise_system(base, names))
    if ratings:
        resources.append(questionnaire())
    for c in checkins:
        resources += checkin_observations(c, subject, person.side, base)
    for a in answers:
        resources += answer_resources(a, corrections.get(a.uuid), subject, zone, base)
    since = utc_moment(stage_since, zone) if stage_since else None
    current = stage_now(person, subject, patient_id, since, stage_names, base)
    resources += [current] if current else []
    resources += [stage_change(c, subject, patient_id, zone, stage_names, base) for c in stage_changes]
    if dates:
        resources += [adherence(d, subject, patient_id, *dates, names, base) for d in done]
    resources += rating_responses(ratings, subject, zone)
    resources += [procedure(c, subject, names, base) for c in completions]
    return {"resourceType": "Bundle", "id": stable_id("bundle", patient_id, stamp.isoformat()),
            "type": "collection", "timestamp": stamp.isoformat(), "entry": [entry(r) for r in resources]}


def for_person(user, start, end, names, now, base=LOCAL_BASE, rules=None):
    """The Bundle for `user`'s records from `start` to `end` (local dates, inclusive)."""
    answers = list(RedFlagCheck.between(user, start, end))
    # As in the report: an emergency answer still waiting is never left out by the dates chosen.
    waiting = [a for a in RedFlagCheck.unconfirmed_alarms(user) if not start <= a.local_date <= end]
    answers = waiting[::-1] + answers
    history = list(StageChange.history(user))
    completions = list(Completion.between(user, start, end))
    done = adherence_figures.per_exercise(start, end, completions, history, (user.stage, user.pattern), rules)
    return bundle(user, list(CheckIn.between(user, start, end)), list(PsfsRating.between(user, start, end)),
                  completions, names, stable_id("patient", user.id, user.created_at.isoformat()), now,
                  user.local_now().tzinfo, base=base, answers=answers,
                  corrections=RedFlagCorrection.of_answers(user, [a.uuid for a in answers if a.codes]),
                  stage_changes=[c for c in reversed(history) if start <= c.changed_at.date() <= end],
                  stage_since=history[0].changed_at if history else None,
                  done=done, dates=(start, end),
                  stage_names={n: s.name for n, s in rules.stages.items()} if rules else {})
