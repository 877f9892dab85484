"""Today's whole page is kept per Day and what else it shows (webapp/program/views.py, _page_key):
drawn once while nothing changes, drawn again at once when anything it shows does, and drawn for
the request alone when it brings something of its own (a message shown once, a query string).

Every test in the suite runs with STENCIL_CHECK on (tests/helpers.make_app): each kept page is
compared with one drawn afresh, so a key that misses an input fails wherever it shows. Here the
check is off where the tests count what production draws."""
import re
import uuid as uuidlib

import pytest
from flask import template_rendered

from webapp.models import RedFlagCheck, User, utcnow
from webapp.program import daycache
from webapp.program import views as program_views

from .conftest import _serve, database_url
from .helpers import Auth, csrf_token_from, make_app, onboard, text_of
from .helpers import london_today as today
from .test_practice_desk import statements

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def production(backend, tmp_path):
    """The app as it runs: kept pages are not compared with fresh ones."""
    yield from _serve(make_app(database_url(backend, tmp_path), STENCIL_CHECK=False))


def drawn_pages(app):
    """The names of the templates drawn from now on."""
    names = []
    template_rendered.connect(lambda sender, template, **extra: names.append(template.name), app, weak=False)
    return names


def same_but_ids(html):
    """The page with its record ids and CSRF token (signed with the second it was made) blanked."""
    return UUID.sub("ID", html).replace(csrf_token_from(html), "TOKEN")


def banner(client, languages):
    html = client.get("/", headers={"Accept-Language": languages}).get_data(as_text=True)
    start = html.index('class="redflag-banner"')
    return text_of(html[start:html.index("</aside>", start)])


def test_the_page_is_drawn_once_while_nothing_changes(production):
    client = production.test_client()
    onboard(client, Auth(client), stage=3, weeks=20)
    first = client.get("/").get_data(as_text=True)
    drawn = drawn_pages(production)
    pages = [client.get("/").get_data(as_text=True) for _ in range(3)]
    assert "program/today.html" not in drawn and drawn == []
    assert {same_but_ids(page) for page in pages} == {same_but_ids(first)}
    assert len(set(UUID.findall("".join(pages)))) == len(UUID.findall("".join(pages)))    # no id twice
    client.post("/today/done", data={"exercise": "curl-downs", "session": "midday", "uuid": str(uuidlib.uuid4())})
    assert "Saved." in text_of(client.get("/").get_data(as_text=True))       # drawn for its message
    assert "1 of 2 today" in text_of(client.get("/").get_data(as_text=True))  # kept for the new count
    client.get("/")
    assert drawn.count("program/today.html") == 2


def test_a_kept_today_is_one_statement(production):
    """The session's, which reads the person's row: their warning-sign answers come with the
    kept Day (tests/test_program_daycache.py shows every change to them gives a new Day)."""
    client = production.test_client()
    onboard(client, Auth(client), stage=3, weeks=20)
    client.get("/")
    assert statements(lambda: client.get("/")) == 1


def test_a_message_is_shown_once_then_the_page_is_kept_again(client, auth):
    onboard(client, auth, stage=3, weeks=20)
    client.get("/")
    client.post("/today/done", data={"exercise": "curl-downs", "session": "midday", "uuid": str(uuidlib.uuid4())})
    assert ": Saved." in text_of(client.get("/").get_data(as_text=True))
    assert "Saved." not in text_of(client.get("/").get_data(as_text=True))
    assert "Saved." not in text_of(client.get("/").get_data(as_text=True))


def test_the_emergency_numbers_follow_the_browser_for_a_person_with_no_country(client, auth):
    ana = onboard(client, auth)
    User.update(country=None).where(User.id == ana.id).execute()
    assert "999 now" in banner(client, "en-GB")
    assert "911 now" in banner(client, "en-US,en;q=0.8")
    assert "999 now" in banner(client, "en-GB")
    assert "000 now" in banner(client, "en-AU")
    assert "911 now" in banner(client, "en-US,en;q=0.8")


def test_the_pages_kept_per_day_are_bounded(production):
    client = production.test_client()
    ana = onboard(client, Auth(client))
    User.update(country=None).where(User.id == ana.id).execute()
    for languages in ("en-GB", "en-US", "en-AU", "en-NZ", "de-AT"):
        client.get("/", headers={"Accept-Language": languages})
    entry = production.extensions["day_cache"]._entries[ana.id][1]
    assert len(entry.pages) == daycache.PAGES_PER_DAY


def test_a_contact_today_answer_shows_its_card_until_the_person_has_acted(client, auth):
    ana = onboard(client, auth)
    assert "Have you spoken to your" not in text_of(client.get("/").get_data(as_text=True))
    RedFlagCheck.create(user=ana, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow(), tier="today", contact_today="new_numbness")
    assert "Have you spoken to your" in text_of(client.get("/").get_data(as_text=True))
    assert client.post("/log/contacted", data={"spoken": "yes"}).status_code in (302, 303)
    assert "Have you spoken to your" not in text_of(client.get("/").get_data(as_text=True))


def test_the_recovery_offer_shows_until_it_is_answered(client, auth):
    ana = onboard(client, auth)
    client.get("/")
    User.update(recovery_offered_at=None).where(User.id == ana.id).execute()
    assert "Keep a way back in." in text_of(client.get("/").get_data(as_text=True))
    assert client.post("/account/recovery/later?next=/").status_code in (302, 303)
    assert "Keep a way back in." not in text_of(client.get("/").get_data(as_text=True))


def test_a_query_string_gets_its_own_page_with_the_same_content(production):
    client = production.test_client()
    ana = onboard(client, Auth(client))
    User.update(recovery_offered_at=utcnow()).where(User.id == ana.id).execute()   # its links carry ?next=
    kept = client.get("/").get_data(as_text=True)
    drawn = drawn_pages(production)
    opened = client.get("/?source=home-screen").get_data(as_text=True)
    assert drawn.count("program/today.html") == 1
    assert same_but_ids(opened) == same_but_ids(kept)


def test_the_check_fails_when_the_key_misses_something_the_page_shows(client, auth, monkeypatch, caplog):
    """STENCIL_CHECK is a real check: a key without the country would serve the wrong number."""
    ana = onboard(client, auth)
    User.update(country=None).where(User.id == ana.id).execute()
    monkeypatch.setattr(program_views, "_page_key", lambda: ("page",))
    assert "999 now" in banner(client, "en-GB")
    assert client.get("/", headers={"Accept-Language": "en-US"}).status_code == 500
    assert "_page_key misses something it shows" in caplog.text
