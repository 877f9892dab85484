"""Welcome: the questions, the suggested stage and pattern with reasons, and the pause shown there."""
import datetime as dt
import uuid as uuidlib

from webapp.models import RedFlagCheck, StageChange, User, utcnow

from .helpers import london_today as today


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


def test_a_go_now_answer_before_welcome_shows_the_pause_there_too(client, auth):
    auth.signup()
    user = User.by_email("ana@example.com")
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow(), tier="now", go_now="bladder")
    html = client.get(client.get("/").headers["Location"]).get_data(as_text=True)
    assert "Your exercises are paused" in html and 'href="/log/assessed"' in html
