"""Property test: random field values and random batch orders never cause a 500, a duplicate,
or the loss of a valid record."""
import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp.models import CheckIn, Tombstone

from .helpers import Auth

anything = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                     st.text(max_size=30), st.lists(st.integers(), max_size=3))
scores = st.one_of(st.integers(0, 10), anything)
checkin_data = st.fixed_dictionaries(
    {"leg_pain": scores},
    optional={"back_pain": scores, "extent": st.one_of(st.sampled_from(
        ["none", "back", "buttock", "thigh", "below_knee", "foot"]), anything),
        "tingling": st.one_of(st.sampled_from(["yes", "no", True, False]), anything),
        "sitting_minutes": st.one_of(st.integers(0, 1440), anything),
        "notes": st.one_of(st.text(max_size=50), anything)})
edit = st.tuples(st.integers(0, 4), st.integers(0, 10_000), checkin_data, st.booleans())


def valid(data):
    from webapp.log.validation import validate_checkin
    return not validate_checkin(data)[1]


@pytest.fixture
def person(app):
    client = app.test_client()
    Auth(client).signup()
    return client


@settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(edit, min_size=1, max_size=12), order=st.randoms(use_true_random=False),
       split=st.integers(1, 4))
def test_random_batches(person, edits, order, split):
    client = person
    ids = [str(uuid.uuid4()) for _ in range(5)]
    base = dt.datetime(2026, 11, 20, 8)
    records = []
    for slot, seconds, data, delete in edits:
        at = (base + dt.timedelta(seconds=seconds)).isoformat() + "Z"
        records.append({"kind": "checkin", "op": "delete" if delete else "upsert", "uuid": ids[slot],
                        "client_updated_at": at, "local_date": "2026-11-20", "local_time": "08:00",
                        "tz_offset_minutes": 0, "data": data})
    shuffled = records[:]
    order.shuffle(shuffled)
    for start in range(0, len(shuffled), split):        # several batches, then a full replay
        r = client.post("/api/sync", json={"records": shuffled[start:start + split]})
        assert r.status_code == 200
    assert client.post("/api/sync", json={"records": shuffled}).status_code == 200

    for uid in ids:
        mine = [r for r in records if r["uuid"] == uid]
        rows = CheckIn.select().where(CheckIn.uuid == uid).count()
        assert rows <= 1                                  # never a duplicate
        deleted = any(r["op"] == "delete" for r in mine)
        if deleted:
            assert rows == 0 and Tombstone.get_or_none(Tombstone.uuid == uid)
            continue
        good = [r for r in mine if valid(r["data"])]
        if not good:
            assert rows == 0
            continue
        assert rows == 1                                  # never a lost valid record
        newest = max(r["client_updated_at"] for r in good)
        row = CheckIn.get(CheckIn.uuid == uid)
        winners = [r for r in good if r["client_updated_at"] == newest]
        assert row.leg_pain in {int(r["data"]["leg_pain"]) for r in winners}


# ---- issue 13: generated JSON, hostile as it can be, never causes a 500 ----

ODD_TIMES = ["0001-01-01", "9999-12-31", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
             "2026-02-30", "2026-11-20T25:00:00Z", "+002026-11-20", "2026-11-20T08:00:00+23:59",
             "1999-12-31T23:59:59Z", "2026-11-20T08:00:00.123456789Z", "２０２６-11-20", "24:00", "ab:cd"]
NASTY_TEXT = ["\ud83d", "ok \udfff", "\x00", "a\x00b", "\u202e", "\ufeff", "x" * 3000]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**40, 10**40), st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=20),
    st.sampled_from(ODD_TIMES + NASTY_TEXT), st.uuids().map(str),
    st.dates().map(dt.date.isoformat), st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
ENVELOPE = ["kind", "op", "uuid", "client_updated_at", "local_date", "local_time", "tz_offset_minutes"]
FIELDS = ["leg_pain", "back_pain", "extent", "notes", "medication", "go_now", "contact_today", "exercise",
          "session", "response", "sitting_minutes", "tingling"]
records = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(["checkin", "redflag", "completion"]), values),
     "uuid": st.one_of(st.uuids().map(str), values)},
    optional={name: st.one_of(st.sampled_from(ODD_TIMES), values) for name in ENVELOPE[1:] if name != "uuid"}
    | {"data": st.dictionaries(st.sampled_from(FIELDS), values, max_size=6) | values})
depths = st.sampled_from([0, 0, 0, 0, 50, 2_000, 100_000])


def nested(depth, body):
    return "[" * depth + body + "]" * depth


@settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(records, max_size=4), depth=depths, extra=values)
def test_generated_json_never_makes_sync_fail(person, batch, depth, extra):
    import json
    body = json.dumps({"records": batch + [extra]})
    if depth:
        body = body[:-2] + ", " + nested(depth, "1") + "]}"
    r = person.post("/api/sync", data=body, content_type="application/json")
    assert r.status_code in (200, 400, 413), r.status_code
    if r.status_code == 200:
        assert len(r.json["results"]) == len(batch) + 1 + bool(depth)


TABLES = ["checkins", "redflag_checks", "redflag_corrections", "completions", "visits", "psfs_ratings",
          "tombstones", "stage_changes", "dismissed_suggestions"]
COLUMNS = ["uuid", "local_date", "local_time", "tz_offset_minutes", "client_updated_at", "created_at",
           "updated_at", "deleted_at", "visit_date", "week_start", "leg_pain", "notes", "kind", "exercise",
           "go_now", "tier", "activity", "score", "practitioner", "to_stage", "changed_at", "answer_uuid",
           "made_at", "made_by", "note"]
rows = st.dictionaries(st.sampled_from(COLUMNS), st.one_of(st.sampled_from(ODD_TIMES + NASTY_TEXT), values),
                       max_size=8)
documents = st.fixed_dictionaries({"format": st.just("sciatica-companion/1")},
                                  optional={t: st.lists(rows, max_size=2) | values for t in TABLES}
                                  | {"profile": st.dictionaries(st.sampled_from(
                                      ["stage", "pattern", "timezone", "morning_time", "episode_start",
                                       "display_name", "side", "onboarded_at"]), values, max_size=4)})


@settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=documents, depth=depths)
def test_generated_json_never_makes_the_import_fail(person, document, depth):
    import io
    import json
    body = json.dumps(document)
    if depth:
        body = body[:-1] + ', "checkins": ' + nested(depth, "[]") + "}"
    r = person.post("/report/import", data={"file": (io.BytesIO(body.encode()), "x.json")},
                    content_type="multipart/form-data")
    assert r.status_code in (200, 422), r.status_code
