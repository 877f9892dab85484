"""What arrives, and when: the queue's periodic task run at chosen moments (as the consumer runs it
every minute), each delivery sent to a real push endpoint on 127.0.0.1 that checks the VAPID
signature and decrypts the payload. Exactly what arrives on a whole day; across time zones and a
daylight-saving change; nothing in quiet hours, nothing but "get checked" during a pause, nothing
twice (two consumers at once), nothing after sign-out."""
import dataclasses
import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest

from webapp.models import DeviceSession, PsfsRating, PushSent, RedFlagCheck, User, utcnow
from webapp.push import finding, tasks

from .helpers import Auth, add_checkin, new_uuid, onboard
from .push_endpoint import PushEndpoint

UTC = dt.UTC


@pytest.fixture
def service(app, monkeypatch):
    push = app.extensions["push"]
    app.extensions["push"] = dataclasses.replace(push, hosts=push.hosts + ("127.0.0.1",))
    with PushEndpoint(push.public_key) as endpoint:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", endpoint.ca_file)
        yield endpoint


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def run_at(app, when):
    """What the periodic task does at `when`, then each delivery it queued, at the same moment.
    The phones were used recently (a session unused for 90 days ends: tested on its own); never
    earlier than now, so the test's own requests still find their sessions alive."""
    DeviceSession.update(last_seen_at=max(utcnow(), when.astimezone(UTC).replace(tzinfo=None))).execute()
    push, queued = app.extensions["push"], []
    finding.find_due(push, app.url_map, when, lambda sid, msg: queued.append((sid, msg)))
    return [tasks.deliver_now(push, sid, msg, when) for sid, msg in queued]


def run_through(app, start, end, step=dt.timedelta(minutes=10)):
    when = start
    while when < end:
        run_at(app, when)
        when += step


def person_with_phone(client, service, name="phone", zone="Europe/London", email="ana@example.com",
                      times=("08:00", "13:00", "19:00")):
    user = onboard(client, Auth(client), email=email, zone=zone)
    r = client.post("/reminders", data={"morning_time": times[0], "midday_time": times[1],
                                        "evening_time": times[2], "timezone": zone})
    assert r.status_code == 303
    assert client.post("/reminders/push/subscribe",
                       json={"subscription": service.subscribe(name)}).status_code == 201
    return User.get_by_id(user.id)


def sent_when(app, service, name, moments, zone="Europe/London"):
    """Run each moment; returns [(the phone's local time when it arrived, title, url)]."""
    seen, out = len(service.arrived(name)), []
    for when in moments:
        run_at(app, when)
        got = service.arrived(name)
        for message in got[seen:]:
            out.append((when.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M"), message["payload"]["title"],
                        message["payload"]["url"]))
        seen = len(got)
    return out


def every(start, end, step=dt.timedelta(minutes=10)):
    """Moments from `start` to `end`: every 10 minutes hits each reminder's half-hour window."""
    while start < end:
        yield start
        start += step


def test_exactly_what_arrives_on_a_whole_day_and_the_daily_cap(client, app, service):
    """A Saturday in January (London): no check-in yet, a contact-a-doctor answer waiting, this
    week not rated. Due: 08:00 morning, 10:00 contact, 11:00 ratings, 13:00 midday, 19:00 evening,
    20:00 nudge; the cap (4) stops the last two."""
    user = person_with_phone(client, service)
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=dt.date(2026, 1, 9), local_time="18:00",
                        client_updated_at=utcnow(), contact_today="fever", tier="today")
    got = sent_when(app, service, "phone", every(utc(2026, 1, 9, 23, 0), utc(2026, 1, 11, 0, 0)))
    assert got == [
        ("2026-01-10 08:00", "Morning exercises", "/#session-morning"),
        ("2026-01-10 10:00", "A question is waiting", "/"),
        ("2026-01-10 11:00", "Rate your week", "/report/function"),
        ("2026-01-10 13:00", "Midday exercises", "/#session-midday"),
    ]
    assert service.refused == []
    assert PushSent.select().where(PushSent.user == user).count() == 4


def test_the_next_day_after_answering_only_what_is_still_due_arrives(client, app, service):
    user = person_with_phone(client, service, times=("08:00", "", "19:00"))
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=dt.date(2026, 1, 11), local_time="18:00",
                        client_updated_at=utcnow(), contact_today="fever", tier="today")
    client.post("/log/contacted", data={"spoken": "yes"})                  # the card is answered
    add_checkin(user, dt.date(2026, 1, 12), 4, time="07:30")                 # checked in early
    PsfsRating.create(user=user, uuid=new_uuid(), week_start=dt.date(2026, 1, 12), local_date=dt.date(2026, 1, 12),
                      activity="Walking", score=5)
    got = sent_when(app, service, "phone", every(utc(2026, 1, 12, 0, 0), utc(2026, 1, 13, 0, 0)))
    assert got == [("2026-01-12 08:00", "Morning exercises", "/#session-morning"),
                   ("2026-01-12 19:00", "Evening exercises", "/#session-evening")]


def test_the_evening_nudge_on_a_day_with_no_check_in(client, app, service):
    person_with_phone(client, service, times=("", "", ""))
    got = sent_when(app, service, "phone", every(utc(2026, 1, 12, 0, 0), utc(2026, 1, 13, 0, 0)))
    assert got == [("2026-01-12 20:00", "How was today?", "/log/")]


def test_the_12_week_check_arrives_when_due(client, app, service):
    user = person_with_phone(client, service, times=("", "", ""))
    User.update(side="both", both_legs_checked_on=dt.date(2026, 1, 12) - dt.timedelta(weeks=12)).where(
        User.id == user.id).execute()
    add_checkin(user, dt.date(2026, 1, 12), 3)
    add_checkin(user, dt.date(2026, 1, 13), 3)
    got = sent_when(app, service, "phone", every(utc(2026, 1, 12, 0, 0), utc(2026, 1, 14, 0, 0)))
    assert got == [("2026-01-12 11:00", "Time for a quick check", "/welcome/both-legs")]     # not again the next day


def test_across_time_zones_and_a_daylight_saving_change(app, service):
    """London and New York, each through the weekend its clocks go back."""
    london, new_york = app.test_client(), app.test_client()
    person_with_phone(london, service, "london", times=("08:00", "", ""))
    person_with_phone(new_york, service, "new-york", zone="America/New_York", email="bo@example.com",
                      times=("08:00", "", ""))
    for user in User.select():
        for day in range(24, 32):
            add_checkin(user, dt.date(2026, 10, day), 3)
        for day in range(1, 3):
            add_checkin(user, dt.date(2026, 11, day), 3)
    # Every 10 minutes from 05:00 to 15:00 UTC (06:00 in London to 10:00 in New York, or later).
    moments = [when for day in (dt.date(2026, 10, 24), dt.date(2026, 10, 25), dt.date(2026, 10, 31),
                                 dt.date(2026, 11, 1))
               for when in every(utc(day.year, day.month, day.day, 5, 0), utc(day.year, day.month, day.day, 15, 0),
                                 dt.timedelta(minutes=10))]
    seen = {"london": 0, "new-york": 0}
    got = {"london": [], "new-york": []}
    for when in moments:
        run_at(app, when)
        for name, arrived in got.items():
            messages = service.arrived(name)
            for message in messages[seen[name]:]:
                if message["payload"]["title"] == "Morning exercises":         # not Saturday's ratings
                    arrived.append(when.strftime("%m-%d %H:%M UTC"))
            seen[name] = len(messages)
    # London: 08:00 BST is 07:00 UTC; after the change, 08:00 GMT is 08:00 UTC.
    assert got["london"] == ["10-24 07:00 UTC", "10-25 08:00 UTC", "10-31 08:00 UTC", "11-01 08:00 UTC"]
    # New York: 08:00 EDT is 12:00 UTC; its clocks go back a week later (1 November).
    assert got["new-york"] == ["10-24 12:00 UTC", "10-25 12:00 UTC", "10-31 12:00 UTC", "11-01 13:00 UTC"]


def test_nothing_arrives_in_quiet_hours_the_default_or_the_persons_own(client, app, service):
    person_with_phone(client, service, times=("07:00", "", "21:30"))
    run_through(app, utc(2026, 1, 12, 0, 0), utc(2026, 1, 13, 0, 0))
    assert [m["payload"]["title"] for m in service.arrived("phone")] == ["How was today?"]
    client.post("/reminders", data={"morning_time": "07:00", "evening_time": "21:30", "timezone": "Europe/London",
                                    "quiet_start": "22:00", "quiet_end": "06:30"})
    run_through(app, utc(2026, 1, 13, 0, 0), utc(2026, 1, 14, 0, 0))
    assert [m["payload"]["title"] for m in service.arrived("phone")][1:] == [
        "Morning exercises", "How was today?", "Evening exercises"]


def test_a_retry_that_would_land_in_quiet_hours_is_dropped(client, app, service):
    user = person_with_phone(client, service, times=("", "", "20:45"))
    add_checkin(user, dt.date(2026, 1, 12), 3)
    push, queued = app.extensions["push"], []
    finding.find_due(push, app.url_map, utc(2026, 1, 12, 20, 45), lambda sid, msg: queued.append((sid, msg)))
    [(sid, msg)] = queued
    service.answer("phone", 503)
    with pytest.raises(tasks.sending.NotAccepted):
        tasks.deliver_now(push, sid, msg, utc(2026, 1, 12, 20, 45))
    assert tasks.deliver_now(push, sid, msg, utc(2026, 1, 12, 21, 5)) == "dropped"      # 21:05: quiet
    assert service.arrived("phone") == []


def test_during_a_pause_only_get_checked_arrives_once_a_day_until_assessed(client, app, service):
    person_with_phone(client, service)
    r = client.post("/log/", data={"redflag": "none", "go_now": "saddle"})       # a go-now answer
    assert r.status_code in (302, 303)
    got = sent_when(app, service, "phone", every(utc(2026, 1, 12, 0, 0), utc(2026, 1, 14, 0, 0)))
    assert got == [("2026-01-12 10:00", "Please get checked", "/"), ("2026-01-13 10:00", "Please get checked", "/")]
    client.post("/log/assessed", data={"note": "Seen at A&E, all clear"})
    got = sent_when(app, service, "phone", every(utc(2026, 1, 14, 7, 50), utc(2026, 1, 14, 8, 10)))
    assert got == [("2026-01-14 08:00", "Morning exercises", "/#session-morning")]


def test_a_pause_that_starts_after_a_reminder_was_queued_stops_its_delivery(client, app, service):
    user = person_with_phone(client, service)
    push, queued = app.extensions["push"], []
    finding.find_due(push, app.url_map, utc(2026, 1, 12, 8, 0), lambda sid, msg: queued.append((sid, msg)))
    assert [m["kind"] for _, m in queued] == ["session"]
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=dt.date(2026, 1, 12), local_time="08:00",
                        client_updated_at=utcnow(), go_now="saddle", tier="now")
    assert tasks.deliver_now(push, *queued[0], utc(2026, 1, 12, 8, 1)) == "dropped"
    assert service.arrived("phone") == []


def test_two_consumers_at_the_same_minute_send_once_to_every_device(app, service):
    phone, tablet = app.test_client(), app.test_client()
    person_with_phone(phone, service, "phone")
    Auth(tablet).signin()
    tablet.post("/reminders/push/subscribe", json={"subscription": service.subscribe("tablet")})
    when = utc(2026, 1, 12, 8, 0)
    push, queued, barrier = app.extensions["push"], [], threading.Barrier(2)

    def consumer():
        barrier.wait()
        finding.find_due(push, app.url_map, when, lambda sid, msg: queued.append((sid, msg)))
    threads = [threading.Thread(target=consumer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for sid, msg in queued:
        tasks.deliver_now(push, sid, msg, when)
    run_at(app, when + dt.timedelta(minutes=1))                          # and a minute later: nothing
    assert [m["payload"]["title"] for m in service.arrived("phone")] == ["Morning exercises"]
    assert [m["payload"]["title"] for m in service.arrived("tablet")] == ["Morning exercises"]


def test_nothing_arrives_after_sign_out_or_when_the_session_has_expired(app, service):
    phone, tablet = app.test_client(), app.test_client()
    person_with_phone(phone, service, "phone")
    Auth(tablet).signin()
    tablet.post("/reminders/push/subscribe", json={"subscription": service.subscribe("tablet")})
    Auth(phone).signout()
    run_at(app, utc(2026, 1, 12, 8, 0))
    assert service.arrived("phone") == [] and len(service.arrived("tablet")) == 1
    # The tablet is not used for 91 days: its session ended by itself, and so did its reminders.
    when = utc(2026, 1, 12, 13, 0)
    push = app.extensions["push"]
    DeviceSession.update(last_seen_at=(when - dt.timedelta(days=91)).replace(tzinfo=None)).execute()
    finding.find_due(push, app.url_map, when, lambda *a: pytest.fail("nothing is due for an ended session"))
    assert len(service.arrived("tablet")) == 1


def test_a_delivery_goes_only_while_its_reason_holds_and_only_to_the_same_person(app, service):
    """Between the claim and a (retried) delivery: the question was answered, the pause was lifted,
    or the browser now belongs to someone else who signed in on it."""
    browser = app.test_client()
    user = person_with_phone(browser, service, times=("", "", ""))
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=dt.date(2026, 1, 12), local_time="08:00",
                        client_updated_at=utcnow(), contact_today="fever", tier="today")
    push, queued = app.extensions["push"], []
    finding.find_due(push, app.url_map, utc(2026, 1, 12, 10, 0), lambda sid, msg: queued.append((sid, msg)))
    [(sid, msg)] = queued
    assert msg["kind"] == "contact"
    browser.post("/log/contacted", data={"spoken": "yes"})
    assert tasks.deliver_now(push, sid, msg, utc(2026, 1, 12, 10, 1)) == "dropped"
    paused = {**msg, "kind": "paused"}                  # a get-checked reminder once the pause is lifted
    assert tasks.deliver_now(push, sid, paused, utc(2026, 1, 12, 10, 1)) == "dropped"
    Auth(browser).signout()
    onboard(browser, Auth(browser), email="bo@example.com")
    browser.post("/reminders/push/subscribe", json={"subscription": service.subscribe("phone")})
    assert tasks.deliver_now(push, sid, {**msg, "kind": "session"}, utc(2026, 1, 12, 10, 1)) == "dropped"
    assert service.arrived("phone") == []
