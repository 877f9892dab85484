"""Welcome: the go-now step first, the questions (with background risks and country), the both-legs
follow-up, the suggested stage and pattern with reasons, and the one-time questions for people
who started before they existed."""
import datetime as dt
import re
import uuid as uuidlib
from zoneinfo import ZoneInfo

import pytest

from webapp.models import RedFlagCheck, StageChange, User, utcnow

from .helpers import BOTH, WELCOME, onboard, text_of
from .helpers import london_today as today


def answers(**changes):
    # "21 days ago" is counted in the person's own zone: near midnight UTC, New York is a day behind.
    zone = changes.get("timezone") or "Europe/London"
    local_today = dt.datetime.now(dt.UTC).astimezone(ZoneInfo(zone)).date()
    start = (local_today - dt.timedelta(days=21)).isoformat()
    return {**WELCOME, "episode_start": start, "pattern_answer": "disc", "timezone": "Europe/London", **changes}


def safety_step(client, **form):
    return client.post("/welcome/safety", data=form or {"redflag": "none"})


def test_today_sends_new_people_to_the_go_now_step_before_anything_else(client, auth):
    auth.signup()
    assert client.get("/").headers["Location"] == "/welcome"
    assert client.get("/program").headers["Location"] == "/welcome"
    html = client.get("/welcome").get_data(as_text=True)
    assert "First, a safety check" in html and 'name="go_now" value="bladder"' in html
    assert "New trouble starting to pee, or less feeling when you pee" in html
    assert "We suggest" not in client.post("/welcome", data=answers()).get_data(as_text=True)
    r = client.post("/welcome/confirm", data={**answers(), "stage": "1", "pattern": "disc"})
    html = r.get_data(as_text=True)         # the go-now step, saying why, with the answers kept
    assert "First, a safety check" in html and "the safety check comes first again" in html
    assert 'name="side" value="left"' in html and User.by_email("ana@example.com").onboarded_at is None


def test_none_of_these_leads_to_the_questions(client, auth, db):
    auth.signup()
    r = safety_step(client)
    assert r.status_code == 303 and r.headers["Location"] == "/welcome"
    assert RedFlagCheck.get().tier == "none"
    html = client.get("/welcome").get_data(as_text=True)
    assert "How long have you had it?" in html and "Do any of these apply to you?" in html
    assert 'name="country"' in html


def test_a_ticked_go_now_box_wins_over_none_of_these_and_pauses(client, auth, db):
    auth.signup()
    r = safety_step(client, redflag="none", go_now=["saddle"])
    assert r.headers["Location"] == "/emergency?signs=saddle"
    check = RedFlagCheck.get()
    assert (check.tier, check.go_now) == ("now", "saddle")
    assert "Your exercises are paused" in client.get("/welcome").get_data(as_text=True)


def test_welcome_proposes_a_stage_with_reasons_and_confirming_records_it(client, auth, db):
    auth.signup()
    safety_step(client, redflag="none", timezone="America/New_York")     # as the browser sends it
    form = answers(side="right", country="US", timezone="America/New_York")
    page = client.post("/welcome", data=form).get_data(as_text=True)
    assert "We suggest stage 1: Calm, disc type" in page
    assert "This episode started 3 weeks ago (21 days). Under 6 weeks is usually called the acute stage" in page
    # A stage above the suggested one takes a reason: asked next to the field, nothing lost.
    r = client.post("/welcome/confirm", data={**form, "stage": "2", "pattern": "disc"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and User.by_email("ana@example.com").onboarded_at is None
    assert 'id="override-error">Stage 2 is above the stage we suggest (1). To choose it anyway, say why.' in page
    assert 'id="stage-2" value="2" checked' in page and 'name="country" value="US"' in page
    r = client.post("/welcome/confirm", data={**form, "stage": "2", "pattern": "disc",
                                              "override": "My physio started me there"})
    assert r.status_code == 303 and r.headers["Location"] == "/"
    user = User.by_email("ana@example.com")
    assert (user.stage, user.pattern, user.side, user.timezone, user.country) == (2, "disc", "right",
                                                                                  "America/New_York", "US")
    assert user.onboarded_at is not None and user.background_answered_at is not None and user.background == ""
    change = StageChange.get(StageChange.user == user)
    assert change.made_by == "onboarding" and (change.from_stage, change.to_stage) == (None, 2)
    assert "21 days" in change.reason and "You chose stage 2 instead of the suggested stage 1." in change.reason
    assert (change.rule_stage, change.override_reason) == (1, "My physio started me there")
    assert change.rule_why.startswith("The starting rule suggests stage 1: This episode started 3 weeks ago")
    assert client.get("/").status_code == 200
    assert "911" in client.get("/emergency").get_data(as_text=True)


def test_high_leg_pain_keeps_the_start_at_stage_1_and_numbness_caps_it_at_2(client, auth):
    auth.signup()
    safety_step(client)
    start = (today() - dt.timedelta(weeks=20)).isoformat()
    page = client.post("/welcome", data=answers(episode_start=start, pattern_answer="stenosis",
                                                leg_pain="8")).get_data(as_text=True)
    assert "We suggest stage 1: Calm, stenosis type" in page and "Your leg pain today is 8 out of 10. At 7 or more" in page
    page = client.post("/welcome", data=answers(episode_start=start, leg_pain="2", tingling="yes")).get_data(as_text=True)
    assert "We suggest stage 2" in page and "numbness or pins and needles today" in page


def test_welcome_answers_are_checked(client, auth):
    auth.signup()
    safety_step(client)
    future = (today() + dt.timedelta(days=3)).isoformat()
    r = client.post("/welcome", data={"episode_start": future, "leg_pain": "11", "country": "Mars"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "That date is in the future" in page and "Choose which leg hurts" in page
    assert "Choose a number from 0 to 10" in page
    assert "Tick any that apply to you, or &#34;None of these&#34;." in page
    assert "Choose where you live" in page
    r = client.post("/welcome/confirm", data={"episode_start": "", "stage": "1", "pattern": "disc"})
    assert r.headers["Location"] == "/welcome" and User.by_email("ana@example.com").onboarded_at is None


def test_new_weakness_at_the_start_is_routed(client, auth, db):
    auth.signup()
    safety_step(client)
    page = client.post("/welcome", data=answers(weakness="yes", weakness_new="yes", weakness_side="one"))
    html = text_of(page.get_data(as_text=True))
    assert page.status_code == 200 and "Call your GP today" in html and "We suggest stage 1" in html
    assert RedFlagCheck.select().where(RedFlagCheck.tier == "today").get().contact_today == "weak_leg"
    r = client.post("/welcome", data=answers(weakness="yes", weakness_new="yes", weakness_side="both"))
    assert r.headers["Location"] == "/emergency?signs=both_legs_new"


def test_both_legs_shows_the_warning_and_asks_four_questions(client, auth):
    auth.signup()
    safety_step(client)
    assert 'class="both-warning"' in client.get("/welcome").get_data(as_text=True)
    page = client.post("/welcome", data=answers(side="both")).get_data(as_text=True)
    assert "Four questions about both legs" in page
    for question in ("start or spread to both legs in the last 2 weeks", "between your legs, or in your bladder",
                     "there all the time, even when you sit or lie down", "examined you"):
        assert question in page
    assert 'type="hidden" name="leg_pain" value="4"' in page         # the answers so far are carried




@pytest.mark.parametrize("question, code", [("both_recent", "both_legs_new"), ("both_saddle", "both_legs_saddle")])
def test_both_legs_new_or_with_saddle_signs_is_an_emergency(client, auth, db, question, code):
    auth.signup()
    safety_step(client)
    r = client.post("/welcome", data=answers(side="both", **{**BOTH, question: "yes"}))
    assert r.headers["Location"] == f"/emergency?signs={code}"
    assert RedFlagCheck.get(RedFlagCheck.tier == "now").go_now == code


def test_both_legs_all_the_time_is_urgent_and_stage_1_only(client, auth, db):
    auth.signup()
    safety_step(client)
    start = (today() - dt.timedelta(weeks=20)).isoformat()
    html = text_of(client.post("/welcome", data=answers(side="both", episode_start=start, leg_pain="2",
                                                        **{**BOTH, "both_constant": "yes"})).get_data(as_text=True))
    assert "Call your GP today" in html and "We suggest stage 1" in html
    assert RedFlagCheck.get(RedFlagCheck.tier == "today").contact_today == "both_legs_always"


def test_both_legs_never_examined_is_see_a_gp_in_a_few_days(client, auth, db):
    auth.signup()
    safety_step(client)
    html = text_of(client.post("/welcome", data=answers(side="both", **{**BOTH, "both_examined": "no"})).get_data(as_text=True))
    assert ("Symptoms in both legs that no doctor or physio has examined are not an emergency unless they "
            "change. See your GP in the next few days.") in html
    assert RedFlagCheck.get(RedFlagCheck.tier == "soon").contact_today == "both_legs_unchecked"
    assert User.by_email("ana@example.com").both_legs_checked_on is None


def test_both_legs_checked_and_stable_suggests_stenosis_and_is_recorded(client, auth, db):
    auth.signup()
    safety_step(client)
    form = answers(side="both", pattern_answer="unsure", **BOTH)
    html = client.post("/welcome", data=form).get_data(as_text=True)
    assert "stenosis type" in html and "both legs, checked, stable" in html
    assert RedFlagCheck.select().where(RedFlagCheck.tier != "none").count() == 0
    assert User.by_email("ana@example.com").both_legs_checked_on == today()
    r = client.post("/welcome/confirm", data={**form, "stage": "1", "pattern": "stenosis"})
    assert r.headers["Location"] == "/"
    assert "Both legs: a quick check" not in client.get("/").get_data(as_text=True)


def test_both_legs_are_asked_again_after_12_weeks(client, auth, db):
    user = onboard(client, auth, side="both", **BOTH)
    assert "Both legs: a quick check" not in client.get("/").get_data(as_text=True)
    User.update(both_legs_checked_on=today() - dt.timedelta(weeks=12)).where(User.id == user.id).execute()
    assert "Both legs: a quick check" in client.get("/").get_data(as_text=True)
    r = client.post("/welcome/both-legs", data=BOTH)
    assert r.headers["Location"] == "/" and User.get_by_id(user.id).both_legs_checked_on == today()
    r = client.post("/welcome/both-legs", data={**BOTH, "both_recent": "yes"})
    assert r.headers["Location"] == "/emergency?signs=both_legs_new"
    assert client.post("/welcome/both-legs", data={"both_recent": "maybe"}).status_code == 422


def test_a_go_now_answer_before_welcome_shows_the_pause_there_too(client, auth):
    auth.signup()
    user = User.by_email("ana@example.com")
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow(), tier="now", go_now="bladder")
    html = client.get(client.get("/").headers["Location"]).get_data(as_text=True)
    assert "Your exercises are paused" in html and 'href="/log/assessed"' in html


def test_past_cancer_at_the_start_is_once_a_see_your_gp_and_never_daily(client, auth, db):
    auth.signup()
    safety_step(client)
    html = text_of(client.post("/welcome", data=answers(background="past_cancer", background_none="")).get_data(as_text=True))
    assert "See your GP in the next few days" in html and "cancer in the past" in html
    finding = RedFlagCheck.get(RedFlagCheck.tier == "soon")
    assert finding.contact_today == "risk_past_cancer"
    client.post("/welcome/confirm", data={**answers(background="past_cancer", background_none=""),
                                          "stage": "1", "pattern": "disc"})
    assert RedFlagCheck.select().where(RedFlagCheck.tier == "soon").count() == 1   # not recorded twice
    r = client.post("/log/", data={"redflag": "none", "local_date": (today() + dt.timedelta(days=1)).isoformat()})
    assert "/urgent" not in r.headers["Location"]
    assert RedFlagCheck.select().order_by(RedFlagCheck.id.desc()).first().tier == "none"


# ---- people who started before these questions existed ----

def _an_earlier_person(client, auth, side="left"):
    user = onboard(client, auth, side=side, **BOTH)
    User.update(background_answered_at=None, country=None, background="",
                both_legs_checked_on=None).where(User.id == user.id).execute()
    return user


def test_people_already_past_onboarding_are_asked_once_in_one_short_screen(client, auth, db):
    user = _an_earlier_person(client, auth)
    assert client.get("/").headers["Location"] == "/welcome/once"
    html = client.get("/welcome/once").get_data(as_text=True)
    assert "Do any of these apply to you?" in html and 'name="country"' in html and "Both legs" not in html
    r = client.post("/welcome/once", data={"background": ["bones"], "country": "AU", "pregnant": "no"})
    assert r.headers["Location"] == "/"
    user = User.get_by_id(user.id)
    assert (user.background, user.country) == ("bones", "AU") and user.background_answered_at is not None
    assert client.get("/").status_code == 200                      # asked once, not again


def test_the_one_time_screen_asks_the_both_legs_questions_too(client, auth, db):
    user = _an_earlier_person(client, auth, side="both")
    html = client.get("/welcome/once").get_data(as_text=True)
    assert "Both legs" in html and "examined you" in html
    assert client.post("/welcome/once", data={"background_none": "yes", "country": "GB",
                                              "pregnant": "no"}).status_code == 422
    r = client.post("/welcome/once", data={"background_none": "yes", "country": "GB", "pregnant": "no", **BOTH})
    assert r.headers["Location"] == "/" and User.get_by_id(user.id).both_legs_checked_on == today()


# ---- issue 21: onboarding across midnight ----

def phone_clock(zone):
    """What the phone fills into the go-now step: its clock and time zone (static/js/log.js)."""
    from zoneinfo import ZoneInfo
    now = dt.datetime.now(ZoneInfo(zone))
    return {"timezone": zone, "local_date": now.date().isoformat(), "local_time": now.strftime("%H:%M"),
            "tz_offset_minutes": str(int(now.utcoffset().total_seconds() // 60))}


@pytest.mark.parametrize("zone, server_utc, local_day", [
    ("Australia/Sydney", "2026-12-06 22:30:00", dt.date(2026, 12, 7)),        # 09:30 on the 7th in Sydney
    ("America/Los_Angeles", "2026-12-07 05:30:00", dt.date(2026, 12, 6)),     # 21:30 on the 6th in LA
])
def test_a_person_whose_day_differs_from_the_servers_gets_through_the_welcome(client, auth, zone, server_utc,
                                                                              local_day):
    from freezegun import freeze_time
    with freeze_time(server_utc, tick=True):
        auth.signup()
        r = client.post("/welcome/safety", data={"redflag": "none", **phone_clock(zone)})
        assert r.headers["Location"] == "/welcome"
        assert RedFlagCheck.get().local_date == local_day            # the person's day, not the server's
        start = (local_day - dt.timedelta(days=21)).isoformat()
        form = answers(timezone=zone, episode_start=start)
        assert "We suggest stage" in client.post("/welcome", data=form).get_data(as_text=True)
        r = client.post("/welcome/confirm", data={**form, "stage": "1", "pattern": "disc"})
        assert r.status_code == 303 and r.headers["Location"] == "/"      # never back to the first step
        user = User.by_email("ana@example.com")
        assert user.onboarded_at is not None and user.timezone == zone
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("server_utc", ["2026-12-06 23:30:00", "2026-12-07 05:30:00"])
def test_without_javascript_every_step_uses_the_servers_day_and_never_loops(client, auth, server_utc):
    from freezegun import freeze_time
    with freeze_time(server_utc, tick=True):
        auth.signup()
        assert client.post("/welcome/safety", data={"redflag": "none"}).headers["Location"] == "/welcome"
        form = answers(timezone="", episode_start="2026-11-01")
        r = client.post("/welcome/confirm", data={**form, "stage": "1", "pattern": "disc"})
        assert r.headers["Location"] == "/" and User.by_email("ana@example.com").onboarded_at is not None


def test_a_new_day_in_the_middle_of_the_welcome_says_why_and_keeps_the_answers(client, auth):
    from freezegun import freeze_time
    zone = "Australia/Sydney"
    with freeze_time("2026-12-06 12:50:00", tick=True):                   # 23:50 in Sydney
        auth.signup()
        client.post("/welcome/safety", data={"redflag": "none", **phone_clock(zone)})
    with freeze_time("2026-12-06 13:10:00", tick=True):                   # 00:10 the next day
        form = answers(timezone=zone, episode_start="2026-11-01", side="right", leg_pain="6")
        r = client.post("/welcome/confirm", data={**form, "stage": "1", "pattern": "disc"})
        html = r.get_data(as_text=True)
        assert r.status_code == 200 and "First, a safety check" in html
        assert "It is a new day where you are, so the safety check comes first again" in html
        assert User.by_email("ana@example.com").onboarded_at is None
        carried = dict(re.findall(r'<input type="hidden" name="(side|leg_pain|episode_start)" value="([^"]*)">', html))
        assert carried == {"side": "right", "leg_pain": "6", "episode_start": "2026-11-01"}
        page = client.post("/welcome/safety", data={"redflag": "none", **phone_clock(zone), **carried,
                                                    "pattern_answer": "disc"})
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "How long have you had it?" in html
        assert 'value="2026-11-01"' in html and 'id="side-right" value="right" checked' in html
        assert [c.local_date for c in RedFlagCheck.select().order_by(RedFlagCheck.id)] == [
            dt.date(2026, 12, 6), dt.date(2026, 12, 7)]
