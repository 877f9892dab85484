"""The program end to end: welcome, Today, ticks and caps, suggestions, changes, the exercise page,
reminders and the calendar feed, and that one person never reaches another's records."""
import datetime as dt
import hashlib
import re
import uuid as uuidlib

import pytest
from icalendar import Calendar

from zoneinfo import ZoneInfo

from webapp import completions, sync
from webapp.models import (CalendarFeed, CheckIn, Completion, DismissedSuggestion, RedFlagCheck,
                           StageChange, User, utcnow)

LONDON = "Europe/London"


def today():
    return dt.datetime.now(dt.timezone.utc).astimezone(ZoneInfo(LONDON)).date()


def onboard(client, auth, email="ana@example.com", stage=1, pattern="disc", weeks=3, zone=LONDON):
    auth.signup(email=email)
    start = (today() - dt.timedelta(weeks=weeks)).isoformat()
    r = client.post("/welcome/confirm", data={"episode_start": start, "side": "left", "pattern_answer": pattern,
                                              "leg_pain": "4", "timezone": zone, "stage": str(stage),
                                              "pattern": pattern})
    assert r.status_code == 303
    return User.by_email(email)


def row_slugs(html):
    return re.findall(r'<li class="ex-row[^"]*" id="ex-(morning|midday|evening|extra)-([a-z-]+)"', html)


def add_checkins(user, pains, extents=None):
    for i, pain in enumerate(pains):
        day = today() - dt.timedelta(days=len(pains) - 1 - i)
        CheckIn.create(user=user, uuid=str(uuidlib.uuid4()), local_date=day, local_time="09:00",
                       client_updated_at=utcnow(), leg_pain=pain, extent=(extents or {}).get(i))


def sync_completion(user, slug, day, response=None, uid=None, updated=None):
    return sync.apply(user, {"kind": "completion", "op": "upsert", "uuid": uid or str(uuidlib.uuid4()),
                             "client_updated_at": (updated or utcnow()).isoformat() + "Z",
                             "local_date": day.isoformat(), "local_time": "10:00", "tz_offset_minutes": 0,
                             "data": {"exercise": slug, "session": "midday", "response": response}})


# ---- welcome ----

def test_today_sends_new_people_to_welcome(client, auth):
    auth.signup()
    assert client.get("/").headers["Location"] == "/welcome"
    assert client.get("/program").headers["Location"] == "/welcome"


def test_welcome_proposes_a_stage_with_reasons_and_confirming_records_it(client, auth, db):
    auth.signup()
    start = (today() - dt.timedelta(days=21)).isoformat()
    answers = {"episode_start": start, "side": "right", "pattern_answer": "disc", "leg_pain": "4",
               "timezone": "America/New_York"}
    page = client.post("/welcome", data=answers).get_data(as_text=True)
    assert "We suggest stage 1: Calm, disc type" in page
    assert "This episode started 3 weeks ago (21 days). Under 6 weeks is usually called the acute stage" in page
    r = client.post("/welcome/confirm", data={**answers, "stage": "2", "pattern": "disc"})
    assert r.status_code == 303 and r.headers["Location"] == "/"
    user = User.by_email("ana@example.com")
    assert (user.stage, user.pattern, user.side, user.timezone) == (2, "disc", "right", "America/New_York")
    assert user.onboarded_at is not None and user.episode_start.isoformat() == start
    change = StageChange.get(StageChange.user == user)
    assert change.made_by == "onboarding" and (change.from_stage, change.to_stage) == (None, 2)
    assert "21 days" in change.reason and "You chose stage 2 instead of the suggested stage 1." in change.reason
    assert client.get("/").status_code == 200


def test_high_leg_pain_keeps_the_start_at_stage_1(client, auth):
    auth.signup()
    start = (today() - dt.timedelta(weeks=20)).isoformat()
    page = client.post("/welcome", data={"episode_start": start, "side": "left", "pattern_answer": "stenosis",
                                         "leg_pain": "8"}).get_data(as_text=True)
    assert "We suggest stage 1: Calm, stenosis type" in page
    assert "Your leg pain today is 8 out of 10. At 7 or more" in page


def test_both_legs_shows_the_go_now_warning(client, auth):
    auth.signup()
    assert 'class="both-warning"' in client.get("/welcome").get_data(as_text=True)
    page = client.post("/welcome", data={"episode_start": today().isoformat(), "side": "both",
                                         "pattern_answer": "unsure", "leg_pain": "5"}).get_data(as_text=True)
    assert "Sciatica in both legs can be an emergency" in page and "go to A&amp;E or call 999 now" in page
    assert 'href="/red-flags"' in page


def test_welcome_answers_are_checked(client, auth):
    auth.signup()
    future = (today() + dt.timedelta(days=3)).isoformat()
    r = client.post("/welcome", data={"episode_start": future, "leg_pain": "11"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "That date is in the future" in page and "Choose which leg hurts" in page
    assert "Choose a number from 0 to 10" in page
    r = client.post("/welcome/confirm", data={"episode_start": "", "stage": "1", "pattern": "disc"})
    assert r.headers["Location"] == "/welcome" and User.by_email("ana@example.com").onboarded_at is None


# ---- Today ----

@pytest.mark.parametrize("stage, pattern", [(1, "disc"), (1, "stenosis"), (2, "disc"), (2, "stenosis"),
                                            (3, "disc"), (3, "stenosis")])
def test_today_lists_the_plan_for_the_stage_and_pattern(app, client, auth, stage, pattern):
    onboard(client, auth, stage=stage, pattern=pattern)
    html = client.get("/").get_data(as_text=True)
    sessions, optional = app.extensions["program"].plan(stage, pattern).for_day(today())
    want = [(s, e.exercise) for s, entries in sessions.items() for e in entries]
    want += [("extra", e.exercise) for e in optional]
    assert row_slugs(html) == want
    exercises = app.extensions["content"].exercises
    for session, slug in want:
        assert stage in exercises[slug].stages
        if exercises[slug].practitioner_only:
            assert session == "extra"
    assert ("Only with your practitioner's agreement" in html) == any(
        exercises[s].practitioner_only for _, s in want)


def test_today_shows_dose_text_and_counters(client, auth):
    onboard(client, auth, stage=2)
    html = client.get("/").get_data(as_text=True)
    assert "10 slow cycles, about 5 s each" in html and "hold 20 s × 3" in html and "5 minutes" in html
    assert "0 of 3 today" in html
    assert '{% include "log/_quick_checkin.html"' not in html


def test_tick_with_a_plain_form_creates_one_completion(client, auth):
    user = onboard(client, auth)
    uid = str(uuidlib.uuid4())
    r = client.post("/today/done", data={"exercise": "knees-rocking", "session": "morning", "uuid": uid})
    assert r.status_code == 303 and r.headers["Location"] == "/#ex-morning-knees-rocking"
    client.post("/today/done", data={"exercise": "knees-rocking", "session": "morning", "uuid": uid})  # a replay
    row = Completion.get(Completion.uuid == uid)
    assert Completion.for_user(user).count() == 1
    assert (row.exercise, row.session, row.local_date, row.over_cap) == ("knees-rocking", "morning", today(), False)
    assert "1 of 3 today" in client.get("/").get_data(as_text=True)


def test_tick_with_htmx_returns_the_row_and_its_twin(client, auth):
    onboard(client, auth)
    r = client.post("/today/done", data={"exercise": "knees-rocking", "session": "morning",
                                         "uuid": str(uuidlib.uuid4())}, headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html
    assert html.count(">1 of 3 today</p>") == 2  # the morning row and, as a partial, the evening one
    assert '<hx-partial hx-target="#ex-evening-knees-rocking"' in html
    assert "Knees rocking: Saved. 1 of 3 today." in html
    assert Completion.select().count() == 1


def test_unknown_exercise_tick_is_refused(client, auth):
    onboard(client, auth)
    assert client.post("/today/done", data={"exercise": "handstand", "uuid": str(uuidlib.uuid4())}).status_code == 400
    assert Completion.select().count() == 0


def test_reaching_the_day_cap_disables_the_button_and_says_why(client, auth):
    onboard(client, auth, stage=2)
    for _ in range(3):
        client.post("/today/done", data={"exercise": "table-stretch", "session": "midday",
                                         "uuid": str(uuidlib.uuid4())})
    html = client.get("/").get_data(as_text=True)
    row = html[html.index('id="ex-midday-table-stretch"'):]
    row = row[:row.index("</li>")]
    assert "disabled>Done 3 of 3 today — the limit for this stretch</button>" in row


def test_caps_count_local_days_across_midnight(client, auth, monkeypatch):
    user = onboard(client, auth, stage=1)
    zone = ZoneInfo(LONDON)
    yesterday = today() - dt.timedelta(days=1)
    monkeypatch.setattr(User, "local_now",
                        lambda self: dt.datetime.combine(yesterday, dt.time(23, 58), tzinfo=zone))
    for _ in range(3):
        client.post("/today/done", data={"exercise": "knees-rocking", "session": "evening",
                                         "uuid": str(uuidlib.uuid4())})
    assert "disabled>Done 3 of 3 today" in client.get("/").get_data(as_text=True)
    monkeypatch.setattr(User, "local_now",
                        lambda self: dt.datetime.combine(today(), dt.time(0, 2), tzinfo=zone))
    html = client.get("/").get_data(as_text=True)
    assert "0 of 3 today" in html and "disabled>Done 3 of 3" not in html
    assert {c.local_date for c in Completion.for_user(user)} == {yesterday}


def test_week_cap_is_the_seven_local_days_ending_today(app, client, auth):
    user = onboard(client, auth, stage=3)
    with app.test_request_context():
        sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=7))  # outside today's week
        sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=6))
        answer = sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=3))
    assert answer["over_cap"] is True  # its own week (3 to 9 days ago) already held two
    html = client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert "0 of 1 today · 2 of 2 in the last 7 days" in html
    assert "Done 2 of 2 in the last 7 days — the weekly limit for this exercise" in html


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


def test_validate_completion(app):
    with app.app_context():
        fields, errors = completions.validate_completion({"exercise": "bird-dog", "session": "evening",
                                                          "response": "spread"})
        assert errors == {} and fields == {"exercise": "bird-dog", "session": "evening", "response": "spread"}
        _, errors = completions.validate_completion({"exercise": "handstand", "session": "night",
                                                     "response": "great"})
        assert set(errors) == {"exercise", "session", "response"}
    assert sync.KINDS["completion"].prepare is completions.flag_over_cap


# ---- suggestions and stage changes ----

def test_accepting_a_suggestion_changes_stage_and_keeps_the_reasons(client, auth):
    user = onboard(client, auth, stage=1)
    add_checkins(user, [4, 3, 3, 3, 2, 3])
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up to stage 2?" in html and "Leg pain averaged 3 over your last 6 check-ins" in html
    r = client.post("/suggestion/accept", data={"direction": "up", "to_stage": "2"})
    assert r.status_code == 303
    user = User.get_by_id(user.id)
    change = StageChange.history(user).first()
    assert user.stage == 2 and change.made_by == "person" and (change.from_stage, change.to_stage) == (1, 2)
    assert change.reason.startswith("Leg pain averaged 3 over your last 6 check-ins")


def test_dismissing_a_suggestion_hides_it_for_the_day(client, auth):
    user = onboard(client, auth, stage=1)
    add_checkins(user, [2, 2, 2, 2, 2])
    client.post("/suggestion/dismiss", data={"direction": "up", "to_stage": "2"})
    assert DismissedSuggestion.for_user(user).count() == 1
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html and User.get_by_id(user.id).stage == 1


def test_a_stale_suggestion_changes_nothing(client, auth):
    user = onboard(client, auth, stage=2)
    client.post("/suggestion/accept", data={"direction": "up", "to_stage": "3"})
    assert User.get_by_id(user.id).stage == 2 and StageChange.for_user(user).count() == 1


def test_two_spread_answers_suggest_stepping_back(client, auth):
    user = onboard(client, auth, stage=2)
    for slug in ("table-stretch", "sitting-nerve-slider"):
        client.post(f"/exercises/{slug}/done", data={"uuid": str(uuidlib.uuid4()), "response": "spread"})
    assert Completion.for_user(user).where(Completion.response == "spread").count() == 2
    html = client.get("/").get_data(as_text=True)
    assert "Time to step back to stage 1?" in html and "2 times in the last 3 days" in html


def test_an_unconfirmed_go_now_answer_pauses_today(client, auth):
    user = onboard(client, auth, stage=2)
    add_checkins(user, [0, 0, 0, 0, 0, 0])
    flag = RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                               client_updated_at=utcnow(), tier="now", go_now="saddle")
    html = client.get("/").get_data(as_text=True)
    assert "Your exercises are paused" in html and 'href="/log/assessed"' in html and 'href="/red-flags"' in html
    assert 'href="/emergency"' in html
    assert row_slugs(html) == [] and "Ready to move up" not in html
    client.post("/today/done", data={"exercise": "knees-rocking", "uuid": str(uuidlib.uuid4())})
    assert Completion.select().count() == 0
    assert "Your exercises are paused" in client.get("/exercises/knees-rocking").get_data(as_text=True)
    flag.assessed_at = utcnow()
    flag.save()
    assert row_slugs(client.get("/").get_data(as_text=True))


def test_a_go_now_answer_before_welcome_shows_the_pause_there_too(client, auth):
    auth.signup()
    user = User.by_email("ana@example.com")
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow(), tier="now", go_now="bladder")
    html = client.get(client.get("/").headers["Location"]).get_data(as_text=True)
    assert "Your exercises are paused" in html and 'href="/log/assessed"' in html


def test_changing_stage_by_hand_is_recorded_with_the_reason(client, auth):
    user = onboard(client, auth, stage=1)
    r = client.post("/program/change", data={"stage": "3", "pattern": "stenosis", "reason": "My physio said so"})
    assert r.status_code == 303
    user = User.get_by_id(user.id)
    change = StageChange.history(user).first()
    assert (user.stage, user.pattern) == (3, "stenosis")
    assert (change.made_by, change.reason, change.from_pattern) == ("person", "My physio said so", "disc")
    assert "My physio said so" in client.get("/program").get_data(as_text=True)
    r = client.post("/program/change", data={"stage": "4", "pattern": "spine"})
    assert r.status_code == 422 and "Choose stage 1, 2 or 3." in r.get_data(as_text=True)


def test_program_page_shows_the_week_stages_and_caps(app, client, auth):
    onboard(client, auth, stage=3)
    html = client.get("/program").get_data(as_text=True)
    for title in ("Curl downs", "Bird dog", "Advanced nerve tensioner"):
        assert title.lower() in html.lower()
    assert "only Tue and Fri" in html and 'href="/library/why-the-caps-exist"' in html
    for stage in app.extensions["program"].stages.values():
        assert stage.purpose in html


# ---- the exercise page ----

def test_exercise_page_is_public_content_without_counters(client):
    r = client.get("/exercises/knees-rocking")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<svg" in html and "Stop if" in html and 'data-timer' in html and 'data-cycle="5"' in html
    assert 'id="done-card"' not in html and "of 3 today" not in html
    assert "Lie on your back" in html and "Sources" in html
    assert re.search(r'href="/library/[a-z-]+"', html)
    assert "Only with your practitioner" in client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert client.get("/exercises/handstand").status_code == 404


def test_done_then_feeling_updates_the_same_completion(client, auth):
    user = onboard(client, auth)
    uid = str(uuidlib.uuid4())
    r = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "session": "morning"})
    assert r.headers["Location"].startswith(f"/exercises/knees-rocking?done={uid}")
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "1 of 3 today" in html and '<div class="stop-now" id="stop-now" role="alert" hidden>' in html
    r = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "response": "spread"},
                    headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert '<div class="stop-now" id="stop-now" role="alert">' in html and "Stop this exercise for now" in html
    row = Completion.get(Completion.uuid == uid)
    assert Completion.for_user(user).count() == 1 and row.response == "spread" and row.session == "morning"
    client.post("/exercises/knees-rocking/done", data={"uuid": uid})  # "done" again keeps the answer
    assert Completion.get(Completion.uuid == uid).response == "spread"


# ---- reminders and the calendar feed ----

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


# ---- one person never reaches another's records ----

def test_person_b_cannot_see_tick_change_or_delete_as_completions(app, client, auth):
    onboard(client, auth, email="a@example.com")
    uid = str(uuidlib.uuid4())
    client.post("/exercises/knees-rocking/done", data={"uuid": uid, "response": "better"})
    feed_html = client.post("/reminders/feed").get_data(as_text=True)
    token = re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", feed_html).group(1)
    auth.signout()
    b = onboard(client, auth, email="b@example.com")
    html = client.get(f"/exercises/knees-rocking?done={uid}").get_data(as_text=True)
    assert "Saved at" not in html and "0 of 3 today" in html
    assert "Saved at" not in client.get(f"/exercises/knees-rocking/card?uuid={uid}").get_data(as_text=True)
    assert client.post("/exercises/knees-rocking/done", data={"uuid": uid, "response": "spread"}).status_code == 400
    assert client.post("/today/done", data={"exercise": "knees-rocking", "uuid": uid}).status_code == 400
    answer = client.post("/api/sync", json={"records": [{"kind": "completion", "op": "delete", "uuid": uid,
                                                         "client_updated_at": utcnow().isoformat() + "Z"}]})
    assert answer.json["results"][0]["status"] == "rejected"
    a_row = Completion.get(Completion.uuid == uid)
    assert a_row.response == "better" and a_row.user.email == "a@example.com"
    assert "0 of 3 today" in client.get("/").get_data(as_text=True)
    client.post("/reminders/feed/revoke")  # B's revoke touches only B's feeds
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    assert CalendarFeed.for_user(b).count() == 0


def test_deleting_the_account_removes_program_rows(client, auth):
    user = onboard(client, auth, stage=1)
    add_checkins(user, [2, 2, 2, 2, 2])
    client.post("/suggestion/dismiss", data={"direction": "up", "to_stage": "2"})
    client.post("/reminders/feed")
    User.get_by_id(user.id).delete_everything()
    assert DismissedSuggestion.select().count() == 0 and CalendarFeed.select().count() == 0
    assert StageChange.select().count() == 0


def test_program_migration_goes_down_and_up(app, db):
    from webapp import db as dbmod
    with db.connection_context():
        assert "0002_program" in dbmod.runner().down("0002_program")
        assert "calendar_feed" not in db.get_tables()
        assert "morning_time" not in {c.name for c in db.get_columns("user")}
        assert "0002_program" in dbmod.runner().up()
        assert "morning_time" in {c.name for c in db.get_columns("user")}


def test_the_timer_scripts_are_kept_for_offline_use(client):
    body = client.get("/sw.js").get_data(as_text=True)
    assert "/static/js/program.js?v=" in body and "/static/js/timer.js?v=" in body
