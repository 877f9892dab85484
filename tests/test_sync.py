"""The sync endpoint: upsert by UUID, newest phone timestamp wins, bad records rejected alone."""
import datetime as dt
import uuid

import pytest

from webapp.models import CheckIn, RedFlagCheck, Tombstone, utcnow

from .helpers import Auth, csrf_token_from


def record(uid=None, at="2026-11-20T08:00:00Z", kind="checkin", op="upsert", **data):
    return {"kind": kind, "op": op, "uuid": uid or str(uuid.uuid4()), "client_updated_at": at,
            "local_date": "2026-11-20", "local_time": "08:00", "tz_offset_minutes": 0,
            "data": data or {"leg_pain": 5}}


@pytest.fixture
def signed_in(client, auth):
    auth.signup()
    return client


def sync(client, *records):
    return client.post("/api/sync", json={"records": list(records)})


def test_same_batch_three_times_is_one_row_each(signed_in, db):
    batch = [record(leg_pain=i) for i in range(5)]
    for _ in range(3):
        r = sync(signed_in, *batch)
        assert r.status_code == 200
    assert CheckIn.select().count() == 5
    statuses = [a["status"] for a in sync(signed_in, *batch).json["results"]]
    assert statuses == ["unchanged"] * 5


def test_out_of_order_edits_newest_client_timestamp_wins(signed_in, db):
    uid = str(uuid.uuid4())
    newest = record(uid, "2026-11-20T10:00:00Z", leg_pain=2)
    older = record(uid, "2026-11-20T09:00:00Z", leg_pain=8)
    oldest = record(uid, "2026-11-20T08:00:00Z", leg_pain=9)
    answers = sync(signed_in, newest, oldest, older).json["results"]
    assert [a["status"] for a in answers] == ["stored", "superseded", "superseded"]
    assert CheckIn.get(CheckIn.uuid == uid).leg_pain == 2
    assert sync(signed_in, newest).json["results"][0]["status"] == "unchanged"      # a replay
    later = record(uid, "2026-11-20T11:00:00.500Z", leg_pain=1)
    assert sync(signed_in, later).json["results"][0]["status"] == "stored"
    assert CheckIn.get(CheckIn.uuid == uid).leg_pain == 1


def test_a_bad_record_is_rejected_alone_with_reasons(signed_in, db):
    good1, good2 = record(leg_pain=3), record(leg_pain=4)
    bad = record(leg_pain=42, notes="x" * 5000)
    answers = sync(signed_in, good1, bad, good2, "not a record", record(kind="nonsense")).json["results"]
    assert [a["status"] for a in answers] == ["stored", "rejected", "stored", "rejected", "rejected"]
    assert set(answers[1]["errors"]) == {"leg_pain", "notes"}
    assert answers[1]["uuid"] == bad["uuid"]
    assert CheckIn.select().count() == 2


@pytest.mark.parametrize("change,field", [
    ({"uuid": "not-a-uuid"}, "uuid"),
    ({"client_updated_at": "yesterday"}, "client_updated_at"),
    ({"client_updated_at": "2099-01-01T00:00:00Z"}, "client_updated_at"),
    ({"local_date": "2099-01-01"}, "local_date"),
    ({"local_time": "8am"}, "local_time"),
    ({"tz_offset_minutes": "60"}, "tz_offset_minutes"),
    ({"op": "merge"}, "op"),
    ({"data": {"leg_pain": True}}, "leg_pain"),
    ({"data": {"leg_pain": 4.5}}, "leg_pain"),
    ({"data": {"leg_pain": 4, "extent": "ankle"}}, "extent"),
])
def test_envelope_and_field_validation(signed_in, db, change, field):
    answer = sync(signed_in, {**record(), **change}).json["results"][0]
    assert answer["status"] == "rejected" and field in answer["errors"]
    assert CheckIn.select().count() == 0


def test_delete_leaves_a_tombstone_no_replay_can_undo(signed_in, db):
    original = record(leg_pain=6)
    sync(signed_in, original)
    deletion = record(original["uuid"], "2026-11-20T09:00:00Z", op="delete")
    assert sync(signed_in, deletion).json["results"][0]["status"] == "deleted"
    assert sync(signed_in, original, record(original["uuid"], "2026-11-21T09:00:00Z", leg_pain=1)).json[
        "results"][0]["status"] == "deleted"
    assert CheckIn.select().count() == 0 and Tombstone.select().count() == 1


def test_delete_that_arrives_before_its_create(signed_in, db):
    uid = str(uuid.uuid4())
    assert sync(signed_in, record(uid, op="delete", at="2026-11-20T09:00:00Z")).json["results"][0]["status"] == "deleted"
    sync(signed_in, record(uid, at="2026-11-20T08:00:00Z"))
    assert CheckIn.select().count() == 0


def test_redflag_records_answer_with_their_tier(signed_in, db):
    answer = sync(signed_in, record(kind="redflag", go_now=["both_legs"], contact_today=[])).json["results"][0]
    assert answer == {"uuid": answer["uuid"], "status": "stored", "tier": "now"}
    assert RedFlagCheck.get().tier == "now"


def test_someone_elses_uuid_is_refused_and_untouched(app, signed_in, db):
    mine = record(leg_pain=6, notes="private")
    sync(signed_in, mine)
    other = app.test_client()
    Auth(other).signup("ben@example.com")
    steal = record(mine["uuid"], "2026-11-20T23:00:00Z", leg_pain=0, notes="overwritten")
    answer = sync(other, steal).json["results"][0]
    assert answer["status"] == "rejected" and "uuid" in answer["errors"]
    delete = sync(other, record(mine["uuid"], "2026-11-20T23:00:00Z", op="delete")).json["results"][0]
    assert delete["status"] == "rejected"
    row = CheckIn.get(CheckIn.uuid == mine["uuid"])
    assert (row.leg_pain, row.notes) == (6, "private")


def test_sync_requires_a_session(client, db):
    r = client.post("/api/sync", json={"records": [record()]})
    assert r.status_code == 401 and r.json["error"] == "signed-out"
    assert CheckIn.select().count() == 0


def test_sync_requires_the_csrf_header(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/account/signup").get_data(as_text=True))
    client.post("/account/signup", data={"email": "ana@example.com", "password": "correct horse battery",
                                         "privacy": "y", "csrf_token": token})
    assert client.post("/api/sync", json={"records": [record()]}).status_code == 400
    fresh = client.get("/api/session").json["csrf_token"]
    r = client.post("/api/sync", json={"records": [record()]}, headers={"X-CSRFToken": fresh})
    assert r.status_code == 200 and r.json["results"][0]["status"] == "stored"


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"records": "x"}', b"{}"])
def test_malformed_batches_get_400(signed_in, body):
    r = signed_in.post("/api/sync", data=body, content_type="application/json")
    assert r.status_code == 400 and "records" in r.json["message"]


def test_oversized_batches_get_413(signed_in, db):
    r = sync(signed_in, *[record() for _ in range(201)])
    assert r.status_code == 413
    assert CheckIn.select().count() == 0


# ---- issue 13: one bad value never blocks the rest; ids are owned in every table ----

def test_a_lone_surrogate_is_refused_alone_and_the_batch_goes_on(signed_in, db):
    """Finding 2: a note with half an emoji is answered on its own; the rest are stored."""
    envelope = ('"kind": "checkin", "client_updated_at": "2026-11-20T08:00:00Z", "local_date": "2026-11-20", '
                '"local_time": "08:00"')
    datas = ['{"leg_pain": 3}', '{"leg_pain": 4, "notes": "ouch \\ud83d"}',
             '{"leg_pain": 5, "medication": "a\\u0000b"}']
    body = '{{"records": [{}]}}'.format(", ".join(
        f'{{{envelope}, "uuid": "{uuid.uuid4()}", "data": {data}}}' for data in datas))
    r = signed_in.post("/api/sync", data=body, content_type="application/json")
    assert r.status_code == 200
    answers = r.json["results"]
    assert [a["status"] for a in answers] == ["stored", "rejected", "rejected"]
    assert "notes" in answers[1]["errors"] and "medication" in answers[2]["errors"]
    assert [c.leg_pain for c in CheckIn.select()] == [3]


@pytest.mark.parametrize("kind", ["checkin", "completion", "redflag"])
def test_nobody_can_delete_or_freeze_someone_elses_record_of_any_kind(app, signed_in, db, kind):
    """Finding 3: a delete sent with another kind and someone else's id plants no tombstone."""
    mine = record(leg_pain=6, notes="private")
    sync(signed_in, mine)
    other = app.test_client()
    Auth(other).signup("ben@example.com")
    delete = record(mine["uuid"], "2026-11-20T23:00:00Z", kind=kind, op="delete")
    answer = sync(other, delete).json["results"][0]
    assert answer["status"] == "rejected" and "uuid" in answer["errors"]
    assert Tombstone.select().count() == 0
    # The owner can still edit and delete it.
    assert sync(signed_in, record(mine["uuid"], "2026-11-20T23:30:00Z", leg_pain=2)).json[
        "results"][0]["status"] == "stored"
    assert CheckIn.get(CheckIn.uuid == mine["uuid"]).leg_pain == 2
    assert sync(signed_in, record(mine["uuid"], "2026-11-21T00:00:00Z", op="delete")).json[
        "results"][0]["status"] == "deleted"
    assert CheckIn.select().count() == 0


def test_one_id_is_one_record_even_for_its_owner(signed_in, db):
    mine = record(leg_pain=6)
    sync(signed_in, mine)
    for op in ("delete", "upsert"):
        answer = sync(signed_in, record(mine["uuid"], "2026-11-21T00:00:00Z", kind="completion", op=op,
                                        exercise="knees-rocking")).json["results"][0]
        assert answer["status"] == "rejected", op
    assert Tombstone.select().count() == 0 and CheckIn.get(CheckIn.uuid == mine["uuid"]).leg_pain == 6


@pytest.mark.parametrize("at", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
                                "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-20T08:00:00+99:00",
                                "2026-11-20T08:00:00\ud83d"])
def test_impossible_phone_clocks_are_refused_not_a_500(signed_in, db, at):
    """Finding 8: client_updated_at in year 1 or 9999 with an offset (OverflowError)."""
    r = sync(signed_in, record(at=at), record())
    assert r.status_code == 200
    assert [a["status"] for a in r.json["results"]] == ["rejected", "stored"]
    assert "client_updated_at" in r.json["results"][0]["errors"]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_very_deep_json_is_a_clean_400(signed_in, db, depth):
    """Finding 8: 100,000-deep JSON raised RecursionError."""
    body = '{"records": [' + "[" * depth + "]" * depth + "]}"
    r = signed_in.post("/api/sync", data=body, content_type="application/json")
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json["results"][0]["status"] == "rejected"


def test_huge_numbers_are_refused_per_record(signed_in, db):
    body = ('{{"records": [{{"kind": "checkin", "uuid": "{}", "client_updated_at": "2026-11-20T08:00:00Z", '
            '"local_date": "2026-11-20", "local_time": "08:00", "tz_offset_minutes": {}, '
            '"data": {{"leg_pain": {}}}}}]}}'.format(uuid.uuid4(), "9" * 5000, "1" + "0" * 400))
    r = signed_in.post("/api/sync", data=body, content_type="application/json")
    assert r.status_code == 200
    assert set(r.json["results"][0]["errors"]) == {"tz_offset_minutes", "leg_pain"}


# ---- phone clocks (issue 22, finding 6) ----

def stamp(moment):
    return moment.isoformat() + "Z"


def now_record(uid, moment, **data):
    """A record written at `moment` on a phone whose clock says `moment` (UTC, offset 0)."""
    return {**record(uid, stamp(moment), **data), "local_date": moment.date().isoformat(),
            "local_time": moment.strftime("%H:%M")}


@pytest.mark.parametrize("says_when_it_sends", [True, False])
def test_a_phone_hours_fast_cannot_freeze_a_record(signed_in, db, says_when_it_sends):
    """A phone 23 hours fast stamped a record a day ahead: every edit from a phone with the right
    time was answered "unchanged" and dropped for 23 hours. The server now judges each phone's
    clock against its own (the batch's sent_at), and never dates an edit after it arrived."""
    uid = str(uuid.uuid4())
    fast = utcnow() + dt.timedelta(hours=23)
    first = {**record(uid, stamp(fast), leg_pain=7)}
    body = {"records": [first], **({"sent_at": stamp(fast)} if says_when_it_sends else {})}
    assert signed_in.post("/api/sync", json=body).json["results"][0]["status"] == "stored"
    kept = CheckIn.get(CheckIn.uuid == uid).client_updated_at
    assert abs(kept - utcnow()) < dt.timedelta(minutes=1)             # judged: written just now
    # The right phone's later edit is applied.
    right = now_record(uid, utcnow(), leg_pain=3)
    answer = signed_in.post("/api/sync", json={"records": [right], "sent_at": stamp(utcnow())}).json["results"][0]
    assert answer["status"] == "stored" and CheckIn.get(CheckIn.uuid == uid).leg_pain == 3
    if not says_when_it_sends:
        return
    # The fast phone sending its old edit again (its answer was lost) is told it was superseded,
    # with what the server holds, and changes nothing.
    again = signed_in.post("/api/sync", json={**body, "sent_at": stamp(utcnow() + dt.timedelta(hours=23))})
    answer = again.json["results"][0]
    assert answer["status"] == "superseded"
    assert answer["held"]["leg_pain"] == 3 and answer["held"]["local_time"] == right["local_time"]
    assert CheckIn.get(CheckIn.uuid == uid).leg_pain == 3


def test_an_edit_that_is_not_applied_is_answered_superseded_never_unchanged(signed_in, db):
    uid = str(uuid.uuid4())
    assert sync(signed_in, record(uid, "2026-11-20T10:00:00Z", leg_pain=2, notes="Newer")).json["results"][0][
        "status"] == "stored"
    answer = sync(signed_in, record(uid, "2026-11-20T09:00:00Z", leg_pain=8, notes="Older")).json["results"][0]
    assert answer["status"] == "superseded"
    held = answer["held"]
    assert (held["local_date"], held["local_time"], held["tz_offset_minutes"]) == ("2026-11-20", "08:00", 0)
    assert answer["held"]["leg_pain"] == 2 and answer["held"]["notes"] == "Newer"
    assert answer["held"]["client_updated_at"] == "2026-11-20T10:00:00Z"
    # The same edit as the one held, whatever its stamp, is "unchanged": nothing was lost.
    same = record(uid, "2026-11-20T09:30:00Z", leg_pain=2, notes="Newer")
    assert sync(signed_in, same).json["results"][0]["status"] == "unchanged"
    assert CheckIn.get(CheckIn.uuid == uid).notes == "Newer"


def test_a_clock_before_the_records_own_day_is_judged_by_when_it_arrived(signed_in, db):
    """A record dated today with a stamp from 2001 is taken as written when it arrived."""
    uid = str(uuid.uuid4())
    today = utcnow()
    old = {**now_record(uid, today, leg_pain=4), "client_updated_at": "2001-03-04T05:06:07Z"}
    assert sync(signed_in, old).json["results"][0]["status"] == "stored"
    assert CheckIn.get(CheckIn.uuid == uid).client_updated_at.year == today.year
