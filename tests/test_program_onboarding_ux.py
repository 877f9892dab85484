"""Onboarding that respects a person in pain (issue 23, item 6): "Create an account" is the main
action; "How long have you had it?" is a choice of four spans with the date optional, erring
towards the gentler stage without a date; a disagreeing date is asked about next to the field;
reloading the recovery-codes page answers a page, never 405."""
import datetime as dt
import re

import pytest

from webapp.models import RecoveryCode, User

from .helpers import LONDON, WELCOME, text_of
from .helpers import london_today as today


@pytest.fixture
def ana(client, auth):
    auth.signup("ana@example.com")
    assert client.post("/welcome/safety", data={"redflag": "none"}).status_code == 303
    return User.by_email("ana@example.com")


def answers(**more):
    return {**WELCOME, "pattern_answer": "disc", "timezone": LONDON, **more}


def primary_buttons(html):
    return [text_of(m) for m in re.findall(r'<(?:a|button)[^>]*class="button button-primary[^"]*"[^>]*>(.*?)</(?:a|button)>',
                                           html, re.DOTALL)]


def test_create_an_account_is_the_main_action_for_a_newcomer(client):
    html = client.get("/account/signin").get_data(as_text=True)
    assert primary_buttons(html) == ["Create an account"]
    assert 'href="/account/signup"' in html
    assert primary_buttons(client.get("/account/signup").get_data(as_text=True)) == ["Create an account"]


def test_how_long_is_a_choice_of_four_and_the_date_is_optional(client, ana):
    html = client.get("/welcome").get_data(as_text=True)
    assert "How long have you had it?" in html
    labels = [text_of(label) for label in re.findall(r'<label for="episode_band-[^"]+">(.*?)</label>', html)]
    assert labels == ["Under 2 weeks", "2 to 6 weeks", "6 to 12 weeks", "Over 3 months"]
    date = re.search(r'<input type="date" id="episode_start"[^>]*>', html, re.DOTALL).group(0)
    assert "required" not in date
    assert "The day it started (optional)" in html


@pytest.mark.parametrize(("band", "pain", "stage", "days"), [
    ("under_2w", "4", 1, 0), ("2_6w", "4", 1, 14), ("6_12w", "4", 2, 42), ("over_3m", "2", 3, 85)])
def test_a_span_alone_suggests_the_stage_from_its_shortest_end(client, ana, band, pain, stage, days):
    r = client.post("/welcome", data=answers(episode_band=band, leg_pain=pain))
    assert r.status_code == 200
    page = text_of(r.get_data(as_text=True))
    words = {"under_2w": "less than 2 weeks", "2_6w": "2 to 6 weeks", "6_12w": "6 to 12 weeks",
             "over_3m": "over 3 months"}[band]
    assert f"You said this episode started {words} ago." in page
    assert f"so we suggest stage {stage}" in page
    user = User.get_by_id(ana.id)
    assert (user.episode_band, user.episode_dated) == (band, False)
    assert user.episode_start == today() - dt.timedelta(days=days)
    # Confirming starts the program there, and the choice comes back on the welcome page.
    r = client.post("/welcome/confirm", data=answers(episode_band=band, leg_pain=pain, stage=str(stage),
                                                     pattern="disc"))
    assert r.status_code == 303 and r.headers["Location"] == "/"
    assert User.get_by_id(ana.id).stage == stage


def test_a_date_alone_still_works_and_sets_the_span(client, ana):
    start = today() - dt.timedelta(weeks=8)
    r = client.post("/welcome", data=answers(episode_start=start.isoformat()))
    assert r.status_code == 200 and "This episode started 8 weeks ago" in text_of(r.get_data(as_text=True))
    user = User.get_by_id(ana.id)
    assert (user.episode_band, user.episode_dated, user.episode_start) == ("6_12w", True, start)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "episode_band", "Choose how long you have had it."),
    ({"episode_band": "forever"}, "episode_band", "Choose how long you have had it."),
    ({"episode_band": "2_6w", "episode_start": "yesterday"}, "episode_start", "Enter the date like 2026-10-01"),
    ({"episode_band": "under_2w", "episode_start": "2999-01-01"}, "episode_start", "That date is in the future"),
    ({"episode_band": "under_2w", "episode_start": (dt.date.today() - dt.timedelta(days=60)).isoformat()},
     "episode_start", "which is not \u201cunder 2 weeks\u201d"),
])
def test_a_missing_or_disagreeing_answer_is_asked_about_next_to_its_field(client, ana, data, field, message):
    r = client.post("/welcome", data=answers(**data))
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.DOTALL)
    assert error and message in text_of(error.group(1)), html[:0]
    assert User.get_by_id(ana.id).stage is None
    # The other answers are kept on the page.
    assert 'id="side-left" value="left" checked' in html


def test_reloading_the_recovery_codes_page_is_a_page_not_a_405(client, auth):
    auth.signup("ben@example.com")
    r = client.get("/account/recovery/codes")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    page = text_of(r.get_data(as_text=True))
    assert "You have no recovery codes yet" in page
    assert client.post("/account/recovery/codes").status_code == 201
    assert len(RecoveryCode.unused(User.by_email("ben@example.com"))) == 8
    page = text_of(client.get("/account/recovery/codes").get_data(as_text=True))
    assert "Your codes were shown once" in page and "Make a new set" in page
    # The reload made no new set: the codes written down still work.
    assert len(RecoveryCode.unused(User.by_email("ben@example.com"))) == 8


def test_the_browser_re_posting_the_codes_page_makes_no_new_set(client, auth):
    """Chromium's reload of the codes page sends the same form again: the set just shown stays."""
    auth.signup("cy@example.com")
    assert client.post("/account/recovery/codes", data={"press": "a1b2c3"}).status_code == 201
    first = [c.code_hash for c in RecoveryCode.unused(User.by_email("cy@example.com"))]
    again = client.post("/account/recovery/codes", data={"press": "a1b2c3"})
    assert again.status_code == 200 and "Your codes were shown once" in text_of(again.get_data(as_text=True))
    assert [c.code_hash for c in RecoveryCode.unused(User.by_email("cy@example.com"))] == first
    # A new press (the "Make a new set" button) makes a new set.
    assert client.post("/account/recovery/codes", data={"press": "d4e5f6"}).status_code == 201
    assert [c.code_hash for c in RecoveryCode.unused(User.by_email("cy@example.com"))] != first


def test_the_recovery_codes_page_needs_a_sign_in(client):
    r = client.get("/account/recovery/codes")
    assert r.status_code in (302, 303) and "/account/signin" in r.headers["Location"]
