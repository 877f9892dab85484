"""The completion record kind: what the outbox may send, and over-cap ticks kept and flagged."""
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
