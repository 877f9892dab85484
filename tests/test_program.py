"""The program end to end: welcome, Today, ticks and caps, suggestions, changes, the exercise page,
reminders and the calendar feed, and that one person never reaches another's records."""
import datetime as dt
import re
import uuid as uuidlib
from zoneinfo import ZoneInfo

import pytest

from webapp.models import (
    CalendarFeed,
    Completion,
    DismissedSuggestion,
    RedFlagCheck,
    StageChange,
    User,
    delete_account,
    utcnow,
)

from .helpers import LONDON, add_checkins, backdate_stage, onboard, sync_completion, unlock_tensioners
from .helpers import london_today as today


def row_slugs(html):
    return re.findall(r'<li class="ex-row[^"]*" id="ex-(morning|midday|evening|extra)-([a-z-]+)"', html)


# ---- welcome ----


# ---- Today ----

@pytest.mark.parametrize("stage, pattern", [(1, "disc"), (1, "stenosis"), (2, "disc"), (2, "stenosis"),
                                            (3, "disc"), (3, "stenosis")])
def test_today_lists_the_plan_for_the_stage_and_pattern(app, client, auth, stage, pattern):
    onboard(client, auth, stage=stage, pattern=pattern)
    html = client.get("/").get_data(as_text=True)
    sessions, optional = app.extensions["program"].plan(stage, pattern).for_day(today())
    exercises = app.extensions["content"].exercises
    want = [(s, e.exercise) for s, entries in sessions.items() for e in entries]
    # Tensioners wait until stage 3 has settled (14 days in it): said under "Left off today".
    want += [("extra", e.exercise) for e in optional if exercises[e.exercise].kind != "tensioner"]
    assert row_slugs(html) == want
    for e in optional:
        if exercises[e.exercise].kind == "tensioner":
            assert f"<strong>{exercises[e.exercise].title}.</strong> Tensioners are left off until" in html
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
    for _ in range(3):     # the table stretch is an optional extra at stage 2 (issue 14)
        client.post("/today/done", data={"exercise": "table-stretch", "session": "",
                                         "uuid": str(uuidlib.uuid4())})
    html = client.get("/").get_data(as_text=True)
    row = html[html.index('id="ex-extra-table-stretch"'):]
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
    unlock_tensioners(user, allow_advanced=True)
    with app.test_request_context():
        sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=7))  # outside today's week
        sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=6))
        answer = sync_completion(user, "advanced-nerve-traction", today() - dt.timedelta(days=3))
    assert answer["over_cap"] is True  # its own week (3 to 9 days ago) already held two
    html = client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert "0 of 1 today · 2 of 2 in the last 7 days" in html
    assert "Done 2 of 2 in the last 7 days — the weekly limit for this exercise" in html


# ---- suggestions and stage changes ----

def test_accepting_a_suggestion_changes_stage_and_keeps_the_reasons(client, auth):
    user = onboard(client, auth, stage=1)
    add_checkins(user, [4, 3, 3, 3, 2, 3])
    assert "Ready to move up" not in client.get("/").get_data(as_text=True)   # onboarded today: 0 of 14 days
    backdate_stage(user, 15)
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up to stage 2?" in html
    assert "Leg pain averaged 3 over 6 days with check-ins in the last 7" in html
    r = client.post("/suggestion/accept", data={"direction": "up", "to_stage": "2"})
    assert r.status_code == 303
    user = User.get_by_id(user.id)
    change = StageChange.history(user).first()
    assert user.stage == 2 and change.made_by == "person" and (change.from_stage, change.to_stage) == (1, 2)
    assert change.reason.startswith("Leg pain averaged 3 over 6 days with check-ins")
    # The same day, with the same good week, stage 2 does not move on to 3.
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html and "You have been at stage 2 for 0 days (since today)" in html


def test_dismissing_a_suggestion_hides_it_for_the_day(client, auth):
    user = onboard(client, auth, stage=1)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2])
    client.post("/suggestion/dismiss", data={"direction": "up", "to_stage": "2"})
    assert DismissedSuggestion.for_user(user).count() == 1
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html and User.get_by_id(user.id).stage == 1


def test_a_stale_suggestion_changes_nothing(client, auth):
    user = onboard(client, auth, stage=2)
    client.post("/suggestion/accept", data={"direction": "up", "to_stage": "3"})
    assert User.get_by_id(user.id).stage == 2 and StageChange.for_user(user).count() == 1


def test_a_spread_answer_leaves_that_exercise_off_today_for_a_week(client, auth):
    user = onboard(client, auth, stage=2)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2, 2])
    client.post("/exercises/table-stretch/done", data={"uuid": str(uuidlib.uuid4()), "response": "spread"})
    assert Completion.for_user(user).where(Completion.response == "spread").count() == 1
    html = client.get("/").get_data(as_text=True)
    assert ("extra", "table-stretch") not in row_slugs(html) and ("midday", "lying-nerve-slider") in row_slugs(html)
    until = (today() + dt.timedelta(days=7)).strftime("%-d %b")
    assert f"<strong>Table stretch.</strong> Left off until {until}: you said it spread symptoms down your leg today" in html
    assert "Ready to move up" not in html and "spread symptoms down your leg today, so it is best to stay" in html
    assert "Time to step back" not in html          # a spread answer alone no longer moves anyone down


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


def test_changing_stage_by_hand_is_recorded_with_the_reason(client, auth):
    user = onboard(client, auth, stage=1, weeks=20)
    add_checkins(user, [2, 2, 2])
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


# ---- reminders and the calendar feed ----


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
    delete_account(User.get_by_id(user.id))
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


def test_stage_1_worsening_and_weakness_are_shown_in_a_visible_card(client, auth):
    user = onboard(client, auth, stage=1)
    add_checkins(user, [3, 3, 3, 3, 6, 7])
    html = client.get("/").get_data(as_text=True)
    card = html[html.index('class="card warning-card"'):]
    card = card[:card.index("</section>")]
    assert "Your leg pain was 6 yesterday and 7 today: at least 2 points above your average of 3" in card
    assert "already the gentlest stage" in card
    details = html[html.index('<details class="stay-reasons"'):] if "stay-reasons" in html else ""
    assert "Your leg pain was 6 yesterday" not in details          # not hidden in the closed section
    client.post("/log/", data={"leg_pain": "3", "weakness": "yes", "weakness_new": "no", "weakness_side": "one"})
    card = client.get("/").get_data(as_text=True).split('class="card warning-card"')[1].split("</section>")[0]
    assert "You noted weakness in your leg today" in card
