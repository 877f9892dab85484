"""The small pieces every FHIR resource here is made of: stable ids, times with their offset,
codings, an Observation's frame and notes. No Flask, no database."""
import datetime as dt
import uuid as uuidlib

NAMESPACE = uuidlib.UUID("5b0c3f0e-7a51-4c9a-9f0e-2f6d1c8e4a11")
LOINC, SNOMED, UCUM = "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SURVEY = {"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}
ACTIVITY = {"coding": [{"system": CATEGORY, "code": "activity", "display": "Activity"}]}


def stable_id(*parts):
    return str(uuidlib.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def local_moment(day, clock, offset_minutes):
    """ "2026-11-20T08:15:00+01:00" from the phone's local date, "HH:MM" and offset."""
    hours, minutes = clock.split(":")
    zone = dt.timezone(dt.timedelta(minutes=offset_minutes or 0))
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)), tzinfo=zone).isoformat()


def utc_moment(stored, zone):
    """A naive UTC time as stored, in the person's zone, with its offset."""
    return stored.replace(tzinfo=dt.UTC, microsecond=0).astimezone(zone).isoformat()


def record_moment(record):
    """When a record written on the phone was made, in the phone's own offset."""
    return local_moment(record.local_date, record.local_time, record.tz_offset_minutes)


def entry(resource):
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def reference(resource):
    return {"reference": f"urn:uuid:{resource['id']}"}


def coded(system, code, display, text):
    return {"coding": [{"system": system, "code": code, "display": display}], "text": text}


def observation(oid, subject, when, code, category=SURVEY, **value):
    return {"resourceType": "Observation", "id": oid, "status": "final", "category": [category],
            "code": code, "subject": subject, "effectiveDateTime": when, **value}


def note(subject, when, text):
    """An Annotation written by the person (who, when, what)."""
    return {"authorReference": subject, "time": when, "text": text}
