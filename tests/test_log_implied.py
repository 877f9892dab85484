"""A check-in whose follow-up answers imply a warning sign leaves a kept answer whichever way it
arrives (webapp/log/signs.py keep_implied): a client of /api/sync of its own that sends no answer,
a replay, an import; and the ways that do send one (the form, the phone's outbox in one flight)
leave exactly one."""
import io
import json
import uuid as uuidlib

from webapp.models import CheckIn, RedFlagCheck

from .helpers import CHECKIN_FORM, london_today, onboard

SPREAD = {"leg_side": "both", "spread_to_other": "yes"}
WEAK_ONE = {"weakness": "yes", "weakness_new": "yes", "weakness_side": "one"}


def checkin(data, uid=None, day=None):
    return {"kind": "checkin", "uuid": uid or str(uuidlib.uuid4()),
            "client_updated_at": "2026-11-20T08:00:00Z", "local_date": (day or london_today()).isoformat(),
            "local_time": "08:00", "tz_offset_minutes": 0, "data": {"leg_pain": 4, **data}}


def warning_answers():
    answers = RedFlagCheck.select().where(RedFlagCheck.tier != "none")
    return [(a.tier, a.go_now, a.contact_today) for a in answers]


def test_a_check_in_sent_alone_that_implies_go_now_pauses_the_program(client, auth, db):
    user = onboard(client, auth)
    record = checkin(SPREAD)
    answer = client.post("/api/sync", json={"records": [record]}).json["results"][0]
    assert answer["status"] == "stored"
    assert warning_answers() == [("now", "both_legs_new", "")]
    assert RedFlagCheck.program_paused(user)
    assert "Your exercises are paused" in client.get("/").get_data(as_text=True)
    # A replay, or an edit that keeps the answers, keeps the one answer.
    client.post("/api/sync", json={"records": [{**record, "client_updated_at": "2026-11-20T09:00:00Z",
                                                "data": {**record["data"], "notes": "later"}}]})
    assert len(warning_answers()) == 1 and CheckIn.select().count() == 1


def test_a_contact_sign_implied_by_a_check_in_leaves_the_card(client, auth, db):
    onboard(client, auth)
    client.post("/api/sync", json={"records": [checkin(WEAK_ONE)]})
    assert warning_answers() == [("today", "", "weak_leg")]
    assert "Have you spoken to your" in client.get("/").get_data(as_text=True)


def test_the_phones_answer_in_the_same_flight_is_the_only_one(client, auth, db):
    onboard(client, auth)
    answer = {"kind": "redflag", "uuid": str(uuidlib.uuid4()), "client_updated_at": "2026-11-20T08:00:00Z",
              "local_date": london_today().isoformat(), "local_time": "08:00", "tz_offset_minutes": 0,
              "data": {"go_now": ["both_legs_new"], "contact_today": []}}
    for records in ([checkin(SPREAD), answer], [answer, checkin(SPREAD)]):     # whichever comes first
        RedFlagCheck.delete().execute()
        results = client.post("/api/sync", json={"records": records}).json["results"]
        assert {r["status"] for r in results} == {"stored"}
        assert warning_answers() == [("now", "both_legs_new", "")]


def test_the_form_leaves_one_answer(client, auth, db):
    onboard(client, auth)
    r = client.post("/log/", data={**CHECKIN_FORM, **WEAK_ONE, "redflag_uuid": str(uuidlib.uuid4())})
    assert r.status_code == 302 and r.headers["Location"].startswith("/urgent")
    assert warning_answers() == [("today", "", "weak_leg")]


def test_an_answer_corrected_as_a_mistake_still_records_the_day(client, auth, db):
    """The person said the answer was ticked by mistake: an edit of that check-in later that day
    does not make a new one behind their back (the record is there, with their correction)."""
    onboard(client, auth)
    record = checkin(WEAK_ONE)
    client.post("/api/sync", json={"records": [record]})
    uid = RedFlagCheck.get(RedFlagCheck.tier == "today").uuid
    assert client.post(f"/log/mistake/{uid}", data={"note": "misread it"}).status_code in (302, 303)
    client.post("/api/sync", json={"records": [{**record, "client_updated_at": "2026-11-20T09:00:00Z"}]})
    assert len(warning_answers()) == 1


def test_an_imported_check_in_that_implies_a_sign_leaves_an_answer(client, auth, db):
    onboard(client, auth)
    exported = client.get("/report/export.json").get_json()
    weak = {"weakness": True, "weakness_new": True, "weakness_side": "one"}
    exported["checkins"] = [{"uuid": str(uuidlib.uuid4()), "client_updated_at": "2026-11-20T08:00:00Z",
                             "local_date": london_today().isoformat(), "local_time": "07:30",
                             "tz_offset_minutes": 0, "leg_pain": 5, **weak}]
    body = json.dumps(exported).encode()
    r = client.post("/report/import", data={"file": (io.BytesIO(body), "export.json")},
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)[:2000]
    assert CheckIn.select().count() == 1
    assert warning_answers() == [("today", "", "weak_leg")]
