"""Program changes with a name on them: each kind applies, the person sees "Set by <name> on <date>:
<reason>" where it applies and the whole history on the Program page, the limits file is never
exceeded, and nothing a practitioner sets lifts a warning-sign pause."""
import datetime as dt
import re
import uuid as uuidlib
from zoneinfo import ZoneInfo

import pytest

from webapp.models import Completion, ProgramChange, RedFlagCheck, StageChange, User, utcnow

from .helpers import JO, LONDON, add_checkin, add_checkins, backdate_stage, link_up, onboard, text_of
from .helpers import london_today as today


@pytest.fixture
def ana(client, auth):
    user = onboard(client, auth, stage=3, weeks=20)
    add_checkins(user, [3, 3, 2, 2, 2, 2, 2])
    return user


@pytest.fixture
def program(client, jo, ana):
    """The practitioner's program page for Ana, as a URL."""
    return f"/practice/people/{link_up(client, jo)}/program/"


def set_by(reason, day=None):
    return f"Set by {JO} on {(day or today()):%-d %b %Y}: {reason}"


def row(html, slug, session="midday"):
    start = html.index(f'id="ex-{session}-{slug}"')
    return text_of(html[start:html.index("</li>", start)])


def tick(client, slug, session="midday"):
    return client.post("/today/done", data={"exercise": slug, "session": session, "uuid": str(uuidlib.uuid4())})


def test_a_raised_cap_applies_and_says_who_set_it(client, jo, ana, program):
    assert "0 of 2 today" in row(client.get("/").get_data(as_text=True), "curl-downs")
    r = jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4",
                               "reason": "Coping well with bending"})
    assert r.status_code == 303
    change = ProgramChange.get()
    assert (change.kind, change.exercise, change.per_day, change.by_name, change.reason, change.set_on) == (
        "cap", "curl-downs", 4, JO, "Coping well with bending", today())
    assert change.practitioner.name == "Jo Smith" and change.user_id == ana.id
    html = client.get("/").get_data(as_text=True)
    line = f"Your limit: up to 4 a day. {set_by('Coping well with bending')}"
    assert line in row(html, "curl-downs") and line in row(html, "curl-downs", "evening")
    assert "0 of 4 today" in row(html, "curl-downs")
    # The four are counted, none flagged over the limit; a fifth is.
    for _ in range(4):
        tick(client, "curl-downs")
    assert [c.over_cap for c in Completion.for_user(ana)] == [False] * 4
    assert "Done 4 of 4 today" in row(client.get("/").get_data(as_text=True), "curl-downs")
    tick(client, "curl-downs", "evening")
    assert Completion.for_user(ana).order_by(Completion.id.desc()).first().over_cap is True
    # The exercise page says it too, with the person's own limit.
    page = text_of(client.get("/exercises/curl-downs").get_data(as_text=True))
    assert line in page and "At most 4 times a day" in page
    # The Program page keeps the whole history.
    assert f"Curl downs: up to 4 a day. {set_by('Coping well with bending')}" in text_of(
        client.get("/program").get_data(as_text=True))


@pytest.mark.parametrize("form, field, message", [
    ({"exercise": "curl-downs", "per_day": "5"}, "per_day", "Choose from 1 to 4 a day"),
    ({"exercise": "table-stretch", "per_day": "4"}, "per_day", "Choose from 1 to 3 a day"),
    ({"exercise": "advanced-nerve-traction", "per_week": "3"}, "per_week", "Choose from 1 to 2 in any 7 days"),
    ({"exercise": "curl-downs", "per_day": "0"}, "per_day", "Choose from 1 to 4"),
    ({"exercise": "positions-of-ease", "per_day": "2"}, "exercise", "Choose an exercise from the list"),
    ({"exercise": "handstand", "per_day": "2"}, "exercise", "Choose an exercise from the list"),
    ({"exercise": "curl-downs", "per_day": "3", "reason": ""}, "reason", "Say why"),
    ({"exercise": "curl-downs"}, "per_day", "Give the new limit"),
])
def test_a_cap_past_the_limits_file_is_refused_next_to_the_field(client, jo, ana, program, form, field, message):
    r = jo.post(program, data={"kind": "cap", "reason": "Because", **form})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and message in html
    assert f'id="cap-{field}-error"' in html or (field == "exercise" and 'id="cap-exercise-error"' in html)
    assert ProgramChange.select().count() == 0
    assert "0 of 2 today" in row(client.get("/").get_data(as_text=True), "curl-downs")


def test_lowering_a_cap_is_always_allowed_and_the_newest_change_wins(client, jo, ana, program):
    jo.post(program, data={"kind": "cap", "exercise": "table-stretch", "per_day": "1", "reason": "Flared"})
    jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4", "reason": "First"})
    jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "3", "reason": "Second"})
    first = ProgramChange.get(ProgramChange.reason == "First")
    assert first.ended_at is not None and first.ended_by == JO
    assert ProgramChange.in_effect(ana).count() == 2
    assert "0 of 3 today" in row(client.get("/").get_data(as_text=True), "curl-downs")
    # A value stored past today's limits file (the file changed) is cut back to it.
    ProgramChange.update(per_day=9).where(ProgramChange.reason == "Second").execute()
    assert "0 of 4 today" in row(client.get("/").get_data(as_text=True), "curl-downs")


def test_allowing_the_advanced_tensioner(client, jo, ana, program, monkeypatch):
    # The plan has it on Tuesdays and Fridays; tensioners wait for 14 settled days at stage 3.
    day = next(today() - dt.timedelta(days=n) for n in range(7) if (today() - dt.timedelta(days=n)).weekday() in (1, 4))
    monkeypatch.setattr(User, "local_now", lambda self: dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(LONDON)))
    backdate_stage(ana, 30)
    for n in range(7):
        add_checkin(ana, day - dt.timedelta(days=n), 1, tingling=False, weakness=False)
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-extra-advanced-nerve-traction"' not in html
    assert "Only with your practitioner's agreement: they can allow it through a care link." in text_of(html)
    bad = jo.post(program, data={"kind": "allow", "exercise": "standing-nerve-tensioner", "reason": "Ready"})
    assert bad.status_code == 422 and ProgramChange.select().count() == 0
    jo.post(program, data={"kind": "allow", "exercise": "advanced-nerve-traction", "reason": "Sport needs it"})
    html = client.get("/").get_data(as_text=True)
    assert f"Allowed for you. {set_by('Sport needs it', day)}" in row(html, "advanced-nerve-traction", "extra")
    assert "0 of 1 today · 0 of 2 in the last 7 days" in row(html, "advanced-nerve-traction", "extra")
    # Allowing it lifts nothing else: after it spreads symptoms it rests like any other.
    client.post("/exercises/advanced-nerve-traction/done", data={"uuid": str(uuidlib.uuid4()), "response": "spread"})
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-extra-advanced-nerve-traction"' not in html and "you said it spread symptoms" in html


def test_hiding_an_exercise_and_a_personal_note(client, jo, ana, program):
    jo.post(program, data={"kind": "hide", "exercise": "bird-dog", "reason": "Wrist is sore"})
    jo.post(program, data={"kind": "note", "exercise": "curl-downs", "note": "Hands on your thighs all the way",
                           "reason": "Keeps it gentle"})
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-evening-bird-dog"' not in html
    assert f"Bird dog. Left off by your practitioner. {set_by('Wrist is sore')}" in text_of(html)
    note = f"A note for you: \u201cHands on your thighs all the way\u201d. {set_by('Keeps it gentle')}"
    assert note in row(html, "curl-downs")
    assert note in text_of(client.get("/exercises/curl-downs").get_data(as_text=True))
    assert "Left off Today" in text_of(client.get("/exercises/bird-dog").get_data(as_text=True))
    bad = jo.post(program, data={"kind": "note", "exercise": "curl-downs", "note": "", "reason": "x"})
    assert bad.status_code == 422 and b"Write the note." in bad.data


def test_setting_and_holding_the_stage(client, jo, ana, program):
    r = jo.post(program, data={"kind": "stage", "stage": "2", "hold_days": "14", "reason": "Flare after lifting"})
    assert r.status_code == 303
    user = User.get_by_id(ana.id)
    change = StageChange.history(user).first()
    assert user.stage == 2 and change.made_by == "practitioner"
    assert change.reason == f"Set by {JO}: Flare after lifting"
    until = today() + dt.timedelta(days=14)
    assert ProgramChange.get().hold_until == until
    html = text_of(client.get("/").get_data(as_text=True))
    assert f"Stage set to 2, held until {until:%-d %b %Y}. {set_by('Flare after lifting')}" in html
    assert "Stage 2 of 3" in html
    too_long = jo.post(program, data={"kind": "stage", "stage": "2", "hold_days": "100", "reason": "x"})
    assert too_long.status_code == 422 and b"Choose from 0 to 42 days" in too_long.data
    nothing = jo.post(program, data={"kind": "stage", "stage": "2", "hold_days": "0", "reason": "x"})
    assert nothing.status_code == 422 and ProgramChange.select().count() == 1


def test_a_hold_stops_suggestions_until_it_ends(client, auth, app, jo):
    user = onboard(client, auth, stage=1)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2])
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)
    program = f"/practice/people/{link_up(client, jo)}/program/"
    jo.post(program, data={"kind": "stage", "stage": "1", "hold_days": "7", "reason": "Wait for the scan"})
    assert ProgramChange.get().stage is None                 # a hold only: the stage is unchanged
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html
    assert "Stage kept as it is, held until" in text_of(html) and "Wait for the scan" in html
    client.post("/suggestion/accept", data={"direction": "up", "to_stage": "2"})
    assert User.get_by_id(user.id).stage == 1
    # The day after it ends, the engine speaks again.
    ProgramChange.update(hold_until=today() - dt.timedelta(days=1)).execute()
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)


def test_nothing_a_practitioner_sets_lifts_a_pause(client, jo, ana, program):
    RedFlagCheck.create(user=ana, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow() - dt.timedelta(minutes=5), tier="now", go_now="saddle")
    page = jo.get(program).get_data(as_text=True)
    assert "Their exercises are paused" in page and "Nothing you set here changes that" in page
    for form in ({"kind": "cap", "exercise": "curl-downs", "per_day": "4"},
                 {"kind": "allow", "exercise": "advanced-nerve-traction"},
                 {"kind": "stage", "stage": "3", "hold_days": "30"},
                 {"kind": "note", "exercise": "curl-downs", "note": "Carry on"}):
        assert jo.post(program, data={**form, "reason": "Please carry on"}).status_code == 303
    html = client.get("/").get_data(as_text=True)
    assert "Your exercises are paused" in html and 'class="ex-row' not in html
    tick(client, "curl-downs")
    assert Completion.select().count() == 0
    assert RedFlagCheck.unconfirmed_alarms(ana).count() == 1


def test_the_person_sees_every_change_and_can_stop_one(client, jo, ana, program):
    jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4", "reason": "Coping"})
    jo.post(program, data={"kind": "hide", "exercise": "bird-dog", "reason": "Wrist"})
    hidden = ProgramChange.get(ProgramChange.kind == "hide")
    r = client.post(f"/care/changes/{hidden.id}/end")
    assert r.status_code == 303 and ProgramChange.get_by_id(hidden.id).ended_by == "person"
    assert 'id="ex-evening-bird-dog"' in client.get("/").get_data(as_text=True)
    assert client.post(f"/care/changes/{hidden.id}/end").status_code == 404      # already stopped
    page = text_of(client.get("/program").get_data(as_text=True))
    assert f"Bird dog: left off Today. {set_by('Wrist')} No longer in place since {today():%-d %b %Y} (you)." in page
    assert f"Curl downs: up to 4 a day. {set_by('Coping')}" in page
    # The practitioner sees the person stopped it, and can stop one too.
    cap = ProgramChange.get(ProgramChange.kind == "cap")
    assert "(stopped" in jo.get(program).get_data(as_text=True)
    assert jo.post(f"{program}{cap.id}/end").status_code == 303
    assert "0 of 2 today" in row(client.get("/").get_data(as_text=True), "curl-downs")
    assert re.search(r"stopped \d+ \w+ \d{4} by Jo Smith", jo.get(program).get_data(as_text=True))
