"""The log as a FHIR R4 Bundle of type "collection", for a practitioner's clinical record.
No Flask. `bundle` is plain data in, plain data out; `for_person` reads the person's rows.

- Patient: the name the person chose, else "Patient"; never the email.
- One Observation per answer in each check-in: leg and back pain (LOINC 72514-3, 0-10, with the
  body site: which leg, or the back), sitting and walking tolerance (minutes, the app's own codes).
- The weekly activity ratings as this app's own Questionnaire (included in the Bundle; no
  licensed instrument) and one QuestionnaireResponse per week rated.
- One Procedure per exercise done, with how it felt afterwards.
Every dateTime carries a time zone: the offset the phone had when the record was written, or the
person's own zone for times the server keeps in UTC. Ids are stable: the same record always
gets the same id, so a second import can be matched to the first.
"""
import datetime as dt
import uuid as uuidlib

from ..models import CheckIn, Completion, PsfsRating
from ..program.completions import RESPONSE_LABELS

NAMESPACE = uuidlib.UUID("5b0c3f0e-7a51-4c9a-9f0e-2f6d1c8e4a11")
LOINC, SNOMED, UCUM = "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
APP_CODES = "urn:sciatica-companion:observation"
EXERCISE_CODES = "urn:sciatica-companion:exercise"
QUESTIONNAIRE_URL = "urn:sciatica-companion:questionnaire:weekly-activity-ratings"
PAIN_CODE = {"system": LOINC, "code": "72514-3",
             "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
LEG_SITES = {"left": ("32153003", "Structure of left lower limb", "Left leg"),
             "right": ("62175007", "Structure of right lower limb", "Right leg"),
             "both": ("61685007", "Lower limb structure", "Both legs"),
             None: ("61685007", "Lower limb structure", "Leg")}
BACK_SITE = ("77568009", "Structure of back of trunk", "Back")
TOLERANCE = {"sitting_minutes": ("sitting-tolerance", "Sitting tolerance",
                                 "Sitting tolerance: minutes at a time"),
             "walking_minutes": ("walking-tolerance", "Walking tolerance",
                                 "Walking tolerance: minutes at a time")}


def stable_id(*parts):
    return str(uuidlib.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def local_moment(day, clock, offset_minutes):
    """ "2026-11-20T08:15:00+01:00" from the phone's local date, "HH:MM" and offset."""
    hours, minutes = clock.split(":")
    zone = dt.timezone(dt.timedelta(minutes=offset_minutes or 0))
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)), tzinfo=zone).isoformat()


def utc_moment(stored, zone):
    """A naive UTC time as stored, in the person's zone, with its offset."""
    return stored.replace(tzinfo=dt.timezone.utc, microsecond=0).astimezone(zone).isoformat()


def _entry(resource):
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _coded(system, code, display, text):
    return {"coding": [{"system": system, "code": code, "display": display}], "text": text}


def patient(patient_id, display_name):
    return {"resourceType": "Patient", "id": patient_id, "name": [{"text": display_name or "Patient"}]}


def _observation(oid, subject, when, code, **value):
    return {"resourceType": "Observation", "id": oid, "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}],
            "code": code, "subject": subject, "effectiveDateTime": when, **value}


def checkin_observations(c, subject, usual_side):
    """The Observations of one check-in: leg pain, then back pain, sitting and walking if answered."""
    when = local_moment(c.local_date, c.local_time, c.tz_offset_minutes)
    code, display, text = LEG_SITES.get(getattr(c, "leg_side", None) or usual_side, LEG_SITES[None])
    out = [_observation(stable_id(c.uuid, "leg"), subject, when,
                        {"coding": [PAIN_CODE], "text": "Leg pain (0-10)"}, valueInteger=c.leg_pain,
                        bodySite=_coded(SNOMED, code, display, text))]
    if c.back_pain is not None:
        out.append(_observation(stable_id(c.uuid, "back"), subject, when,
                                {"coding": [PAIN_CODE], "text": "Back pain (0-10)"}, valueInteger=c.back_pain,
                                bodySite=_coded(SNOMED, *BACK_SITE)))
    for field, (code, display, text) in TOLERANCE.items():
        minutes = getattr(c, field)
        if minutes is not None:
            out.append(_observation(stable_id(c.uuid, code), subject, when,
                                    _coded(APP_CODES, code, display, text),
                                    valueQuantity={"value": minutes, "unit": "min", "system": UCUM,
                                                   "code": "min"}))
    return out


def questionnaire():
    """This app's own weekly activity ratings (in the style of the Patient-Specific Functional
    Scale, not a copy of any licensed questionnaire)."""
    return {
        "resourceType": "Questionnaire", "id": stable_id("questionnaire", QUESTIONNAIRE_URL),
        "url": QUESTIONNAIRE_URL, "version": "1", "name": "WeeklyActivityRatings",
        "title": "Weekly activity ratings", "status": "active", "subjectType": ["Patient"],
        "description": ("Sciatica Companion's own weekly questions: the person names up to three "
                        "activities their sciatica makes hard and rates each from 0 (can't do it) "
                        "to 10 (as well as before the problem)."),
        "item": [{"linkId": "activity", "text": "An activity your sciatica makes hard", "type": "group",
                  "repeats": True, "required": True, "item": [
                      {"linkId": "activity.name", "text": "The activity", "type": "string",
                       "required": True, "maxLength": 80},
                      {"linkId": "activity.score", "type": "integer", "required": True,
                       "text": "How well can you do it now? 0 = can't do it, 10 = as well as before"}]}],
    }


def rating_responses(ratings, subject, zone):
    """One QuestionnaireResponse per week rated (ratings oldest first)."""
    weeks = {}
    for r in ratings:
        weeks.setdefault(r.week_start, []).append(r)
    out = []
    for week, rows in sorted(weeks.items()):
        authored = max(r.updated_at or r.created_at for r in rows)
        out.append({
            "resourceType": "QuestionnaireResponse",
            "id": stable_id("ratings", *sorted(r.uuid for r in rows)),
            "questionnaire": QUESTIONNAIRE_URL, "status": "completed", "subject": subject,
            "authored": utc_moment(authored, zone),
            "item": [{"linkId": "activity", "text": "An activity your sciatica makes hard", "item": [
                {"linkId": "activity.name", "answer": [{"valueString": r.activity}]},
                {"linkId": "activity.score", "answer": [{"valueInteger": r.score}]}]} for r in rows],
        })
    return out


def procedure(c, subject, names):
    title = names.get(c.exercise, c.exercise)
    resource = {"resourceType": "Procedure", "id": stable_id(c.uuid, "done"), "status": "completed",
                "category": {"text": "Home exercise"},
                "code": _coded(EXERCISE_CODES, c.exercise, title, title), "subject": subject,
                "performedDateTime": local_moment(c.local_date, c.local_time, c.tz_offset_minutes)}
    if c.response:
        felt = RESPONSE_LABELS.get(c.response, c.response)
        resource["outcome"] = {"text": f"How it felt afterwards: {felt}"}
    if c.over_cap:
        resource["note"] = [{"text": "Done after the exercise's daily or weekly limit was reached."}]
    return resource


def bundle(person, checkins, ratings, completions, names, patient_id, now, zone):
    """The Bundle (a dict, ready for JSON) for `person` (display_name, side) from their rows."""
    subject = {"reference": f"urn:uuid:{patient_id}"}
    resources = [patient(patient_id, person.display_name)]
    for c in checkins:
        resources += checkin_observations(c, subject, person.side)
    if ratings:
        resources.append(questionnaire())
        resources += rating_responses(ratings, subject, zone)
    resources += [procedure(c, subject, names) for c in completions]
    stamp = now.replace(tzinfo=dt.timezone.utc, microsecond=0)
    return {"resourceType": "Bundle", "id": stable_id("bundle", patient_id, stamp.isoformat()),
            "type": "collection", "timestamp": stamp.isoformat(),
            "entry": [_entry(r) for r in resources]}


def for_person(user, start, end, names, now):
    """The Bundle for `user`'s records from `start` to `end` (local dates, inclusive)."""
    return bundle(user, list(CheckIn.between(user, start, end)), list(PsfsRating.between(user, start, end)),
                  list(Completion.between(user, start, end)), names,
                  stable_id("patient", user.id, user.created_at.isoformat()), now, user.local_now().tzinfo)
