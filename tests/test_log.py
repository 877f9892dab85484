"""The daily log through the plain HTML forms: create, edit, delete, history, validation, privacy."""
import datetime as dt

import pytest

from webapp.models import CheckIn, RedFlagCheck, Tombstone, User

from .conftest import Auth

FORM = {"leg_pain": "6", "back_pain": "3", "extent": "below_knee", "tingling": "yes", "weakness": "no",
        "sitting_minutes": "20", "walking_minutes": "45", "sleep_disturbed": "yes",
        "medication": "paracetamol 1 g", "notes": "Bad night, better after walking.",
        "local_date": "2026-11-20", "local_time": "08:15", "tz_offset_minutes": "60",
        "client_updated_at": "2026-11-20T07:15:00Z"}


@pytest.fixture
def person(auth):
    auth.signup()
    return User.by_email("ana@example.com")


def post_checkin(client, **changes):
    return client.post("/log/", data={**FORM, **changes})


def test_log_page_has_two_separate_scales_and_all_fields(client, person):
    html = client.get("/log/").get_data(as_text=True)
    for name in ["leg_pain", "back_pain", "extent", "tingling", "weakness", "sitting_minutes",
                 "walking_minutes", "sleep_disturbed", "medication", "notes", "go_now", "contact_today"]:
        assert f'name="{name}"' in html, name
    assert html.count('name="leg_pain"') == 11 and html.count('name="back_pain"') == 11
    assert "Below the knee" in html and "None of these" in html


def test_create_checkin_stores_every_field(client, person, db):
    r = post_checkin(client)
    assert r.status_code == 302 and r.headers["Location"].startswith("/log/history")
    c = CheckIn.get(CheckIn.user == person)
    assert (c.leg_pain, c.back_pain, c.extent, c.tingling, c.weakness) == (6, 3, "below_knee", True, False)
    assert (c.sitting_minutes, c.walking_minutes, c.sleep_disturbed) == (20, 45, True)
    assert c.medication == "paracetamol 1 g" and c.notes.startswith("Bad night")
    assert (c.local_date, c.local_time, c.tz_offset_minutes) == (dt.date(2026, 11, 20), "08:15", 60)


def test_only_leg_pain_is_required(client, person, db):
    r = client.post("/log/", data={"leg_pain": "2"})
    assert r.status_code == 302
    c = CheckIn.get(CheckIn.user == person)
    assert c.leg_pain == 2 and c.back_pain is None and c.extent is None and c.notes == ""


def test_several_checkins_a_day_grouped_by_local_day(client, person, db):
    post_checkin(client, local_time="08:00", leg_pain="6")
    post_checkin(client, local_time="13:00", leg_pain="4")
    post_checkin(client, local_time="21:30", leg_pain="5")
    assert CheckIn.select().count() == 3
    html = client.get("/log/history").get_data(as_text=True)
    assert html.count("Friday 20 November 2026") == 1
    assert html.index("21:30") < html.index("13:00") < html.index("08:00")


def test_local_date_comes_from_the_phone_across_midnight_and_time_zones(client, person, db):
    # 00:30 in Berlin is still the 20th in UTC; 22:00 in New York is already the 21st in UTC.
    post_checkin(client, local_date="2026-11-21", local_time="00:30", tz_offset_minutes="60",
                 client_updated_at="2026-11-20T23:30:00Z", leg_pain="7")
    post_checkin(client, local_date="2026-11-20", local_time="22:00", tz_offset_minutes="-300",
                 client_updated_at="2026-11-21T03:00:00Z", leg_pain="3")
    days = {c.local_date: c.leg_pain for c in CheckIn.select()}
    assert days == {dt.date(2026, 11, 21): 7, dt.date(2026, 11, 20): 3}
    html = client.get("/log/history").get_data(as_text=True)
    assert html.index("Saturday 21 November 2026") < html.index("Friday 20 November 2026")


def test_edit_keeps_the_record_and_its_uuid(client, person, db):
    post_checkin(client)
    c = CheckIn.get()
    page = client.get(f"/log/{c.uuid}/edit")
    assert page.status_code == 200 and b'value="6" checked' in page.data
    r = client.post(f"/log/{c.uuid}/edit", data={**FORM, "leg_pain": "2", "notes": "Much better",
                                                  "client_updated_at": "2026-11-20T09:00:00Z"})
    assert r.status_code == 302
    assert CheckIn.select().count() == 1
    changed = CheckIn.get()
    assert (changed.uuid, changed.leg_pain, changed.notes) == (c.uuid, 2, "Much better")


def test_delete_removes_the_row_and_leaves_a_tombstone(client, person, db):
    post_checkin(client)
    c = CheckIn.get()
    r = client.post(f"/log/{c.uuid}/delete")
    assert r.status_code == 302
    assert CheckIn.select().count() == 0
    assert Tombstone.get(Tombstone.uuid == c.uuid).user_id == person.id
    assert client.get(f"/log/{c.uuid}/edit").status_code == 404


@pytest.mark.parametrize("field,value,message", [
    ("leg_pain", "", "Choose a number from 0 to 10"),
    ("leg_pain", "11", "Choose a number from 0 to 10"),
    ("leg_pain", "-1", "Choose a number from 0 to 10"),
    ("leg_pain", "seven", "Choose a number from 0 to 10"),
    ("back_pain", "12", "Choose a number from 0 to 10"),
    ("extent", "knee", "how far down the leg"),
    ("tingling", "maybe", "Choose yes or no"),
    ("sitting_minutes", "-5", "whole minutes from 0 to 1440"),
    ("walking_minutes", "99999", "whole minutes from 0 to 1440"),
    ("walking_minutes", "ten", "whole minutes from 0 to 1440"),
    ("medication", "x" * 501, "under 500 characters"),
    ("notes", "x" * 2001, "under 2000 characters"),
    ("local_date", "2099-01-01", "in the future"),
    ("local_date", "yesterday", "date like"),
    ("local_time", "25:00", "time like"),
    ("tz_offset_minutes", "9999", "Time-zone offset"),
])
def test_each_bad_field_gets_a_message_and_422_and_nothing_is_stored(client, person, db, field, value, message):
    r = post_checkin(client, **{field: value})
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert CheckIn.select().count() == 0
    if field in ("notes", "medication"):  # what the person typed is still there to fix
        assert "x" * 400 in r.get_data(as_text=True)


def test_someone_else_cannot_read_edit_or_delete_by_uuid(app, client, person, db):
    post_checkin(client)
    mine = CheckIn.get()
    other = app.test_client()
    Auth(other).signup("ben@example.com")
    assert other.get(f"/log/{mine.uuid}/edit").status_code == 404
    assert other.post(f"/log/{mine.uuid}/edit", data={**FORM, "leg_pain": "0"}).status_code == 404
    assert other.post(f"/log/{mine.uuid}/delete").status_code == 404
    assert other.get(f"/log/{mine.id}/edit").status_code == 404
    assert "paracetamol" not in other.get("/log/history").get_data(as_text=True)
    assert CheckIn.get_by_id(mine.id).leg_pain == 6


def test_history_pages_through_long_histories(client, person, db):
    start = dt.date(2026, 10, 1)
    for i in range(20):
        post_checkin(client, local_date=(start + dt.timedelta(days=i)).isoformat(), leg_pain=str(i % 11))
    first = client.get("/log/history").get_data(as_text=True)
    second = client.get("/log/history?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Tuesday 20 October 2026" in first
    assert "Thursday 1 October 2026" in second and "Tuesday 20 October 2026" not in second
    assert '<polyline class="trend-leg"' in first
    assert client.get("/log/history?page=99").status_code == 200
    assert client.get("/log/history?page=abc").status_code == 200


def test_redflag_go_now_shows_emergency_and_pauses_until_assessed(client, person, db):
    r = client.post("/log/", data={**FORM, "go_now": ["saddle", "bladder"]})
    assert r.headers["Location"] == "/emergency"
    check = RedFlagCheck.get()
    assert check.tier == "now" and check.go_now == "bladder,saddle" and check.assessed_at is None
    assert CheckIn.select().count() == 1  # the check-in was kept too
    emergency = client.get("/emergency").get_data(as_text=True)
    assert "Go to A&amp;E or call 999 now" in emergency
    assert list(RedFlagCheck.unconfirmed_alarms(person)) == [check]
    # A later "none of these" does not clear it: only the person confirming an assessment does.
    client.post("/log/", data={"redflag": "none"})
    assert RedFlagCheck.select().count() == 2
    assert list(RedFlagCheck.unconfirmed_alarms(person)) == [check]
    page = client.get("/log/assessed").get_data(as_text=True)
    assert "program is paused" in page
    r = client.post("/log/assessed", data={"note": "Seen in A&E, MRI clear"})
    assert r.status_code == 302
    assert list(RedFlagCheck.unconfirmed_alarms(person)) == []
    assert RedFlagCheck.get_by_id(check.id).assessed_note == "Seen in A&E, MRI clear"


def test_redflag_contact_today_shows_guidance_and_is_recorded(client, person, db):
    r = client.post("/log/", data={**FORM, "contact_today": "fever"})
    assert r.headers["Location"] == "/urgent"
    assert RedFlagCheck.get().tier == "today"
    assert "Contact a doctor today" in client.get("/urgent").get_data(as_text=True)
    assert list(RedFlagCheck.unconfirmed_alarms(person)) == []


def test_none_of_these_is_one_tap_and_recorded(client, person, db):
    r = client.post("/log/", data={"redflag": "none"})
    assert r.status_code == 302
    assert RedFlagCheck.get().tier == "none" and CheckIn.select().count() == 0
    html = client.get("/log/").get_data(as_text=True)
    assert f'data-last-answered="{RedFlagCheck.get().local_date.isoformat()}"' in html


def test_unknown_redflag_code_is_refused(client, person, db):
    r = client.post("/log/", data={**FORM, "go_now": "made-up"})
    assert RedFlagCheck.select().count() == 0
    assert r.status_code in (302, 422)


def test_emergency_pages_are_public_and_precached(client):
    assert client.get("/emergency").status_code == 200
    assert client.get("/urgent").status_code == 200
    sw = client.get("/sw.js").get_data(as_text=True)
    assert '"/emergency"' in sw and '"/urgent"' in sw and "outbox-core.js" in sw


def test_without_the_phones_clock_the_persons_time_zone_decides_the_day(client, person, db):
    import zoneinfo
    User.update(timezone="Pacific/Kiritimati").where(User.id == person.id).execute()   # UTC+14
    r = client.post("/log/", data={"leg_pain": "4"})            # a plain form, no JavaScript
    assert r.status_code == 302
    c = CheckIn.get()
    local = dt.datetime.now(zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    assert c.tz_offset_minutes == 14 * 60
    assert c.local_date in (local.date(), (local - dt.timedelta(minutes=1)).date())
