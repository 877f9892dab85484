"""Pregnancy adapts the program (issue 21, item 5): asked once with the background risks and
changed on the Account page; exercises done lying on the front are left off Today at any stage of
pregnancy, those lying flat on the back from week 13, each with the reason shown, and swapped where
the plan offers another; the week moves on by itself. Exercise files state their position."""
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from webapp.content import load
from webapp.content.fields import ContentError
from webapp.models import User

from .helpers import LONDON, onboard, text_of
from .helpers import london_today as today

ROOT = Path(__file__).resolve().parent.parent


def row_ids(html):
    return re.findall(r'<li class="ex-row[^"]*" id="(ex-[a-z]+-[a-z-]+)"', html)


def left_off(html):
    start = html.index('id="held-heading"')
    return text_of(html[start:html.index("</section>", start)])


def test_past_the_first_3_months_back_and_front_exercises_are_left_off_with_the_reason(client, auth):
    onboard(client, auth, stage=1, pregnant="yes", pregnant_weeks="20")
    html = client.get("/").get_data(as_text=True)
    ids = row_ids(html)
    assert "ex-morning-knees-rocking" not in ids and "ex-midday-abdominal-bracing" not in ids
    assert "ex-extra-lying-on-your-front" not in ids and "ex-extra-lying-nerve-slider" not in ids
    assert "ex-extra-sitting-nerve-slider" in ids                     # the plan's alternative, swapped in
    assert "ex-morning-positions-of-ease" in ids and "ex-midday-graded-walking" in ids
    held = left_off(html)
    assert ("Knees rocking. Left off from week 13 of pregnancy (you told us: about 20 weeks now): it is done lying "
            "flat on your back.") in held
    assert ("Lying on your front, then on your elbows. Left off while you are pregnant (you told us: about 20 weeks "
            "now): it is done lying on your front.") in held
    assert "Lying nerve slider. Left off from week 13 of pregnancy (you told us: about 20 weeks now): it is done " \
           "lying flat on your back. Sitting nerve slider is in your day instead." in held
    ease = text_of(html[html.index('id="ex-morning-positions-of-ease"'):])
    assert ease.startswith("id=\"ex-morning-positions-of-ease\"> Positions of ease 5 minutes You are pregnant: choose a way that is not lying flat on "
                           "your back or on your front, for example on your side or sitting.")
    page = text_of(client.get("/exercises/knees-rocking").get_data(as_text=True))
    assert "Left off your Today from week 13 of pregnancy" in page
    program = text_of(client.get("/program").get_data(as_text=True))
    assert "Left off while you are pregnant" in program and "Sitting nerve slider" in program


def test_in_the_first_3_months_only_the_front_is_left_off_and_the_week_moves_on(client, auth, monkeypatch):
    onboard(client, auth, stage=1, pregnant="yes", pregnant_weeks="11")
    ids = row_ids(client.get("/").get_data(as_text=True))
    assert "ex-morning-knees-rocking" in ids and "ex-extra-lying-nerve-slider" in ids
    assert "ex-extra-lying-on-your-front" not in ids
    later = dt.datetime.combine(today() + dt.timedelta(weeks=2), dt.time(9), tzinfo=ZoneInfo(LONDON))
    monkeypatch.setattr(User, "local_now", lambda self: later)
    html = client.get("/").get_data(as_text=True)
    assert "ex-morning-knees-rocking" not in row_ids(html) and "about 13 weeks now" in left_off(html)


def test_the_answer_is_required_checked_and_changed_on_the_account_page(client, auth):
    user = onboard(client, auth, stage=1)
    assert User.get_by_id(user.id).pregnant_from is None
    for form, field, message in (({}, "pregnant", "Choose yes or no."),
                                 ({"pregnant": "yes"}, "pregnant_weeks", "Give the number of weeks, from 1 to 42."),
                                 ({"pregnant": "yes", "pregnant_weeks": "50"}, "pregnant_weeks", "from 1 to 42"),
                                 ({"pregnant": "maybe"}, "pregnant", "Choose yes or no.")):
        r = client.post("/account/safety", data={"country": "GB", "background_none": "yes", **form})
        html = r.get_data(as_text=True)
        assert r.status_code == 422 and f'id="{field}-error">' in html and message in html
    assert User.get_by_id(user.id).pregnant_from is None
    r = client.post("/account/safety", data={"country": "GB", "background_none": "yes", "pregnant": "yes",
                                             "pregnant_weeks": "14"})
    assert r.status_code == 303
    assert User.get_by_id(user.id).pregnant_from == today() - dt.timedelta(weeks=14)
    assert 'id="pregnant-yes" name="pregnant" value="yes" checked' in client.get("/account/safety").get_data(
        as_text=True)
    assert "ex-morning-knees-rocking" not in row_ids(client.get("/").get_data(as_text=True))
    client.post("/account/safety", data={"country": "GB", "background_none": "yes", "pregnant": "no"})
    assert User.get_by_id(user.id).pregnant_from is None
    assert "ex-morning-knees-rocking" in row_ids(client.get("/").get_data(as_text=True))


def test_people_who_started_before_are_asked_once(client, auth):
    user = onboard(client, auth, stage=1)
    User.update(pregnancy_answered_at=None).where(User.id == user.id).execute()
    assert client.get("/").headers["Location"] == "/welcome/once"
    assert "Are you pregnant?" in client.get("/welcome/once").get_data(as_text=True)
    r = client.post("/welcome/once", data={"background_none": "yes", "country": "GB", "pregnant": "yes",
                                           "pregnant_weeks": "30"})
    assert r.headers["Location"] == "/"
    assert "ex-morning-knees-rocking" not in row_ids(client.get("/").get_data(as_text=True))


def test_every_exercise_states_its_position_and_a_bad_one_stops_the_app(tmp_path):
    content = load(ROOT / "content")
    assert {e.position for e in content.exercises.values()} <= {
        "back", "front", "side", "sitting", "standing", "hands-knees", "water", "varied"}
    assert content.exercises["positions-of-ease"].position == "varied"
    assert content.exercises["lying-on-your-front"].position == "front"
    bad = tmp_path / "knees-rocking.md"
    bad.write_text((ROOT / "content/exercises/knees-rocking.md").read_text().replace("position: back\n", "position: upside-down\n"))
    (tmp_path / "knees-rocking.svg").write_text((ROOT / "content/exercises/knees-rocking.svg").read_text())
    from webapp.content.exercises import load_exercise
    with pytest.raises(ContentError, match=r"knees-rocking.md: field 'position' must be one of back, front"):
        load_exercise(bad)


def test_the_welcome_asks_it(client, auth):
    from .helpers import WELCOME
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    assert "Are you pregnant?" in client.get("/welcome").get_data(as_text=True)
    form = {**WELCOME, "episode_start": (today() - dt.timedelta(weeks=3)).isoformat(), "pattern_answer": "disc"}
    del form["pregnant"]
    r = client.post("/welcome", data=form)
    assert r.status_code == 422 and 'id="pregnant-error">Choose yes or no.' in r.get_data(as_text=True)
