"""The check-in's follow-up questions are required once their answer applies (webapp/log/validation.py
followup_errors), judged with the person's usual side: on the form (422, the message by the field,
everything typed kept), through /api/sync (a per-field error), and "weakness in both legs, not
new" asks whether both legs are weak or numb all the time, or give way (go now). Old records that
lack the answers still import."""
import io
import json
import re
import uuid as uuidlib

import pytest

from webapp.log.validation import FOLLOW_UPS, followup_errors, validate_checkin
from webapp.models import CheckIn, RedFlagCheck, User

from .helpers import CHECKIN_FORM, london_today, onboard, text_of

SPREAD = FOLLOW_UPS["spread_to_other"]


@pytest.mark.parametrize("data, usual, missing", [
    ({"leg_side": "both"}, "left", ["spread_to_other"]),
    ({"leg_side": "both"}, "right", ["spread_to_other"]),
    ({"leg_side": "both"}, "both", []),                     # both is their usual side: nothing to ask
    ({"leg_side": "both"}, None, []),
    ({"leg_side": "left"}, "left", []),
    ({"leg_side": "both", "spread_to_other": "no"}, "left", []),
    ({"weakness": "yes"}, "left", ["weakness_new", "weakness_side"]),
    ({"weakness": "yes", "weakness_new": "yes"}, "left", ["weakness_side"]),
    ({"weakness": "yes", "weakness_side": "one"}, "left", ["weakness_new"]),
    ({"weakness": "yes", "weakness_new": "no", "weakness_side": "both"}, "both", ["both_constant"]),
    ({"weakness": "yes", "weakness_new": "yes", "weakness_side": "both"}, "left", []),
    ({"weakness": "yes", "weakness_new": "no", "weakness_side": "both", "both_constant": "no"}, "left", []),
    ({"weakness": "no"}, "left", []),
])
def test_which_follow_ups_are_due(data, usual, missing):
    fields, errors = validate_checkin({"leg_pain": "3", **data})
    assert errors == {} and sorted(followup_errors(fields, usual)) == sorted(missing)


INCOMPLETE = [
    ({"leg_side": "both"}, "spread_to_other"),
    ({"weakness": "yes", "weakness_side": "one"}, "weakness_new"),
    ({"weakness": "yes", "weakness_new": "yes"}, "weakness_side"),
    ({"weakness": "yes", "weakness_new": "no", "weakness_side": "both"}, "both_constant"),
]


@pytest.mark.parametrize("extra, field", INCOMPLETE)
def test_the_form_asks_for_a_blank_follow_up_and_keeps_everything_typed(client, auth, db, extra, field):
    onboard(client, auth)                                    # usual side: left
    r = client.post("/log/", data={**CHECKIN_FORM, **extra})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    start = html.index(f'data-field="{field}"')
    assert FOLLOW_UPS[field].replace("'", "&#39;") in html[start:html.index("</fieldset>", start)]
    assert 'value="6" checked' in html and "Bad night, better after walking." in html and "paracetamol 1 g" in html
    assert CheckIn.select().count() == 0
    signs = [c.codes for c in RedFlagCheck.select().where(RedFlagCheck.tier != "none")]
    if extra.get("weakness_new") == "yes":          # new weakness, leg(s) not said yet: kept at once
        assert signs == [["weak_leg"]] and "Call your GP today" in text_of(html)
    else:
        assert signs == []


def test_answering_the_follow_up_updates_the_same_answer(client, auth, db):
    onboard(client, auth)
    r = client.post("/log/", data={**CHECKIN_FORM, "weakness": "yes", "weakness_new": "yes"})
    uid = re.search(r'name="redflag_uuid" value="([0-9a-f-]{36})"', r.get_data(as_text=True)).group(1)
    assert RedFlagCheck.get(RedFlagCheck.tier == "today").uuid == uid
    r = client.post("/log/", data={**CHECKIN_FORM, "weakness": "yes", "weakness_new": "yes", "weakness_side": "both",
                                   "redflag_uuid": uid, "client_updated_at": ""})
    assert r.headers["Location"] == "/emergency?signs=both_legs_new"
    answer = RedFlagCheck.get(RedFlagCheck.tier != "none")
    assert (answer.uuid, answer.tier, answer.go_now) == (uid, "now", "both_legs_new") and CheckIn.select().count() == 1


def test_the_quick_check_in_on_today_asks_too(client, auth, db):
    onboard(client, auth)
    r = client.post("/log/", data={"leg_pain": "5", "leg_side": "both", "return_to": "today",
                                   "redflag_uuid": str(uuidlib.uuid4())})
    assert r.status_code == 422 and SPREAD in r.get_data(as_text=True).replace("&#39;", "'")
    assert CheckIn.select().count() == 0
    r = client.post("/log/", data={"leg_pain": "5", "leg_side": "both", "spread_to_other": "yes",
                                   "return_to": "today", "redflag_uuid": str(uuidlib.uuid4())})
    assert r.headers["Location"] == "/emergency?signs=both_legs_new"


def test_a_person_with_both_legs_is_not_asked_whether_it_spread(client, auth, db):
    onboard(client, auth, side="both", both_recent="no", both_saddle="no", both_constant="no",
            both_examined="yes")
    r = client.post("/log/", data={**CHECKIN_FORM, "leg_side": "both"})
    assert r.headers["Location"] == "/log/history?saved=1"
    assert 'Has it spread to your other leg?' not in client.get("/log/").get_data(as_text=True)


def record(data, uid=None):
    return {"kind": "checkin", "uuid": uid or str(uuidlib.uuid4()), "client_updated_at": "2026-11-20T08:00:00Z",
            "local_date": london_today().isoformat(), "local_time": "08:00", "tz_offset_minutes": 0,
            "data": {"leg_pain": 4, **data}}


@pytest.mark.parametrize("extra, field", INCOMPLETE)
def test_the_sync_refuses_a_blank_follow_up_with_the_fields_message(client, auth, db, extra, field):
    onboard(client, auth)
    answer = client.post("/api/sync", json={"records": [record(extra)]}).json["results"][0]
    assert answer["status"] == "rejected" and answer["errors"] == {field: FOLLOW_UPS[field]}
    assert CheckIn.select().count() == 0


def test_the_sync_takes_the_usual_side_into_account(client, auth, db):
    user = onboard(client, auth)
    assert client.post("/api/sync", json={"records": [record({"leg_side": "both"})]}).json["results"][0][
        "status"] == "rejected"
    User.update(side="both").where(User.id == user.id).execute()
    assert client.post("/api/sync", json={"records": [record({"leg_side": "both"})]}).json["results"][0][
        "status"] == "stored"


def test_both_legs_weak_all_the_time_is_a_go_now_sign(client, auth, db):
    onboard(client, auth)
    r = client.post("/log/", data={**CHECKIN_FORM, "weakness": "yes", "weakness_new": "no", "weakness_side": "both",
                                   "both_constant": "yes"})
    assert r.headers["Location"] == "/emergency?signs=both_legs_constant"
    assert RedFlagCheck.get(RedFlagCheck.tier == "now").go_now == "both_legs_constant"
    row = CheckIn.get()
    assert (row.weakness, row.weakness_new, row.weakness_side, row.both_constant) == (True, False, "both", True)
    assert "Both legs weak or numb all the time, or giving way." in client.get("/log/history").get_data(as_text=True)


def test_the_welcome_asks_it_too(client, auth, db):
    from .helpers import WELCOME
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    form = {**WELCOME, "episode_start": "2026-10-01", "pattern_answer": "disc", "weakness": "yes",
            "weakness_new": "no", "weakness_side": "both"}
    r = client.post("/welcome", data=form)
    assert r.status_code == 422 and "Choose yes or no." in r.get_data(as_text=True)
    r = client.post("/welcome", data={**form, "both_constant": "yes"})
    assert r.headers["Location"] == "/emergency?signs=both_legs_constant"


def test_the_page_marks_what_the_phone_must_ask_before_it_keeps_a_check_in(client, auth):
    onboard(client, auth)
    html = client.get("/log/").get_data(as_text=True).replace("&#39;", "'")
    for name, message in FOLLOW_UPS.items():
        assert f'data-field="{name}" data-required="{message}"' in html, name
    assert 'data-follow="weakness_side weakness_new" data-when="both no"' in html
    assert '"weak_both_constant": "go_now:both_legs_constant"' in html.replace("&#34;", '"')


def test_an_old_export_without_the_follow_ups_still_imports(client, auth, db):
    """Only new input must be complete: check-ins stored before a question existed are history."""
    onboard(client, auth)
    old = {"uuid": str(uuidlib.uuid4()), "local_date": "2026-06-01", "local_time": "08:00", "tz_offset_minutes": 60,
           "client_updated_at": "2026-06-01T07:00:00Z", "leg_pain": 5, "weakness": True, "leg_side": "both"}
    body = json.dumps({"format": "sciatica-companion/1", "checkins": [old]}).encode()
    r = client.post("/report/import", data={"file": (io.BytesIO(body), "old.json")},
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    row = CheckIn.get(CheckIn.uuid == old["uuid"])
    assert (row.weakness, row.weakness_new, row.both_constant) == (True, None, None)
