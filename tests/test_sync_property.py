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
