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
    common = {"user": user, "client_updated_at": dt.datetime(2026, 1, 1)}
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


def export(client, query=None):
    # "to" is today when the test runs, not when the module was imported: a run can cross midnight.
    if query is None:
        query = f"?from={MONDAY.isoformat()}&to={london_today().isoformat()}"
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
               for o in obs if o.get("valueQuantity", {}).get("code") == "min"]
    assert minutes == [("sitting-tolerance", 20, "min"), ("walking-tolerance", 45, "min"),
                       ("walking-tolerance", 30, "min")]

    [questionnaire] = resources(bundle, "Questionnaire")
    [answers] = resources(bundle, "QuestionnaireResponse")
    assert answers["questionnaire"] == questionnaire["url"] and answers["status"] == "completed"
    got = [(item["item"][0]["answer"][0]["valueString"], item["item"][1]["answer"][0]["valueInteger"])
           for item in answers["item"]]
    assert got == [("Putting on socks", 4), ("Walking to the shop", 6)]
    authored = dt.datetime.combine(MONDAY, dt.time(9, 30), tzinfo=dt.UTC).astimezone(ZoneInfo(LONDON))
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
    # 6 observations of check-ins, the onboarding's safety answer, the stage's change (the stage
    # now is a period from then), 1 rating, 2 exercises done, the bundle.
    assert len(stamps) == 3 + 3 + 1 + 1 + 1 + 2 + 1
    assert all(re.search(r"T\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$", s) for s in stamps), stamps


def test_ids_are_stable_and_the_range_is_the_reports(client, ana):
    first, second = json.loads(export(client)), json.loads(export(client))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    # By default: since the last visit, else the last 28 days (all of these).
    assert len(json.loads(export(client, ""))["entry"]) == len(first["entry"])
    only_first_day = json.loads(export(client, f"?from={BASE.isoformat()}&to={BASE.isoformat()}"))
    kinds = [e["resource"]["resourceType"] for e in only_first_day["entry"]]
    assert kinds[:3] == ["Patient", "CodeSystem", "CodeSystem"] and kinds.count("Procedure") == 1
    logged = [e["resource"] for e in only_first_day["entry"]
              if e["resource"].get("effectiveDateTime", "").startswith(BASE.isoformat())]
    assert len(logged) == 4 and "Flag" not in kinds and "Condition" not in kinds
    bad = client.get("/report/fhir?from=not-a-date")
    assert bad.status_code == 400 and bad.is_json


def test_no_name_is_just_patient():
    person = type("P", (), {"display_name": None, "side": None, "stage": None, "pattern": None})()
    bundle = fhir.bundle(person, [], [], [], {}, fhir.stable_id("x"), dt.datetime(2026, 11, 1, 12),
                         dt.UTC)
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


# ---- issue 21, item 7: what matters clinically, with standard codes where they exist ----

from collections import Counter

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.observation import Observation

from webapp.models import RedFlagCheck, RedFlagCorrection, StageChange

APP = "http://localhost/fhir/CodeSystem/sciatica-companion"
# Every standard code the export may use, each checked against published terminology content.
STANDARD = {("http://loinc.org", "72514-3"), ("http://snomed.info/sct", "192970008"),
            ("http://snomed.info/sct", "26544005"), ("http://snomed.info/sct", "32153003"),
            ("http://snomed.info/sct", "62175007"), ("http://snomed.info/sct", "61685007"),
            ("http://snomed.info/sct", "77568009"), ("http://snomed.info/sct", "46862004"),
            ("http://snomed.info/sct", "68367000"), ("http://snomed.info/sct", "30021000"),
            ("http://snomed.info/sct", "56459004")}
MODELS = {"Observation": Observation, "Condition": Condition, "Flag": Flag, "CodeSystem": CodeSystem}


def of_code(rows, code):
    return [r for r in rows if any(c["code"] == code for c in r["code"]["coding"])]


def app_codes(concept):
    return [c["code"] for c in concept["coding"] if c["system"] == APP]


def answer(user, day, tier, go_now="", contact="", time="08:00", **extra):
    return RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=day, local_time=time, tz_offset_minutes=60,
                               client_updated_at=dt.datetime(2026, 1, 1), tier=tier, go_now=go_now,
                               contact_today=contact, **extra)


def validated(text):
    """The Bundle, checked whole and every new kind of resource again on its own model."""
    Bundle.model_validate_json(text)
    bundle = json.loads(text)
    for e in bundle["entry"]:
        if e["resource"]["resourceType"] in MODELS:
            MODELS[e["resource"]["resourceType"]].model_validate(e["resource"])
    return bundle


def test_warning_sign_answers_carry_their_signs_corrections_and_follow_ups(client, ana):
    open_alarm = answer(ana, BASE, "now", go_now="chest,saddle")
    assessed = answer(ana, BASE, "now", go_now="bowel", time="09:00", assessed_at=dt.datetime(2026, 1, 2, 10),
                      assessed_note="MRI clear")
    mistaken = answer(ana, BASE + dt.timedelta(days=1), "now", go_now="bladder")
    RedFlagCorrection.create(user=ana, answer_uuid=mistaken.uuid, note="Thumb slipped",
                             made_at=dt.datetime(2026, 1, 3, 12))
    spoken = answer(ana, BASE, "today", contact="fever", time="10:00", contacted_at=dt.datetime(2026, 1, 4, 9))
    older = answer(ana, BASE - dt.timedelta(days=60), "now", go_now="both_legs_new")     # outside the dates
    bundle = validated(export(client))
    subject = {"reference": f"urn:uuid:{resources(bundle, 'Patient')[0]['id']}"}
    checks = of_code(resources(bundle, "Observation"), "warning-sign-check")
    by_id = {o["id"]: o for o in checks}
    answers = {a.uuid: by_id[fhir.stable_id(a.uuid, "warning-signs")]
               for a in (open_alarm, assessed, mistaken, spoken, older)}
    assert len(checks) == 6                               # and the onboarding's "none of these"
    got = {uuid: (o["status"], app_codes(o["valueCodeableConcept"]),
                  [(app_codes(c["code"])[0], c["valueBoolean"]) for c in o.get("component", [])])
           for uuid, o in answers.items()}
    assert got == {
        open_alarm.uuid: ("final", ["tier-go-now"], [("sign-chest", True), ("sign-saddle", True)]),
        assessed.uuid: ("final", ["tier-go-now"], [("sign-bowel", True)]),
        mistaken.uuid: ("entered-in-error", ["tier-go-now"], [("sign-bladder", True)]),   # kept, and corrected
        spoken.uuid: ("final", ["tier-contact-today"], [("sign-fever", True)]),
        older.uuid: ("final", ["tier-go-now"], [("sign-both-legs-new", True)]),
    }
    assert answers[open_alarm.uuid]["effectiveDateTime"] == moment(BASE, "08:00", 60)
    assert answers[open_alarm.uuid]["component"][1]["code"]["text"] == "New numbness between your legs or around your bottom"
    london = ZoneInfo(LONDON)
    assert answers[mistaken.uuid]["note"] == [{
        "authorReference": subject, "text": "The person said they ticked this by mistake. They wrote: Thumb slipped",
        "time": dt.datetime(2026, 1, 3, 12, tzinfo=dt.UTC).astimezone(london).isoformat()}]
    assert answers[assessed.uuid]["note"][0]["text"] == ("The person confirmed a doctor or emergency team had "
                                                          "assessed them. They wrote: MRI clear")
    assert answers[spoken.uuid]["note"][0]["text"] == "The person said they had spoken to a doctor."
    assert "note" not in answers[open_alarm.uuid]

    # Suspected cauda equina syndrome: SNOMED CT's disorder, provisional, with the answer as evidence.
    conditions = {c["id"]: c for c in resources(bundle, "Condition")}
    assert set(conditions) == {fhir.stable_id(a.uuid, "suspected-ces") for a in (open_alarm, assessed, mistaken, older)}
    ces = conditions[fhir.stable_id(open_alarm.uuid, "suspected-ces")]
    assert ces["code"]["coding"] == [{"system": "http://snomed.info/sct", "code": "192970008",
                                      "display": "Cauda equina syndrome"}]
    assert ces["code"]["text"].startswith("Suspected cauda equina syndrome") and "not a diagnosis" in ces["code"]["text"]
    assert ces["verificationStatus"]["coding"][0]["code"] == "provisional" and "clinicalStatus" not in ces
    assert ces["evidence"] == [{"detail": [{"reference": f"urn:uuid:{answers[open_alarm.uuid]['id']}"}]}]
    assert conditions[fhir.stable_id(mistaken.uuid, "suspected-ces")]["verificationStatus"]["coding"][0]["code"] \
        == "entered-in-error"

    # The pause, as a Flag: open, closed when assessed, withdrawn when a mistake.
    flags = {f["id"]: f for f in resources(bundle, "Flag")}
    state = {a.uuid: (flags[fhir.stable_id(a.uuid, "flag")]["status"], "end" in flags[fhir.stable_id(a.uuid, "flag")]["period"])
             for a in (open_alarm, assessed, mistaken, older)}
    assert state == {open_alarm.uuid: ("active", False), assessed.uuid: ("inactive", True),
                     mistaken.uuid: ("entered-in-error", True), older.uuid: ("active", False)}
    assert len(flags) == 4                                 # go-now answers only
    flag = flags[fhir.stable_id(open_alarm.uuid, "flag")]
    assert flag["code"]["text"] == ("Emergency warning sign reported: back pain with chest pain; "
                                    "possible cauda equina syndrome")
    assert flag["category"][0]["coding"][0]["code"] == "clinical" and flag["author"] == subject


def test_weakness_numbness_extent_and_sleep(client, ana):
    common = {"user": ana, "client_updated_at": dt.datetime(2026, 1, 1), "tz_offset_minutes": 0}
    weak = CheckIn.create(uuid=new_uuid(), local_date=BASE, local_time="07:00", leg_pain=5, weakness=True,
                          weakness_new=True, weakness_side="both", tingling=False, extent="below_knee",
                          sleep_disturbed=True, **common)
    quiet = CheckIn.create(uuid=new_uuid(), local_date=BASE, local_time="19:00", leg_pain=2, weakness=False,
                           extent="none", **common)
    silent = CheckIn.create(uuid=new_uuid(), local_date=BASE, local_time="20:00", leg_pain=2, **common)
    bundle = validated(export(client))
    obs = resources(bundle, "Observation")

    def mine(checkin):
        return [o for o in obs if o["id"] in {fhir.stable_id(checkin.uuid, p) for p in
                                              ("weakness", "numbness-tingling", "extent", "sleep-disturbed")}]
    w, numb, extent, sleep = mine(weak)
    assert w["code"]["coding"] == [{"system": "http://snomed.info/sct", "code": "26544005", "display": "Muscle weakness"}]
    assert w["code"]["text"] == "Weakness in the leg or foot" and w["valueBoolean"] is True
    assert w["bodySite"]["coding"][0]["code"] == "32153003"                     # the usual, left, leg
    assert [(app_codes(c["code"])[0], c.get("valueBoolean"), app_codes(c.get("valueCodeableConcept", {"coding": []})))
            for c in w["component"]] == [("weakness-new", True, []), ("weakness-legs", None, ["both-legs"])]
    assert (app_codes(numb["code"]), numb["valueBoolean"]) == (["numbness-tingling"], False)
    assert app_codes(extent["code"]) == ["furthest-extent"] and app_codes(extent["valueCodeableConcept"]) == \
        ["extent-below-knee"]
    assert extent["valueCodeableConcept"]["text"] == "Below the knee"
    assert extent["bodySite"]["coding"] == [{"system": "http://snomed.info/sct", "code": "30021000",
                                             "display": "Lower leg structure"}]
    assert (app_codes(sleep["code"]), sleep["valueBoolean"]) == (["sleep-disturbed"], True)
    w2, extent2 = mine(quiet)
    assert w2["valueBoolean"] is False and "component" not in w2
    assert app_codes(extent2["valueCodeableConcept"]) == ["extent-none"] and "bodySite" not in extent2
    assert mine(silent) == []                             # not asked, not answered: nothing made up


def test_the_stage_its_changes_and_adherence_per_exercise(client, ana, rules):
    StageChange.update(changed_at=dt.datetime.combine(BASE - dt.timedelta(days=30), dt.time(9))).execute()
    StageChange.record(ana, 2, "disc", "person", "A flare after gardening")
    StageChange.update(changed_at=dt.datetime.combine(BASE, dt.time(8))).where(StageChange.to_stage == 2).execute()
    days = (BASE, BASE + dt.timedelta(days=1))
    bundle = validated(export(client, f"?from={days[0].isoformat()}&to={days[1].isoformat()}"))
    stages = of_code(resources(bundle, "Observation"), "program-stage")
    assert [(app_codes(o["valueCodeableConcept"]), o["valueCodeableConcept"]["text"],
             app_codes(o["component"][0]["valueCodeableConcept"])) for o in stages] == [
        (["stage-2"], f"Stage 2: {rules.stages[2].name}", ["pattern-disc"]),          # now
        (["stage-2"], f"Stage 2: {rules.stages[2].name}", ["pattern-disc"])]          # the change
    assert stages[1]["note"][0]["text"] == "Set from stage 3 by the person. Reason: A flare after gardening"
    began = dt.datetime.combine(BASE, dt.time(8), tzinfo=dt.UTC).astimezone(ZoneInfo(LONDON)).isoformat()
    assert stages[1]["effectiveDateTime"] == began
    assert stages[0]["effectivePeriod"] == {"start": began}                 # the stage now: since then

    # Done against prescribed, per exercise, over the two days: stage 2 disc (from BASE at 08:00).
    plan = rules.plan(2, "disc")
    prescribed = Counter()
    for day in days:
        prescribed.update(e.exercise for entries in plan.for_day(day)[0].values() for e in entries)
    done = {"curl-downs": 1, "table-stretch": 1}          # one a day, from the fixture
    adherence = {o["component"][0]["valueCodeableConcept"]["coding"][0]["code"]: o
                 for o in of_code(resources(bundle, "Observation"), "exercise-adherence")}
    assert set(adherence) == set(prescribed) | set(done)
    for slug, o in adherence.items():
        figures = [c["valueInteger"] for c in o["component"][1:]]
        matched = min(done.get(slug, 0), prescribed[slug]) if prescribed[slug] else 0
        assert figures == [prescribed[slug], done.get(slug, 0), matched], slug
        assert o["effectivePeriod"] == {"start": days[0].isoformat(), "end": days[1].isoformat()}
        if prescribed[slug]:
            assert o["valueQuantity"] == {"value": round(100 * matched / prescribed[slug], 1), "unit": "%",
                                          "system": "http://unitsofmeasure.org", "code": "%"}
        else:
            assert "valueQuantity" not in o                # done but never prescribed: no percentage
    assert any(o["valueQuantity"]["value"] == 0.0 for o in adherence.values() if "valueQuantity" in o)


def test_every_code_is_standard_and_checked_or_defined_at_its_canonical_url(app, client, ana):
    answer(ana, BASE, "now", go_now="saddle")
    CheckIn.create(user=ana, uuid=new_uuid(), local_date=BASE, local_time="07:00", leg_pain=5, weakness=True,
                   weakness_new=False, weakness_side="one", tingling=True, extent="foot", sleep_disturbed=False,
                   client_updated_at=dt.datetime(2026, 1, 1))
    text = export(client)
    bundle = validated(text)
    served = client.get("/fhir/CodeSystem/sciatica-companion")
    assert served.status_code == 200 and served.mimetype == "application/fhir+json"
    system = CodeSystem.model_validate_json(served.get_data(as_text=True))
    assert system.url == APP and system.content == "complete"
    assert resources(bundle, "CodeSystem")[0] == json.loads(served.data)          # the same, in the Bundle
    defined = {c.code for c in system.concept}
    exercises = {c["code"] for c in json.loads(client.get("/fhir/CodeSystem/sciatica-companion-exercises").data)["concept"]}
    codings = re.findall(r'\{"system": "([^"]+)", "code": "([^"]+)"', text)
    assert codings
    for system_url, code in codings:
        if system_url == APP:
            assert code in defined, code
        elif system_url.endswith("/sciatica-companion-exercises"):
            assert code in exercises, code
        elif system_url.startswith("http://terminology.hl7.org/CodeSystem/"):
            continue                                     # FHIR's own (categories, statuses)
        else:
            assert (system_url, code) in STANDARD, (system_url, code)
    assert {("http://snomed.info/sct", "56459004"), ("http://snomed.info/sct", "26544005"),
            ("http://snomed.info/sct", "192970008")} <= set(codings)
    assert client.get("/fhir/CodeSystem/anything-else").status_code == 404
    app.config["PUBLIC_BASE_URL"] = "https://sciatica.example.org"
    assert json.loads(export(client))["entry"][1]["resource"]["url"] == \
        "https://sciatica.example.org/fhir/CodeSystem/sciatica-companion"
