"""The completion record kind: what the outbox may send, and over-cap ticks kept and flagged."""
import datetime as dt
import uuid as uuidlib

from webapp.models import Completion, utcnow
from webapp.program import completions

from .helpers import london_today as today
from .helpers import onboard, sync_completion


def test_validate_completion(app):
    catalogue = app.extensions["content"].exercises
    fields, errors = completions.validate({"exercise": "bird-dog", "session": "evening",
                                           "response": "spread"}, catalogue)
    assert errors == {} and fields == {"exercise": "bird-dog", "session": "evening", "response": "spread"}
    _, errors = completions.validate({"exercise": "handstand", "session": "night",
                                      "response": "great"}, catalogue)
    assert set(errors) == {"exercise", "session", "response"}
    kind = app.extensions["sync_kinds"]["completion"]
    assert kind.prepare.func is completions.flag_over_cap and kind.validate.func is completions.validate


def test_over_cap_completions_from_the_outbox_are_stored_and_flagged(app, client, auth):
    user = onboard(client, auth, stage=2)
    answers = [client.post("/api/sync", json={"records": [{
        "kind": "completion", "op": "upsert", "uuid": str(uuidlib.uuid4()),
        "client_updated_at": utcnow().isoformat() + "Z", "local_date": today().isoformat(),
        "local_time": f"1{i}:00", "tz_offset_minutes": 0,
        "data": {"exercise": "table-stretch", "session": None, "response": None}}]}).json["results"][0]
        for i in range(4)]
    assert [a["status"] for a in answers] == ["stored"] * 4
    assert [a["over_cap"] for a in answers] == [False, False, False, True]
    rows = list(Completion.for_user(user).order_by(Completion.id))
    assert [r.over_cap for r in rows] == [False, False, False, True]
    with app.test_request_context():  # answering "how did it feel" later does not flag an early one
        sync_completion(user, "table-stretch", today(), "better", uid=rows[0].uuid)
    assert Completion.get_by_id(rows[0].id).over_cap is False
    assert Completion.get_by_id(rows[0].id).response == "better"


def _record(kind, when, local_time, data):
    return {"kind": kind, "op": "upsert", "uuid": str(uuidlib.uuid4()), "client_updated_at": when.isoformat() + "Z",
            "local_date": today().isoformat(), "local_time": local_time, "tz_offset_minutes": 0, "data": data}


def test_ticks_during_an_unconfirmed_go_now_answer_are_refused_on_every_path(client, auth):
    user = onboard(client, auth, stage=2)
    now = utcnow()
    before = _record("completion", now - dt.timedelta(minutes=5), "09:55",
                     {"exercise": "knees-rocking", "session": "morning"})
    alarm = _record("redflag", now, "10:00", {"go_now": ["bladder"], "contact_today": []})
    after = _record("completion", now + dt.timedelta(minutes=1), "10:01",
                    {"exercise": "knees-rocking", "session": "morning"})
    # Sent together after an offline spell, in any order: the answer is applied first.
    results = client.post("/api/sync", json={"records": [after, before, alarm]}).json["results"]
    assert [r["uuid"] for r in results] == [after["uuid"], before["uuid"], alarm["uuid"]]
    assert results[0] == {"uuid": after["uuid"], "status": "rejected", "errors": {"paused": completions.PAUSED}}
    assert results[1]["status"] == "stored" and results[2]["tier"] == "now"
    assert [c.uuid for c in Completion.for_user(user)] == [before["uuid"]]
    # How a tick from before felt can still be said.
    later = {**before, "client_updated_at": (now + dt.timedelta(minutes=2)).isoformat() + "Z",
             "data": {**before["data"], "response": "worse"}}
    assert client.post("/api/sync", json={"records": [later]}).json["results"][0]["status"] == "stored"
    # The plain form and htmx are refused too, and say so.
    r = client.post("/today/done", data={"exercise": "knees-rocking", "session": "morning", "uuid": str(uuidlib.uuid4())})
    assert r.status_code == 303 and completions.PAUSED in client.get("/").get_data(as_text=True)
    r = client.post("/today/done", data={"exercise": "knees-rocking", "session": "morning",
                                         "uuid": str(uuidlib.uuid4())}, headers={"HX-Request": "true"})
    assert r.status_code == 409 and "Not counted" in r.get_data(as_text=True)
    r = client.post("/exercises/knees-rocking/done", data={"uuid": str(uuidlib.uuid4())}, headers={"HX-Request": "true"})
    assert r.status_code == 409 and "Not counted" in r.get_data(as_text=True)
    assert Completion.for_user(user).count() == 1
    client.post("/log/assessed", data={"note": "Seen"})
    assert client.post("/api/sync", json={"records": [
        _record("completion", utcnow(), "12:00", {"exercise": "knees-rocking"})]}).json["results"][0]["status"] == "stored"


def test_the_leg_eased_answer_is_accepted_from_the_outbox(client, auth):
    user = onboard(client, auth, stage=1)
    fields, errors = completions.validate({"exercise": "lying-on-your-front", "response": "eased"},
                                          client.application.extensions["content"].exercises)
    assert errors == {} and fields["response"] == "eased"
    record = _record("completion", utcnow(), "10:00", {"exercise": "lying-on-your-front", "session": None,
                                                       "response": "eased"})
    answer = client.post("/api/sync", json={"records": [record]}).json["results"][0]
    assert answer["status"] == "stored" and answer["response"] == "eased"
    assert Completion.get(Completion.uuid == record["uuid"]).response == "eased"
    bad = {**record, "uuid": str(uuidlib.uuid4()), "data": {**record["data"], "response": "moved"}}
    answer = client.post("/api/sync", json={"records": [bad]}).json["results"][0]
    assert answer["status"] == "rejected" and "eased" in answer["errors"]["response"]
    assert Completion.for_user(user).count() == 1


def _tensioner(day, minutes_later):
    record = _record("completion", utcnow() + dt.timedelta(minutes=minutes_later), "10:00",
                     {"exercise": "advanced-nerve-traction", "session": None})
    return {**record, "local_date": day.isoformat()}


def test_a_second_day_in_a_row_from_the_outbox_is_flagged_like_a_cap(client, auth):
    user = onboard(client, auth, stage=3)
    monday = today() - dt.timedelta(days=today().weekday() + 7)
    tuesday, thursday = monday + dt.timedelta(days=1), monday + dt.timedelta(days=3)
    # Two days apart is fine; the day after is over the limit, whichever reaches the server first.
    results = client.post("/api/sync", json={"records": [_tensioner(monday, 0), _tensioner(thursday, 1)]}).json
    assert [r["over_cap"] for r in results["results"]] == [False, False]
    Completion.delete().execute()
    results = client.post("/api/sync", json={"records": [_tensioner(monday, 0), _tensioner(tuesday, 1)]}).json
    assert [(r["status"], r["over_cap"]) for r in results["results"]] == [("stored", False), ("stored", True)]
    Completion.delete().execute()
    results = client.post("/api/sync", json={"records": [_tensioner(tuesday, 1), _tensioner(monday, 0)]}).json
    assert [r["over_cap"] for r in results["results"]] == [False, True]     # sent late: Monday is the second
    rows = {c.local_date: c.over_cap for c in Completion.for_user(user)}
    assert rows == {tuesday: False, monday: True}
    # Saying later how it felt never changes the flag of a tick stored first.
    first = Completion.get(Completion.local_date == tuesday)
    later = {**_tensioner(tuesday, 5), "uuid": first.uuid, "data": {"exercise": "advanced-nerve-traction",
                                                                    "response": "same"}}
    assert client.post("/api/sync", json={"records": [later]}).json["results"][0]["over_cap"] is False
