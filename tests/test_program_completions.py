"""The completion record kind: what the outbox may send, and over-cap ticks kept and flagged."""
import datetime as dt
import uuid as uuidlib

from webapp.models import Completion, User, utcnow
from webapp.program import completions

from .helpers import london_today as today
from .helpers import onboard, sync_completion, unlock_tensioners


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
    unlock_tensioners(user, allow_advanced=True)
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


# ---- exercises the program holds off (issue 22.7, issue 21.5) ----

def _tick(client, slug, **extra):
    record = _record("completion", utcnow(), "10:00", {"exercise": slug, "session": None, **extra})
    return record, client.post("/api/sync", json={"records": [record]}).json["results"][0]


def test_an_exercise_for_another_stage_cannot_be_ticked_on_any_path(client, auth):
    """Curl downs are for stage 3: at stage 1 a tick is refused from Today, from the exercise's own
    page and through the sync, and the person is told why, where they ticked."""
    user = onboard(client, auth, stage=1)
    why = "Not counted: Curl downs is not in your program: it is for stage 3, and you are at stage 1."
    _, answer = _tick(client, "curl-downs")
    assert answer["status"] == "rejected" and answer["errors"] == {"locked": why}
    # Today, plain form and htmx.
    r = client.post("/today/done", data={"exercise": "curl-downs", "session": "midday", "uuid": str(uuidlib.uuid4())})
    assert r.status_code == 303 and why in client.get("/").get_data(as_text=True)
    r = client.post("/today/done", data={"exercise": "curl-downs", "session": "midday", "uuid": str(uuidlib.uuid4())},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409 and why in r.get_data(as_text=True)
    # Its own page: no Done button, the reason instead; a post anyway is refused.
    page = client.get("/exercises/curl-downs").get_data(as_text=True)
    assert 'id="mark-done"' not in page and "Not in your program now" in page
    assert "Curl downs is not in your program: it is for stage 3, and you are at stage 1." in page
    r = client.post("/exercises/curl-downs/done", data={"uuid": str(uuidlib.uuid4())})
    assert r.status_code == 303 and "Not in your program now" in client.get(r.headers["Location"]).get_data(as_text=True)
    r = client.post("/exercises/curl-downs/done", data={"uuid": str(uuidlib.uuid4()), "response": "better"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409 and why in r.get_data(as_text=True)
    assert Completion.for_user(user).count() == 0
    # Exercises of their stage still count, of course.
    assert _tick(client, "knees-rocking")[1]["status"] == "stored"


def test_tensioners_wait_for_the_tensioner_rule_on_every_path(client, auth):
    """At stage 3 but not settled there, the standing tensioner is held off Today: a tick of it
    is refused too, until the rule lets it in."""
    user = onboard(client, auth, stage=3, weeks=20)
    _, answer = _tick(client, "standing-nerve-tensioner")
    assert answer["status"] == "rejected"
    assert answer["errors"]["locked"].startswith("Not counted: Tensioners are left off until you have 14 days at stage 3")
    r = client.post("/exercises/standing-nerve-tensioner/done", data={"uuid": str(uuidlib.uuid4())},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409 and Completion.for_user(user).count() == 0
    unlock_tensioners(user)
    assert _tick(client, "standing-nerve-tensioner")[1]["status"] == "stored"


def test_a_practitioner_only_exercise_needs_their_say_on_every_path(client, auth):
    user = onboard(client, auth, stage=3, weeks=20)
    unlock_tensioners(user)
    _, answer = _tick(client, "advanced-nerve-traction")
    assert answer["errors"] == {"locked": "Not counted: Advanced nerve tensioner (legs up the wall) is only with your practitioner's "
                                          "agreement: they can allow it through a care link."}
    page = client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert "Not in your program now" in page and 'id="mark-done"' not in page
    assert client.post("/today/done", data={"exercise": "advanced-nerve-traction", "uuid": str(uuidlib.uuid4())},
                       headers={"HX-Request": "true"}).status_code == 409
    assert Completion.for_user(user).count() == 0
    unlock_tensioners(user, allow_advanced=True)
    assert 'id="mark-done"' in client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert _tick(client, "advanced-nerve-traction")[1]["status"] == "stored"


def test_how_an_earlier_tick_felt_can_still_be_said_after_it_is_locked(client, auth):
    """A tick made while the exercise was in the program stays, and its feeling can be added."""
    onboard(client, auth, stage=2)
    record, answer = _tick(client, "table-stretch")
    assert answer["status"] == "stored"
    client.post("/program/change", data={"stage": "1", "pattern": "disc", "reason": "Flare"})
    assert User.by_email("ana@example.com").stage == 1
    later = {**record, "client_updated_at": (utcnow() + dt.timedelta(seconds=1)).isoformat() + "Z",
             "data": {**record["data"], "response": "spread"}}
    assert client.post("/api/sync", json={"records": [later]}).json["results"][0]["status"] == "stored"
    assert Completion.get().response == "spread"
    assert _tick(client, "table-stretch")[1]["status"] == "rejected"      # a new one is not counted


# ---- the pause and the phone's clock (issue 22.6) ----

def _at(moment, slug="knees-rocking", clock=None):
    """A tick written at `moment` (UTC, offset 0), stamped by a clock that says `clock`."""
    return {"kind": "completion", "op": "upsert", "uuid": str(uuidlib.uuid4()),
            "client_updated_at": (clock or moment).isoformat() + "Z", "local_date": moment.date().isoformat(),
            "local_time": moment.strftime("%H:%M"), "tz_offset_minutes": 0,
            "data": {"exercise": slug, "session": None}}


def _answer_go_now(client, moment):
    alarm = {**_at(moment), "kind": "redflag", "data": {"go_now": ["bladder"], "contact_today": []}}
    assert client.post("/api/sync", json={"records": [alarm]}).json["results"][0]["tier"] == "now"


def _send(client, tick, sent_at=None):
    body = {"records": [tick], **({"sent_at": sent_at.isoformat() + "Z"} if sent_at else {})}
    return client.post("/api/sync", json=body).json["results"][0]


def test_a_tick_on_a_slow_clock_is_not_counted_during_a_go_now_pause(client, auth):
    """A tick dated today but stamped by a slow clock (2 hours, or 2001) was counted during the
    pause: its stamp fell before the go-now answer. The pause is judged by the tick's own date
    and time and by when the server received it too."""
    user = onboard(client, auth, stage=2)
    now = utcnow()
    _answer_go_now(client, now - dt.timedelta(minutes=10))
    refused = {"paused": completions.PAUSED}
    # Dated now, stamped two hours back; dated now, stamped in 2001.
    assert _send(client, _at(now, clock=now - dt.timedelta(hours=2)))["errors"] == refused
    assert _send(client, _at(now, clock=dt.datetime(2001, 6, 1, 12)))["errors"] == refused
    # A phone two hours slow throughout (its date, time and stamp), saying so when it sends.
    slow = now - dt.timedelta(hours=2)
    assert _send(client, _at(slow), sent_at=slow)["errors"] == refused
    assert Completion.for_user(user).count() == 0
    # A tick really made before the answer (sent late, from a phone with the right time) counts.
    earlier = now - dt.timedelta(minutes=40)
    assert _send(client, _at(earlier), sent_at=utcnow())["status"] == "stored"
    assert Completion.for_user(user).count() == 1
