"""The day's plan, second edition (issue 14): the extension option for the disc pattern kept only
while the leg eases, positions of ease at every stage, and the advanced tensioner never on two days
in a row, on every path (Today's button, the exercise page; the outbox is in test_program_completions)."""
import datetime as dt
import re
import uuid as uuidlib
from zoneinfo import ZoneInfo

import pytest

from webapp.models import Completion, ProgramChange, User
from webapp.program.views import OVER_CAP_SAVED

from .helpers import LONDON, add_checkin, backdate_stage, onboard
from .helpers import london_today as today

FRONT = "lying-on-your-front"
TENSIONER = "advanced-nerve-traction"
REST_REASON = "Done yesterday — never two days in a row for this exercise"


def row_ids(html):
    return re.findall(r'<li class="ex-row[^"]*" id="(ex-[a-z]+-[a-z-]+)"', html)


def row(html, row_id):
    start = html.index(f'id="{row_id}"')
    return html[start:html.index("</li>", start)]


# ---- the extension option ----

@pytest.mark.parametrize("stage", [1, 2, 3])
def test_the_extension_option_shows_only_for_the_disc_pattern(client, auth, stage):
    onboard(client, auth, stage=stage, pattern="disc")
    html = client.get("/").get_data(as_text=True)
    assert f"ex-extra-{FRONT}" in row_ids(html)
    assert "Keep it only if your leg eases or the pain moves up." in row(html, f"ex-extra-{FRONT}")
    client.post("/program/change", data={"stage": str(stage), "pattern": "stenosis"})
    html = client.get("/").get_data(as_text=True)
    assert not any(FRONT in r for r in row_ids(html)) and "Lying on your front" not in html


def test_the_extension_page_asks_how_the_leg_responded(client, auth):
    onboard(client, auth, stage=1, pattern="disc")
    html = client.get(f"/exercises/{FRONT}").get_data(as_text=True)
    assert "<legend>How did your leg respond?</legend>" in html
    answers = re.findall(r'name="response" value="([a-z]+)" id="feel-[a-z]+"[^>]*>([^<]+)</button>', html)
    assert answers == [("eased", "Leg eased or moved up"), ("same", "No change in my leg"),
                       ("worse", "Leg felt worse"), ("spread", "Spread down my leg")]
    assert "Keep this one only if your leg eased or the pain moved up towards your back." in html
    # Every other exercise offers the new answer among the usual ones.
    html = client.get("/exercises/knees-rocking").get_data(as_text=True)
    assert "<legend>How did that feel?</legend>" in html
    assert re.findall(r'id="feel-([a-z]+)"', html) == ["better", "eased", "same", "worse", "spread"]


def test_the_extension_is_kept_while_the_leg_eases_and_left_off_after_any_other_answer(client, auth):
    user = onboard(client, auth, stage=2, pattern="disc")
    client.post(f"/exercises/{FRONT}/done", data={"uuid": str(uuidlib.uuid4()), "response": "eased"})
    html = client.get("/").get_data(as_text=True)
    assert f"ex-extra-{FRONT}" in row_ids(html) and "Left off today" not in html
    second = str(uuidlib.uuid4())
    client.post(f"/exercises/{FRONT}/done", data={"uuid": second, "response": "same"})
    html = client.get("/").get_data(as_text=True)
    until = (today() + dt.timedelta(days=7)).strftime("%-d %b")
    assert f"ex-extra-{FRONT}" not in row_ids(html)
    assert (f"<strong>Lying on your front, then on your elbows.</strong> Left off until {until}: you said your "
            "leg did not change today. It stays in your day only while your leg eases or the pain moves up."
            ) in html
    assert "ex-extra-positions-of-ease" in row_ids(html)      # the other positions stay
    # Changing that answer to "eased" puts it back; "worse" takes it off again.
    client.post(f"/exercises/{FRONT}/done", data={"uuid": second, "response": "eased"})
    assert f"ex-extra-{FRONT}" in row_ids(client.get("/").get_data(as_text=True))
    client.post(f"/exercises/{FRONT}/done", data={"uuid": str(uuidlib.uuid4()), "response": "worse"})
    assert "you said your leg felt worse today" in client.get("/").get_data(as_text=True)
    assert [c.response for c in Completion.for_user(user).order_by(Completion.id)] == ["eased", "eased", "worse"]


# ---- positions of ease at every stage ----

@pytest.mark.parametrize("stage, pattern", [(1, "disc"), (1, "stenosis"), (2, "disc"), (2, "stenosis"),
                                            (3, "disc"), (3, "stenosis")])
def test_positions_of_ease_are_on_today_at_every_stage(client, auth, stage, pattern):
    onboard(client, auth, stage=stage, pattern=pattern)
    html = client.get("/").get_data(as_text=True)
    assert any(r.endswith("-positions-of-ease") for r in row_ids(html))
    assert client.get("/exercises/positions-of-ease").status_code == 200


# ---- the advanced tensioner: never two days in a row ----

def live_on(monkeypatch, day):
    zone = ZoneInfo(LONDON)
    monkeypatch.setattr(User, "local_now", lambda self: dt.datetime.combine(day, dt.time(10), tzinfo=zone))


@pytest.fixture
def settled(client, auth):
    """Stage 3, disc, 40 days in, calm check-ins: tensioners are unlocked. Returns (user, Monday)."""
    user = onboard(client, auth, stage=3, pattern="disc", weeks=30)
    backdate_stage(user, 40)
    monday = today() - dt.timedelta(days=today().weekday() + 7)
    for i in range(10):
        add_checkin(user, monday + dt.timedelta(days=3 - i), 2, tingling=False, weakness=False)
    # The advanced tensioner is practitioner-only: a practitioner allowed it, through a care link.
    ProgramChange.create(user=user, by_name="Jo Smith (physiotherapist)", kind="allow",
                         exercise=TENSIONER, reason="Ready for it", set_on=monday - dt.timedelta(days=7))
    return user, monday


def test_a_second_day_in_a_row_is_marked_like_a_cap_on_todays_button(client, settled, monkeypatch):
    user, monday = settled
    live_on(monkeypatch, monday)          # not a plan day for it, but its page still counts it
    client.post(f"/exercises/{TENSIONER}/done", data={"uuid": str(uuidlib.uuid4())})
    assert Completion.for_user(user).get().over_cap is False
    live_on(monkeypatch, monday + dt.timedelta(days=1))       # Tuesday: on the plan
    html = client.get("/").get_data(as_text=True)
    tensioner = row(html, f"ex-extra-{TENSIONER}")
    assert f"disabled>{REST_REASON}</button>" in tensioner and "ex-row-capped" in html
    # A tap that still arrives (an old page, no JavaScript, a double tap) is kept and flagged.
    r = client.post("/today/done", data={"exercise": TENSIONER, "session": "", "uuid": str(uuidlib.uuid4())})
    assert r.status_code == 303
    assert f"Advanced nerve tensioner (legs up the wall): {OVER_CAP_SAVED}" in \
        client.get("/").get_data(as_text=True).replace("&#39;", "'")
    r = client.post("/today/done", data={"exercise": TENSIONER, "session": "", "uuid": str(uuidlib.uuid4())},
                    headers={"HX-Request": "true"})
    assert OVER_CAP_SAVED in r.get_data(as_text=True)
    assert [c.over_cap for c in Completion.for_user(user).order_by(Completion.id)] == [False, True, True]


def test_a_second_day_in_a_row_is_marked_like_a_cap_on_the_exercise_page(client, settled, monkeypatch):
    _user, monday = settled
    live_on(monkeypatch, monday + dt.timedelta(days=4))       # Friday
    client.post(f"/exercises/{TENSIONER}/done", data={"uuid": str(uuidlib.uuid4())})
    live_on(monkeypatch, monday + dt.timedelta(days=5))       # Saturday
    html = client.get(f"/exercises/{TENSIONER}").get_data(as_text=True)
    assert f"disabled>{REST_REASON}</button>" in html and "0 of 1 today · 1 of 2 in the last 7 days" in html
    uid = str(uuidlib.uuid4())
    r = client.post(f"/exercises/{TENSIONER}/done", data={"uuid": uid}, headers={"HX-Request": "true"})
    assert "That round went past the limit for this exercise." in r.get_data(as_text=True)
    assert Completion.get(Completion.uuid == uid).over_cap is True
    live_on(monkeypatch, monday + dt.timedelta(days=7))       # Monday after: two days later is fine
    html = client.get(f"/exercises/{TENSIONER}").get_data(as_text=True)
    assert REST_REASON not in html and 'id="mark-done"' not in html    # the weekly cap (2) holds now
    assert "Done 2 of 2 in the last 7 days — the weekly limit" in html
