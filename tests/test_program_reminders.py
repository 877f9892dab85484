"""Reminder times, the time zone and the private calendar feed."""
import hashlib
import re

from icalendar import Calendar

from webapp.models import CalendarFeed, User

from .helpers import onboard


def test_calendar_feed_has_each_session_in_the_persons_zone_with_an_alarm(client, auth):
    user = onboard(client, auth)
    r = client.post("/reminders", data={"morning_time": "07:30", "midday_time": "", "evening_time": "19:15",
                                        "timezone": "America/New_York"})
    assert r.status_code == 303
    html = client.post("/reminders/feed").get_data(as_text=True)
    url = re.search(r'id="feed-url" value="(http://localhost/calendar/([A-Za-z0-9_-]+)\.ics)"', html)
    token = url.group(2)
    assert len(token) >= 43  # 256 bits
    feed = CalendarFeed.get(CalendarFeed.user == user)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(feed.__data__)
    r = auth.client.application.test_client().get(url.group(1).replace("http://localhost", ""))  # no session
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    events = Calendar.from_ical(r.data).walk("VEVENT")
    starts = sorted(e.decoded("dtstart").strftime("%H:%M") for e in events)
    assert starts == ["07:30", "19:15"]
    for event in events:
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "America/New_York"
        assert event["rrule"]["FREQ"] == ["DAILY"]
        assert event.walk("VALARM") and event.walk("VALARM")[0]["action"] == "DISPLAY"
        assert str(event["url"]) == "http://localhost/"
    client.post("/reminders/feed/revoke")
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_a_new_calendar_address_replaces_the_old_one(client, auth):
    onboard(client, auth)
    first = re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", client.post("/reminders/feed").get_data(as_text=True))
    second = re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", client.post("/reminders/feed").get_data(as_text=True))
    assert client.get(f"/calendar/{first.group(1)}.ics").status_code == 404
    assert client.get(f"/calendar/{second.group(1)}.ics").status_code == 200
    assert "/calendar/" not in client.get("/reminders").get_data(as_text=True)  # shown only once


def test_reminder_times_and_zone_are_checked(client, auth):
    user = onboard(client, auth)
    r = client.post("/reminders", data={"morning_time": "25:00", "timezone": "Mars/Olympus"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Enter a time like 08:00" in html and "Enter a time zone like" in html
    client.post("/reminders", data={"morning_time": "08:00", "timezone": "", "browser_timezone": "Asia/Tokyo"})
    user = User.get_by_id(user.id)
    assert (user.morning_time, user.midday_time, user.timezone) == ("08:00", None, "Asia/Tokyo")


def test_a_stored_reminder_that_is_not_a_time_never_breaks_the_feed(client, auth):
    """Finding 8: an imported reminder time "ab:cd" made the calendar feed 500 for ever."""
    user = onboard(client, auth)
    html = client.post("/reminders/feed").get_data(as_text=True)
    path = re.search(r'id="feed-url" value="http://localhost(/calendar/[A-Za-z0-9_-]+\.ics)"', html).group(1)
    User.update(morning_time="ab:cd", evening_time="25:99").where(User.id == user.id).execute()
    r = client.application.test_client().get(path)
    assert r.status_code == 200
    events = Calendar.from_ical(r.data).walk("VEVENT")
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["13:00"]


def test_a_stored_offset_of_days_never_breaks_today(client, auth):
    """Finding 8: an imported check-in with tz_offset_minutes 1,000,000 made Today and the report
    500 (20,000 here: PostgreSQL's column could not even hold a million)."""
    import datetime as dt

    from webapp.models import CheckIn
    user = onboard(client, auth, zone=None)
    User.update(timezone=None).where(User.id == user.id).execute()
    CheckIn.create(user=user, uuid="7d7d2b9e-6a8e-4f57-a9c8-3c0a8f1b2e44", local_date=dt.date(2026, 11, 20),
                   local_time="08:00", tz_offset_minutes=20_000, client_updated_at=dt.datetime(2026, 11, 20),
                   leg_pain=4)
    assert client.get("/").status_code == 200 and client.get("/report/").status_code == 200


def test_the_feed_keeps_working_without_a_public_address(app, client, auth):
    """Without PUBLIC_BASE_URL the feed leaves its link out rather than trust the Host header."""
    onboard(client, auth)
    html = client.post("/reminders/feed").get_data(as_text=True)
    path = re.search(r'id="feed-url" value="http://localhost(/calendar/[A-Za-z0-9_-]+\.ics)"', html).group(1)
    app.config["TESTING"] = False
    r = app.test_client().get(path, headers={"Host": "evil.example"})
    assert r.status_code == 200 and b"evil.example" not in r.data and b"VEVENT" in r.data


def test_quiet_hours_are_saved_with_the_times_and_checked(client, auth):
    """Reminders by Web Push keep out of the person's quiet hours; the page says what is sent."""
    user = onboard(client, auth)
    html = client.get("/reminders").get_data(as_text=True)
    assert 'id="quiet_start" name="quiet_start" value="21:00"' in html and 'value="08:00"' in html
    assert "none in your quiet hours (21:00 until 08:00)" in html
    r = client.post("/reminders", data={"morning_time": "07:00", "timezone": "Europe/London",
                                        "quiet_start": "22:30", "quiet_end": "06:30"})
    assert r.status_code == 303
    user = User.get_by_id(user.id)
    assert (user.quiet_start, user.quiet_end, user.morning_time) == ("22:30", "06:30", "07:00")
    html = client.get("/reminders").get_data(as_text=True)
    assert "none in your quiet hours (22:30 until 06:30)" in html
    assert "Each exercise session, at the time you chose above (07:00)." in html
    for bad, field, message in (({"quiet_start": "25:00", "quiet_end": "06:30"}, "quiet_start", "Enter a time like 21:00."),
                                ({"quiet_start": "22:00", "quiet_end": ""}, "quiet_end", "Fill in both times")):
        r = client.post("/reminders", data={"morning_time": "07:00", "timezone": "Europe/London", **bad})
        html = r.get_data(as_text=True)
        assert r.status_code == 422 and message in html and f'id="{field}-error"' in html
        assert f'id="{field}" name="{field}"' in html and 'aria-invalid="true"' in html
    assert (User.get_by_id(user.id).quiet_start, User.get_by_id(user.id).quiet_end) == ("22:30", "06:30")
    client.post("/reminders", data={"morning_time": "07:00", "timezone": "Europe/London",
                                    "quiet_start": "", "quiet_end": ""})
    assert (User.get_by_id(user.id).quiet_start, User.get_by_id(user.id).quiet_end) == (None, None)
