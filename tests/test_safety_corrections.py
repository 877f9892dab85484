"""Warning-sign answers are permanent (issue 21, item 4): no sync, form or replay takes a sign away
or deletes an answer; adding signs still works; "I ticked this by mistake" is kept beside the
answer, lifts the pause or the contact card, only for the person's own answers, and moves Today's
kept page on at once."""
import datetime as dt
import uuid as uuidlib

import pytest

from webapp.models import RedFlagCheck, RedFlagCorrection, Tombstone, User, utcnow
from webapp.safety import answers

from .helpers import (
    CHECKIN_FORM,
    Auth,
    add_checkins,
    backdate_stage,
    csrf_token_from,
    london_today,
    onboard,
    text_of,
)

MINUTE = dt.timedelta(minutes=1)


def answer(uid=None, go_now=(), contact=(), at=None, op="upsert"):
    record = {"kind": "redflag", "op": op, "uuid": uid or str(uuidlib.uuid4()),
              "client_updated_at": (at or utcnow()).isoformat() + "Z",
              "local_date": london_today().isoformat(), "local_time": "08:00", "tz_offset_minutes": 0}
    if op == "upsert":
        record["data"] = {"go_now": list(go_now), "contact_today": list(contact)}
    return record


def send(client, *records):
    r = client.post("/api/sync", json={"records": list(records)})
    assert r.status_code == 200
    return r.json["results"]


def visible(html):
    """The page as read, without the phone-only pause card (hidden unless the phone paused itself)."""
    start = html.find("data-offline-pause")
    if start != -1:
        html = html[:html.rfind("<section", 0, start)] + html[html.find("</section>", start) + 10:]
    return text_of(html)


@pytest.fixture
def person(client, auth):
    return onboard(client, auth, stage=2)


# ---- no path takes a sign away ----

def test_sync_refuses_fewer_or_no_signs_and_says_why(client, person):
    first = answer(go_now=["bladder", "saddle"], at=utcnow() - 10 * MINUTE)
    assert send(client, first)[0]["tier"] == "now"
    for fewer in (["saddle"], []):
        [result] = send(client, answer(first["uuid"], go_now=fewer, at=utcnow()))
        assert result["status"] == "rejected" and result["errors"] == {"answer": answers.KEPT}
        assert "I ticked this by mistake" in result["errors"]["answer"]
    row = RedFlagCheck.get(RedFlagCheck.uuid == first["uuid"])
    assert (row.go_now, row.tier) == ("bladder,saddle", "now")
    assert RedFlagCheck.program_paused(person)
    assert "Your exercises are paused" in visible(client.get("/").get_data(as_text=True))


def test_a_contact_today_answer_cannot_be_taken_back_either(client, person):
    first = answer(contact=["fever", "weak_leg"], at=utcnow() - MINUTE)
    assert send(client, first)[0]["tier"] == "today"
    [result] = send(client, answer(first["uuid"], contact=["weak_leg"]))
    assert result["status"] == "rejected" and "can't be taken back" in result["errors"]["answer"]
    assert RedFlagCheck.get(RedFlagCheck.uuid == first["uuid"]).contact_today == "fever,weak_leg"
    assert "Have you spoken to your GP" in text_of(client.get("/").get_data(as_text=True))


def test_sync_refuses_deleting_a_warning_sign_answer_and_plants_no_marker(client, person):
    alarm, none = answer(go_now=["bowel"], at=utcnow() - MINUTE), answer(at=utcnow() - MINUTE)
    send(client, alarm, none)
    results = send(client, answer(alarm["uuid"], op="delete"), answer(none["uuid"], op="delete"))
    assert results[0]["status"] == "rejected" and results[0]["errors"] == {"answer": answers.KEPT}
    assert results[1]["status"] == "deleted"                      # "none of these" may go
    assert RedFlagCheck.get(RedFlagCheck.uuid == alarm["uuid"]).tier == "now"
    assert [t.uuid for t in Tombstone.select()] == [none["uuid"]]
    assert RedFlagCheck.program_paused(person)
    # A delete sent before its answer arrives must not make the answer vanish when it does.
    early = str(uuidlib.uuid4())
    [refused] = send(client, answer(early, op="delete"))
    assert refused["status"] == "rejected" and "nothing to delete" in refused["errors"]["answer"]
    assert send(client, answer(early, go_now=["saddle"]))[0]["status"] == "stored"
    assert RedFlagCheck.get(RedFlagCheck.uuid == early).tier == "now"


def test_adding_signs_is_still_an_upgrade_and_the_tier_never_falls(client, person):
    person.background = "past_cancer"
    person.save()
    first = answer(contact=["constant_pain"], at=utcnow() - 3 * MINUTE)
    assert send(client, first)[0]["tier"] == "today"           # with past cancer: today, not soon
    person.background = ""
    person.save()
    both = ["constant_pain", "weight_loss"]
    [more] = send(client, answer(first["uuid"], contact=both, at=utcnow() - 2 * MINUTE))
    assert more == {"uuid": first["uuid"], "status": "stored", "tier": "today"}
    [worse] = send(client, answer(first["uuid"], go_now=["saddle"], contact=both))
    assert worse["tier"] == "now" and RedFlagCheck.program_paused(person)


def test_an_answer_already_followed_up_takes_new_signs_as_a_new_answer(client, person):
    """An assessed answer given a new go-now sign under its old id would stay "assessed" and never
    pause: the plain form's refusal keeps the sign again under a new id, and it pauses."""
    uid = str(uuidlib.uuid4())
    client.post("/log/", data={"go_now": "bladder", "redflag_uuid": uid})
    client.post("/log/assessed", data={"note": "Seen"})
    assert not RedFlagCheck.program_paused(person)
    [closed] = send(client, answer(uid, go_now=["bladder", "saddle"], at=utcnow() + MINUTE))
    assert closed["status"] == "rejected" and closed["errors"] == {"answer": answers.CLOSED}
    r = client.post("/log/", data={"go_now": ["bladder", "saddle"], "redflag_uuid": uid})
    assert r.status_code == 422
    assert "We have kept your go-now answer again" in text_of(r.get_data(as_text=True))
    assert RedFlagCheck.get(RedFlagCheck.uuid == uid).go_now == "bladder"
    assert [a.go_now for a in RedFlagCheck.unconfirmed_alarms(person)] == ["bladder,saddle"]


def test_the_plain_form_cannot_turn_an_answer_into_none_of_these(client, person):
    """Back to the same page, untick, "None of these": the same answer id, now with no signs."""
    uid = str(uuidlib.uuid4())
    r = client.post("/log/", data={**CHECKIN_FORM, "go_now": "saddle", "redflag_uuid": uid,
                                   "client_updated_at": ""})
    assert r.headers["Location"] == "/emergency?signs=saddle"
    r = client.post("/log/", data={"redflag": "none", "redflag_uuid": uid, "return_to": "today"})
    assert r.status_code == 422
    page = text_of(r.get_data(as_text=True))
    assert "Your safety answer was not saved: A warning-sign answer can't be taken back or deleted" in page
    assert RedFlagCheck.get(RedFlagCheck.uuid == uid).tier == "now" and RedFlagCheck.program_paused(person)


# ---- "I ticked this by mistake" ----

def test_a_mistake_lifts_the_pause_and_keeps_both_the_answer_and_the_correction(client, person, db):
    client.post("/log/", data={"go_now": "saddle"})
    alarm = RedFlagCheck.get(RedFlagCheck.tier == "now")
    today = visible(client.get("/").get_data(as_text=True))
    assert "Your exercises are paused" in today
    assert "Ticked a box by mistake? I ticked this by mistake" in today
    version = User.get_by_id(person.id).data_version
    listing = text_of(client.get("/log/mistake").get_data(as_text=True))
    assert "New numbness between your legs or around your bottom" in listing
    assert "If you do have this now, don't use this button: go to A&E or call 999 now." in listing
    r = client.post(f"/log/mistake/{alarm.uuid}", data={"note": "My thumb slipped"})
    assert r.status_code == 303 and r.headers["Location"] == "/"
    today = visible(client.get("/").get_data(as_text=True))
    assert "Noted: you ticked that by mistake" in today and "Your exercises are back." in today
    assert "Your exercises are paused" not in today and "Knees rocking" in today
    assert User.get_by_id(person.id).data_version > version
    kept = RedFlagCheck.get_by_id(alarm.id)
    assert (kept.tier, kept.go_now, kept.assessed_at) == ("now", "saddle", None)    # the answer stands
    fix = RedFlagCorrection.get()
    assert (fix.user_id, fix.answer_uuid, fix.made_by) == (person.id, alarm.uuid, "person")
    assert fix.note == "My thumb slipped"
    assert abs(fix.made_at - utcnow()) < dt.timedelta(minutes=1)
    history = text_of(client.get("/log/history").get_data(as_text=True))
    assert "Go-now warning sign : New numbness between your legs" in history
    assert f"(you said you ticked this by mistake on {london_today():%-d %B}: My thumb slipped)" in history
    assert "not yet confirmed as assessed" not in history and "I ticked this by mistake" not in history
    # Ticks are counted again, on every path.
    tick = {**answer(), "kind": "completion", "data": {"exercise": "knees-rocking"}}
    assert send(client, tick)[0]["status"] == "stored"


def test_the_button_is_on_the_answer_in_history_and_comes_back_there(client, person):
    client.post("/log/", data={"go_now": "bowel"})
    alarm = RedFlagCheck.get(RedFlagCheck.tier == "now")
    html = client.get("/log/history").get_data(as_text=True)
    link = f"/log/mistake/{alarm.uuid}?return_to=history"
    assert f'href="{link}"' in html
    page = client.get(link).get_data(as_text=True)
    assert 'name="return_to" value="history"' in page and "A new change in your bowels" in text_of(page)
    r = client.post(f"/log/mistake/{alarm.uuid}", data={"return_to": "history"})
    assert r.headers["Location"] == "/log/history"
    assert not RedFlagCheck.program_paused(person)


def test_a_mistaken_contact_answer_clears_its_card_but_not_the_others(client, person):
    client.post("/log/", data={"contact_today": "fever"})
    client.post("/log/", data={"contact_today": "weight_loss"})
    fever = RedFlagCheck.get(RedFlagCheck.contact_today == "fever")
    html = text_of(client.get("/").get_data(as_text=True))
    assert "a temperature of 38°C" in html and "I ticked this by mistake" in html
    client.post(f"/log/mistake/{fever.uuid}", data={"note": ""})
    html = text_of(client.get("/").get_data(as_text=True))
    assert "a temperature of 38°C" not in html and "losing weight without trying" in html
    client.post("/log/contacted", data={"spoken": "yes"})
    assert RedFlagCheck.get_by_id(fever.id).contacted_at is None        # corrected, not "spoken to a doctor"
    assert "Have you spoken to your GP" not in text_of(client.get("/").get_data(as_text=True))


def test_one_correction_leaves_another_emergency_answer_pausing(client, person):
    client.post("/log/", data={"go_now": "saddle"})
    client.post("/log/", data={"go_now": "chest"})
    first = RedFlagCheck.get(RedFlagCheck.go_now == "saddle")
    client.post(f"/log/mistake/{first.uuid}", data={})
    today = visible(client.get("/").get_data(as_text=True))
    assert "Your exercises stay paused for another emergency answer." in today
    assert "Your exercises are paused" in today
    assert [a.go_now for a in RedFlagCheck.unconfirmed_alarms(person)] == ["chest"]


def test_no_one_can_correct_someone_elses_answer_or_guess_an_id(app, client, person):
    ben = app.test_client()
    bens = onboard(ben, Auth(ben), email="ben@example.com")
    ben.post("/log/", data={"go_now": "bladder"})
    his = RedFlagCheck.get(RedFlagCheck.user == bens)
    mine_none = RedFlagCheck.get(RedFlagCheck.user == person)          # onboarding's "none of these"
    for uid in (his.uuid, str(uuidlib.uuid4()), mine_none.uuid, "../assessed", "x" * 300):
        assert client.get(f"/log/mistake/{uid}").status_code == 404, uid
        assert client.post(f"/log/mistake/{uid}", data={"note": "not mine"}).status_code == 404, uid
    assert his.uuid not in client.get("/log/mistake").get_data(as_text=True)
    assert RedFlagCorrection.select().count() == 0 and RedFlagCheck.program_paused(bens)
    with pytest.raises(ValueError):
        RedFlagCorrection.record(person, his)


def test_a_second_tap_a_followed_up_answer_and_a_bad_note_change_nothing(client, person):
    client.post("/log/", data={"go_now": "saddle"})
    alarm = RedFlagCheck.get(RedFlagCheck.tier == "now")
    r = client.post(f"/log/mistake/{alarm.uuid}", data={"note": "x" * 2001})
    assert r.status_code == 422 and "2000" in text_of(r.get_data(as_text=True))
    r = client.post(f"/log/mistake/{alarm.uuid}", data={"note": "a\x07b"})
    assert r.status_code == 422 and RedFlagCorrection.select().count() == 0
    assert 'aria-invalid="true"' in r.get_data(as_text=True)
    assert client.post(f"/log/mistake/{alarm.uuid}", data={"note": "Slipped"}).status_code == 303
    again = client.post(f"/log/mistake/{alarm.uuid}", data={"note": "Twice"})
    assert again.status_code == 409
    assert "You said you ticked this by mistake" in text_of(again.get_data(as_text=True))
    assert [c.note for c in RedFlagCorrection.select()] == ["Slipped"]
    client.post("/log/", data={"go_now": "bowel"})
    client.post("/log/assessed", data={"note": "Seen in A&E"})
    assessed = RedFlagCheck.get(RedFlagCheck.go_now == "bowel")
    r = client.post(f"/log/mistake/{assessed.uuid}", data={})
    assert r.status_code == 409 and "already been followed up" in text_of(r.get_data(as_text=True))
    assert RedFlagCorrection.select().count() == 1
    assert "nothing to correct" in text_of(client.get("/log/mistake").get_data(as_text=True))


def test_the_correction_needs_csrf(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/account/signup").get_data(as_text=True))
    client.post("/account/signup", data={"email": "ana@example.com", "password": "correct horse battery",
                                         "privacy": "y", "csrf_token": token})
    user = User.by_email("ana@example.com")
    alarm = RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=london_today(),
                                local_time="08:00", client_updated_at=utcnow(), tier="now", go_now="saddle")
    assert client.post(f"/log/mistake/{alarm.uuid}", data={}).status_code == 400
    page = client.get(f"/log/mistake/{alarm.uuid}").get_data(as_text=True)
    r = client.post(f"/log/mistake/{alarm.uuid}", data={"csrf_token": csrf_token_from(page)})
    assert r.status_code == 303 and RedFlagCorrection.select().count() == 1


# ---- Today gives way at once, on any server; the engine forgets what was a mistake ----

def test_a_correction_written_by_any_path_moves_todays_kept_page_on(client, person):
    client.post("/log/", data={"go_now": "saddle"})
    assert "Your exercises are paused" in visible(client.get("/").get_data(as_text=True))
    assert "Your exercises are paused" in visible(client.get("/").get_data(as_text=True))    # kept
    before = User.get_by_id(person.id).data_version
    # Another server, or a raw write: only the database's trigger can tell this one.
    alarm = RedFlagCheck.get(RedFlagCheck.tier == "now")
    RedFlagCorrection.insert(user=person.id, answer_uuid=alarm.uuid, made_at=utcnow(), made_by="person",
                             note="").execute()
    assert User.get_by_id(person.id).data_version == before + 1
    assert "Your exercises are paused" not in visible(client.get("/").get_data(as_text=True))
    RedFlagCorrection.delete().execute()
    assert User.get_by_id(person.id).data_version == before + 2
    assert "Your exercises are paused" in visible(client.get("/").get_data(as_text=True))


def test_a_contact_answer_ticked_by_mistake_no_longer_holds_back_moving_up(client, auth):
    user = onboard(client, auth, stage=1)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2])
    client.post("/log/", data={"contact_today": "fever"})
    assert "Ready to move up" not in client.get("/").get_data(as_text=True)
    client.post(f"/log/mistake/{RedFlagCheck.get(RedFlagCheck.tier == 'today').uuid}", data={})
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)


def test_the_migration_goes_down_and_up(app, db):
    from webapp import db as dbmod
    with db.connection_context():
        assert "0010_redflag_corrections" in dbmod.runner().down("0010_redflag_corrections")
        assert "red_flag_correction" not in db.get_tables()
        assert "0010_redflag_corrections" in dbmod.runner().up()
    assert {c.name for c in db.get_columns("red_flag_correction")} == {
        "id", "user_id", "answer_uuid", "made_at", "made_by", "note"}


def test_the_rules_alone():
    class Row:
        def __init__(self, go_now="", contact="", assessed=None, contacted=None):
            self.uuid, self.go_now, self.contact_today = "u", go_now, contact
            self.assessed_at, self.contacted_at = assessed, contacted
    never = lambda user, uuid: False
    always = lambda user, uuid: True
    same = {"go_now": "saddle", "contact_today": ""}
    assert answers.refuse_change(None, {}, same, None, never) is None
    assert answers.refuse_change(None, {}, same, Row("saddle"), always) is None       # a replay
    assert answers.refuse_change(None, {}, {"go_now": "", "contact_today": ""}, Row(), never) is None
    assert answers.refuse_change(None, {}, {"go_now": "", "contact_today": ""}, Row("saddle"), never)
    assert answers.refuse_change(None, {}, {"go_now": "bowel", "contact_today": ""}, Row("saddle"), never)
    more = {"go_now": "bowel,saddle", "contact_today": ""}
    assert answers.refuse_change(None, {}, more, Row("saddle"), never) is None
    assert answers.refuse_change(None, {}, more, Row("saddle"), always) == {"answer": answers.CLOSED}
    spoken = Row(contact="fever", contacted=utcnow())
    assert answers.refuse_change(None, {}, {"go_now": "", "contact_today": "fever,weak_leg"}, spoken,
                                 never) == {"answer": answers.CLOSED}
    assert answers.refuse_delete(None, Row()) is None
    assert answers.refuse_delete(None, Row(contact="fever")) == {"answer": answers.KEPT}
    assert answers.refuse_delete(None, None) == {"answer": answers.NOTHING_TO_DELETE}
