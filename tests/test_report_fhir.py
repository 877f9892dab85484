"""The FHIR R4 export: GET /report/fhir (and a practitioner's, per linked person) is a Bundle of type
collection that validates with fhir.resources' R4-line models and carries the hand-computed values,
every date with its time zone, and never the email."""
import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle

from webapp.models import CareLook, CheckIn, Completion, PsfsRating, User
from webapp.report import fhir

from .helpers import LONDON, link_up, london_today, new_uuid, onboard, practitioner_signup

BASE = london_today() - dt.timedelta(days=10)
MONDAY = BASE - dt.timedelta(days=BASE.weekday())


def moment(day, clock, offset):
    return dt.datetime.combine(day, dt.time(*map(int, clock.split(":"))),
                               tzinfo=dt.timezone(dt.timedelta(minutes=offset))).isoformat()


@pytest.fixture
def ana(client, auth):
    user = onboard(client, auth, stage=3, weeks=20)     # side "left", London
    user.display_name = "Ana P."
    user.save()
    common = dict(user=user, client_updated_at=dt.datetime(2026, 1, 1))
    CheckIn.create(uuid=new_uuid(), local_date=BASE, local_time="08:15", tz_offset_minutes=60, leg_pain=6,
                   back_pain=3, sitting_minutes=20, walking_minutes=45, **common)
    CheckIn.create(uuid=new_uuid(), local_date=BASE + dt.timedelta(days=1), local_time="21:40",
                   tz_offset_minutes=-300, leg_pain=4, walking_minutes=30, leg_side="both", **common)
    for activity, score in (("Putting on socks", 4), ("Walking to the shop", 6)):
        PsfsRating.create(user=user, uuid=new_uuid(), week_start=MONDAY, local_date=MONDAY + dt.timedelta(days=2),
                          activity=activity, score=score, created_at=dt.datetime.combine(MONDAY, dt.time(9, 30)),
                          updated_at=dt.datetime.combine(MONDAY, dt.time(9, 30)))
    Completion.create(uuid=new_uuid(), local_date=BASE, local_time="10:05", tz_offset_minutes=60,
                      exercise="curl-downs", response="better", **common)
    Completion.create(uuid=new_uuid(), local_date=BASE + dt.timedelta(days=1), local_time="18:00",
                      tz_offset_minutes=0, exercise="table-stretch", response="spread", over_cap=True, **common)
    return user


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def export(client, query=f"?from={MONDAY.isoformat()}&to={london_today().isoformat()}"):
    r = client.get(f"/report/fhir{query}")
    assert r.status_code == 200 and r.mimetype == "application/fhir+json"
    assert r.headers["Cache-Control"] == "no-store"
    return r.get_data(as_text=True)


def test_the_bundle_validates_and_carries_the_values(client, ana):
    text = export(client)
    Bundle.model_validate_json(text)                    # R4-line models: raises on anything malformed
    bundle = json.loads(text)
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    assert "ana@example.com" not in text and "@" not in text
    [patient] = resources(bundle, "Patient")
    assert patient["name"] == [{"text": "Ana P."}] and set(patient) == {"resourceType", "id", "name"}
    subject = {"reference": f"urn:uuid:{patient['id']}"}
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert len(urls) == len(bundle["entry"]) and subject["reference"] in urls

    obs = resources(bundle, "Observation")
    pains = [o for o in obs if o["code"]["coding"][0]["code"] == "72514-3"]
    assert [(o["code"]["text"], o["valueInteger"], o["bodySite"]["coding"][0]["code"], o["effectiveDateTime"])
            for o in pains] == [
        ("Leg pain (0-10)", 6, "32153003", moment(BASE, "08:15", 60)),       # left leg, the usual side
        ("Back pain (0-10)", 3, "77568009", moment(BASE, "08:15", 60)),
        ("Leg pain (0-10)", 4, "61685007", moment(BASE + dt.timedelta(days=1), "21:40", -300)),   # both legs
    ]
    assert all(o["code"]["coding"][0]["system"] == "http://loinc.org" and o["subject"] == subject for o in pains)
    assert moment(BASE, "08:15", 60).endswith("+01:00")
    minutes = [(o["code"]["coding"][0]["code"], o["valueQuantity"]["value"], o["valueQuantity"]["code"])
               for o in obs if "valueQuantity" in o]
    assert minutes == [("sitting-tolerance", 20, "min"), ("walking-tolerance", 45, "min"),
                       ("walking-tolerance", 30, "min")]

    [questionnaire] = resources(bundle, "Questionnaire")
    [answers] = resources(bundle, "QuestionnaireResponse")
    assert answers["questionnaire"] == questionnaire["url"] and answers["status"] == "completed"
    got = [(item["item"][0]["answer"][0]["valueString"], item["item"][1]["answer"][0]["valueInteger"])
           for item in answers["item"]]
    assert got == [("Putting on socks", 4), ("Walking to the shop", 6)]
    authored = dt.datetime.combine(MONDAY, dt.time(9, 30), tzinfo=dt.timezone.utc).astimezone(ZoneInfo(LONDON))
    assert answers["authored"] == authored.isoformat()
    assert "Patient-Specific" not in json.dumps(questionnaire) and questionnaire["status"] == "active"

    done = resources(bundle, "Procedure")
    assert [(p["code"]["coding"][0]["code"], p["performedDateTime"], p["outcome"]["text"], "note" in p)
            for p in done] == [
        ("curl-downs", moment(BASE, "10:05", 60), "How it felt afterwards: Better", False),
        ("table-stretch", moment(BASE + dt.timedelta(days=1), "18:00", 0),
         "How it felt afterwards: Spread down my leg", True)]
    # Every date and time in the document carries its zone.
    stamps = re.findall(r'"(?:effectiveDateTime|performedDateTime|authored|timestamp)": "([^"]+)"', text)
    assert len(stamps) == 3 + 3 + 1 + 2 + 1
    assert all(re.search(r"T\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$", s) for s in stamps), stamps


def test_ids_are_stable_and_the_range_is_the_reports(client, ana):
    first, second = json.loads(export(client)), json.loads(export(client))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    # By default: since the last visit, else the last 28 days (all of these).
    assert len(json.loads(export(client, ""))["entry"]) == len(first["entry"])
    only_first_day = json.loads(export(client, f"?from={BASE.isoformat()}&to={BASE.isoformat()}"))
    kinds = [e["resource"]["resourceType"] for e in only_first_day["entry"]]
    assert kinds == ["Patient"] + ["Observation"] * 4 + ["Procedure"]
    bad = client.get("/report/fhir?from=not-a-date")
    assert bad.status_code == 400 and bad.is_json


def test_no_name_is_just_patient():
    person = type("P", (), {"display_name": None, "side": None})()
    bundle = fhir.bundle(person, [], [], [], {}, fhir.stable_id("x"), dt.datetime(2026, 11, 1, 12),
                         dt.timezone.utc)
    Bundle.model_validate(bundle)
    assert resources(bundle, "Patient")[0]["name"] == [{"text": "Patient"}]
    assert bundle["timestamp"] == "2026-11-01T12:00:00+00:00" and not resources(bundle, "Questionnaire")


def test_the_practitioner_exports_the_same_bundle_and_the_person_sees_it(app, client, ana):
    jo = app.test_client()
    practitioner_signup(jo)
    link_id = link_up(client, jo, "Ana P.")
    query = f"?from={MONDAY.isoformat()}&to={london_today().isoformat()}"
    theirs = jo.get(f"/practice/people/{link_id}/fhir{query}")
    assert theirs.status_code == 200 and theirs.mimetype == "application/fhir+json"
    Bundle.model_validate_json(theirs.get_data(as_text=True))
    assert json.loads(theirs.data)["entry"] == json.loads(export(client, query))["entry"]
    assert CareLook.get().what == "records, exported as FHIR" and CareLook.get().user_id == ana.id
    assert User.get_by_id(ana.id).email not in theirs.get_data(as_text=True)
