"""Today tells the person when their practitioner changes their program (issue 23, item 8): a card
with what changed, who and why, until they say "Got it"; a new change brings it back. Today's kept
page gives way at once, both ways."""
import re

import pytest

from webapp.models import ProgramChange, RedFlagCheck, User, utcnow

from .helpers import JO, Auth, add_checkins, csrf_token_from, link_up, new_uuid, onboard, text_of
from .helpers import london_today as today

HEADING = "Your practitioner changed your program"


@pytest.fixture
def ana(client, auth):
    user = onboard(client, auth, stage=3, weeks=20)
    add_checkins(user, [3, 3, 2, 2, 2, 2, 2])
    return user


@pytest.fixture
def program(client, jo, ana):
    return f"/practice/people/{link_up(client, jo)}/program/"


def card(html):
    """The card's words, or None when Today has no card."""
    found = re.search(r'<section class="card changed-card".*?</section>', html, re.DOTALL)
    return text_of(found.group(0)) if found else None


def test_a_change_shows_on_today_until_got_it_and_a_new_one_brings_it_back(client, jo, ana, program):
    assert card(client.get("/").get_data(as_text=True)) is None          # kept page drawn before
    assert jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4",
                                  "reason": "Coping well with bending"}).status_code == 303
    words = card(client.get("/").get_data(as_text=True))
    assert words.startswith(HEADING)
    assert f"Curl downs: up to 4 a day. Set by {JO} on {today():%-d %b %Y}: Coping well with bending" in words
    assert "See every change, or stop one" in words
    # Reloading does not dismiss it; "Got it" does, and is kept on the person's row.
    assert card(client.get("/").get_data(as_text=True)) is not None
    r = client.post("/care/changes/seen")
    assert r.status_code == 303 and r.headers["Location"].endswith("/")
    assert User.get_by_id(ana.id).changes_seen_at is not None
    assert card(client.get("/").get_data(as_text=True)) is None
    # A second change: only the new one is on the card.
    jo.post(program, data={"kind": "hide", "exercise": "curl-downs", "reason": "Rest the back a week"})
    words = card(client.get("/").get_data(as_text=True))
    assert "Curl downs: left off Today" in words and "Coping well" not in words
    assert ProgramChange.select().count() == 2
    # Stopped before it was seen: news no more.
    change = ProgramChange.get(ProgramChange.kind == "hide")
    assert client.post(f"/care/changes/{change.id}/end").status_code == 303
    assert card(client.get("/").get_data(as_text=True)) is None


def test_the_card_is_only_about_the_person_s_own_program(client, jo, ana, program, app):
    """Ben, on the same server, sees nothing of Ana's change, and his "Got it" leaves hers."""
    jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4", "reason": "Mine"})
    ben = app.test_client()
    onboard(ben, Auth(ben), email="ben@example.com", stage=3, weeks=20)
    assert card(ben.get("/").get_data(as_text=True)) is None
    assert ben.post("/care/changes/seen").status_code == 303
    assert User.get_by_id(ana.id).changes_seen_at is None
    assert "Mine" in card(client.get("/").get_data(as_text=True))
    # The practitioner's own pages never carry it.
    assert HEADING not in jo.get("/practice/").get_data(as_text=True)


def test_the_card_waits_while_a_go_now_answer_pauses_the_program(client, jo, ana, program):
    jo.post(program, data={"kind": "cap", "exercise": "curl-downs", "per_day": "4", "reason": "Coping well"})
    RedFlagCheck.create(user=ana, uuid=new_uuid(), local_date=today(), local_time="09:00",
                        client_updated_at=utcnow(), tier="now", go_now="saddle")
    html = client.get("/").get_data(as_text=True)
    assert 'id="pause-heading"' in html
    assert card(html) is None
    assert User.get_by_id(ana.id).changes_seen_at is None          # not dismissed: it comes back later


def test_got_it_needs_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/account/signin").get_data(as_text=True))
    client.post("/account/signup", data={"email": "ana@example.com", "password": "correct horse battery",
                                         "privacy": "y"}, headers={"X-CSRFToken": token})
    before = User.by_email("ana@example.com").changes_seen_at
    assert client.post("/care/changes/seen").status_code == 400
    assert User.by_email("ana@example.com").changes_seen_at == before is None
