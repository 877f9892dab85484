"""The daily log through the plain HTML forms: create, edit, delete, history, validation, privacy."""
import datetime as dt

import pytest

from webapp.models import CheckIn, Tombstone, User

from .helpers import CHECKIN_FORM, Auth


def post_checkin(client, **changes):
    return client.post("/log/", data={**CHECKIN_FORM, **changes})


def test_log_page_has_two_separate_scales_and_all_fields(client, ana):
    html = client.get("/log/").get_data(as_text=True)
    for name in ["leg_pain", "back_pain", "extent", "tingling", "weakness", "sitting_minutes",
                 "walking_minutes", "sleep_disturbed", "medication", "notes", "go_now", "contact_today"]:
        assert f'name="{name}"' in html, name
    assert html.count('name="leg_pain"') == 11 and html.count('name="back_pain"') == 11
    assert "Below the knee" in html and "None of these" in html


def test_create_checkin_stores_every_field(client, ana, db):
    r = post_checkin(client)
    assert r.status_code == 302 and r.headers["Location"].startswith("/log/history")
    c = CheckIn.get(CheckIn.user == ana)
    assert (c.leg_pain, c.back_pain, c.extent, c.tingling, c.weakness) == (6, 3, "below_knee", True, False)
    assert (c.sitting_minutes, c.walking_minutes, c.sleep_disturbed) == (20, 45, True)
    assert c.medication == "paracetamol 1 g" and c.notes.startswith("Bad night")
    assert (c.local_date, c.local_time, c.tz_offset_minutes) == (dt.date(2026, 11, 20), "08:15", 60)


def test_only_leg_pain_is_required(client, ana, db):
    r = client.post("/log/", data={"leg_pain": "2"})
    assert r.status_code == 302
    c = CheckIn.get(CheckIn.user == ana)
    assert c.leg_pain == 2 and c.back_pain is None and c.extent is None and c.notes == ""


def test_several_checkins_a_day_grouped_by_local_day(client, ana, db):
    post_checkin(client, local_time="08:00", leg_pain="6")
    post_checkin(client, local_time="13:00", leg_pain="4")
    post_checkin(client, local_time="21:30", leg_pain="5")
    assert CheckIn.select().count() == 3
    html = client.get("/log/history").get_data(as_text=True)
    assert html.count("Friday, 20 November 2026") == 1
    assert html.index("21:30") < html.index("13:00") < html.index("08:00")


def test_local_date_comes_from_the_phone_across_midnight_and_time_zones(client, ana, db):
    # 00:30 in Berlin is still the 20th in UTC; 22:00 in New York is already the 21st in UTC.
    post_checkin(client, local_date="2026-11-21", local_time="00:30", tz_offset_minutes="60",
                 client_updated_at="2026-11-20T23:30:00Z", leg_pain="7")
    post_checkin(client, local_date="2026-11-20", local_time="22:00", tz_offset_minutes="-300",
                 client_updated_at="2026-11-21T03:00:00Z", leg_pain="3")
    days = {c.local_date: c.leg_pain for c in CheckIn.select()}
    assert days == {dt.date(2026, 11, 21): 7, dt.date(2026, 11, 20): 3}
    html = client.get("/log/history").get_data(as_text=True)
    assert html.index("Saturday, 21 November 2026") < html.index("Friday, 20 November 2026")


def test_edit_keeps_the_record_and_its_uuid(client, ana, db):
    post_checkin(client)
    c = CheckIn.get()
    page = client.get(f"/log/{c.uuid}/edit")
    assert page.status_code == 200 and b'value="6" checked' in page.data
    r = client.post(f"/log/{c.uuid}/edit", data={**CHECKIN_FORM, "leg_pain": "2", "notes": "Much better",
                                                  "client_updated_at": "2026-11-20T09:00:00Z"})
    assert r.status_code == 302
    assert CheckIn.select().count() == 1
    changed = CheckIn.get()
    assert (changed.uuid, changed.leg_pain, changed.notes) == (c.uuid, 2, "Much better")


def test_delete_removes_the_row_and_leaves_a_tombstone(client, ana, db):
    post_checkin(client)
    c = CheckIn.get()
    r = client.post(f"/log/{c.uuid}/delete")
    assert r.status_code == 302
    assert CheckIn.select().count() == 0
    assert Tombstone.get(Tombstone.uuid == c.uuid).user_id == ana.id
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
def test_each_bad_field_gets_a_message_and_422_and_nothing_is_stored(client, ana, db, field, value, message):
    r = post_checkin(client, **{field: value})
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert CheckIn.select().count() == 0
    if field in ("notes", "medication"):  # what the ana typed is still there to fix
        assert "x" * 400 in r.get_data(as_text=True)


def test_someone_else_cannot_read_edit_or_delete_by_uuid(app, client, ana, db):
    post_checkin(client)
    mine = CheckIn.get()
    other = app.test_client()
    Auth(other).signup("ben@example.com")
    assert other.get(f"/log/{mine.uuid}/edit").status_code == 404
    assert other.post(f"/log/{mine.uuid}/edit", data={**CHECKIN_FORM, "leg_pain": "0"}).status_code == 404
    assert other.post(f"/log/{mine.uuid}/delete").status_code == 404
    assert other.get(f"/log/{mine.id}/edit").status_code == 404
    assert "paracetamol" not in other.get("/log/history").get_data(as_text=True)
    assert CheckIn.get_by_id(mine.id).leg_pain == 6


def test_history_pages_through_long_histories(client, ana, db):
    start = dt.date(2026, 10, 1)
    for i in range(20):
        post_checkin(client, local_date=(start + dt.timedelta(days=i)).isoformat(), leg_pain=str(i % 11))
    first = client.get("/log/history").get_data(as_text=True)
    second = client.get("/log/history?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Tuesday, 20 October 2026" in first
    assert "Thursday, 1 October 2026" in second and "Tuesday, 20 October 2026" not in second
    assert '<polyline class="trend-leg"' in first
    assert client.get("/log/history?page=99").status_code == 200
    assert client.get("/log/history?page=abc").status_code == 200


def test_without_the_phones_clock_the_persons_time_zone_decides_the_day(client, ana, db):
    import zoneinfo
    User.update(timezone="Pacific/Kiritimati").where(User.id == ana.id).execute()   # UTC+14
    r = client.post("/log/", data={"leg_pain": "4"})            # a plain form, no JavaScript
    assert r.status_code == 302
    c = CheckIn.get()
    local = dt.datetime.now(zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    assert c.tz_offset_minutes == 14 * 60
    assert c.local_date in (local.date(), (local - dt.timedelta(minutes=1)).date())


# ---- issue 13 ----

def test_without_javascript_a_refused_go_now_answer_is_never_reported_saved(app, client, ana, db):
    """Finding 9: the safety answer as sent is refused (its id is someone else's): the page says
    it was not saved, shows the emergency advice, and the program is paused all the same."""
    from webapp.models import RedFlagCheck
    ben_client = app.test_client()
    Auth(ben_client).signup("ben@example.com")
    ben = User.by_email("ben@example.com")
    taken = "0b9d2a38-5f0e-4a43-9b7e-0d3f3a0e8c11"
    RedFlagCheck.create(user=ben, uuid=taken, local_date=dt.date(2026, 11, 20), local_time="07:00",
                        client_updated_at=dt.datetime(2026, 11, 20, 7), tier="none")
    r = client.post("/log/", data={**CHECKIN_FORM, "redflag_uuid": taken, "go_now": ["bladder"]},
                    headers={"Accept-Language": "en-GB"})        # no country chosen yet: the browser's
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Your safety answer was not saved" in page and "Saved." not in page
    assert "999" in page                                        # the emergency advice is on the page
    assert RedFlagCheck.program_paused(ana)
    assert RedFlagCheck.get(RedFlagCheck.uuid == taken).user_id == ben.id     # Ben's is untouched
    assert CheckIn.select().count() == 0                       # the check-in waits for the next Save


def test_the_web_delete_says_what_really_happened(app, client, ana, db):
    """Finding 3: with a tombstone planted on her check-in's id (as the old sync allowed), Ana's
    delete can't go through, and the page says so instead of "Deleted"."""
    post_checkin(client)
    checkin = CheckIn.get()
    Auth(app.test_client()).signup("ben@example.com")
    Tombstone.create(user=User.by_email("ben@example.com"), uuid=checkin.uuid, kind="completion",
                     client_updated_at=dt.datetime(2026, 11, 20, 9))
    r = client.post(f"/log/{checkin.uuid}/delete")
    assert "?deleted=1" not in r.headers["Location"]
    assert "could not be deleted" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert CheckIn.select().count() == 1


def test_a_twenty_digit_page_is_a_page_not_a_500(client, ana, db):
    """Finding 8: ?page= with 20 digits overflowed SQLite's integers."""
    for page in ("99999999999999999999", "-99999999999999999999", "1e9", "x"):
        assert client.get(f"/log/history?page={page}").status_code == 200
