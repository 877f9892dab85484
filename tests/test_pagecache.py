"""The signed-in pages kept until what they show changes (webapp/pagecache.py): the log, history,
program, an exercise, the library, an article and the report are drawn once while nothing changes,
each copy with its own record ids; a change made straight in the database (no view told) shows on
the next request (the caseload's kept figures: tests/test_practice_desk.py); and
STENCIL_CHECK fails a key that misses something a page shows.
Here the check is off where the tests count what production draws."""
import datetime as dt
import re
import uuid as uuidlib

import pytest
from flask import template_rendered

from webapp.db import database
from webapp.models import CheckIn, User

from .conftest import _serve, database_url
from .helpers import Auth, csrf_token_from, make_app, new_uuid, onboard, text_of
from .helpers import london_today as today

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
KEPT = ("/log/", "/log/history", "/program", "/exercises/curl-downs", "/library/", "/library/what-is-sciatica",
        "/report/")


@pytest.fixture
def production(backend, tmp_path):
    """The app as it runs: kept pages are not compared with fresh ones."""
    yield from _serve(make_app(database_url(backend, tmp_path), STENCIL_CHECK=False))


def same_but_ids(html):
    """The page with its record ids and CSRF token (signed with the second it was made) blanked."""
    return UUID.sub("ID", html).replace(csrf_token_from(html), "TOKEN")


def drawn_pages(app):
    names = []
    template_rendered.connect(lambda sender, template, **extra: names.append(template.name), app, weak=False)
    return names


@pytest.mark.parametrize("path", KEPT)
def test_each_page_is_drawn_once_while_nothing_changes_with_new_ids_on_every_copy(production, path):
    client = production.test_client()
    onboard(client, Auth(client), stage=3, weeks=20)
    first = client.get(path)
    assert first.status_code == 200
    drawn = drawn_pages(production)
    pages = [client.get(path).get_data(as_text=True) for _ in range(3)]
    assert drawn == []
    ids = UUID.findall("".join(pages))
    assert len(set(ids)) == len(ids)            # a record id is never handed out twice
    assert {same_but_ids(page) for page in pages} == {same_but_ids(first.get_data(as_text=True))}


def test_a_visit_written_straight_into_the_database_shows_on_the_kept_report(production):
    """Migration 0019: a visit moves the person's data_version, raw SQL included."""
    client = production.test_client()
    ana = onboard(client, Auth(client), stage=3, weeks=20)
    # A check-in well before the visit, so the report's range can start at the visit.
    CheckIn.create(user=ana, uuid=new_uuid(), local_date=today() - dt.timedelta(days=10), local_time="09:00",
                   client_updated_at=dt.datetime(2026, 1, 1), leg_pain=5)
    assert "since the visit on" not in text_of(client.get("/report/").get_data(as_text=True))
    day = today() - dt.timedelta(days=3)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    p = database.param
    database.execute_sql(
        f'INSERT INTO "visit" (user_id, uuid, visit_date, practitioner, note, created_at, updated_at) '
        f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})", [ana.id, str(uuidlib.uuid4()), day, "Jo", "", now, now])
    assert "since the visit on" in text_of(client.get("/report/").get_data(as_text=True))


def test_the_check_fails_a_key_that_misses_the_emergency_numbers_country(app):
    """STENCIL_CHECK is a real check: a key without the country would serve the wrong number on
    the log page to a person who chose no country."""
    client = app.test_client()
    ana = onboard(client, Auth(client))
    User.update(country=None).where(User.id == ana.id).execute()
    kept = app.extensions["kept_pages"]
    kept.parts, parts = [], kept.parts
    try:
        assert "999" in client.get("/log/", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
        assert client.get("/log/", headers={"Accept-Language": "en-US"}).status_code == 500
    finally:
        kept.parts = parts
    page = client.get("/log/", headers={"Accept-Language": "en-US"})
    assert page.status_code == 200 and "911" in page.get_data(as_text=True)


def test_kept_pages_stay_within_their_bytes_dropping_the_oldest():
    from webapp.pagecache import KeptPages
    from webapp.stencil import keep
    pages = KeptPages(budget=100)
    pages.put((1, "/log/"), "k", keep("x" * 60, [], None))
    pages.put((1, "/log/"), "k2", keep("x" * 50, [], None))        # the same slot replaced, not added
    assert pages.size == 50
    pages.put((2, "/log/"), "k", keep("ñ" * 30, [], None))         # 60 bytes of UTF-8
    assert pages.get((1, "/log/"), "k2") is None and pages.get((2, "/log/"), "k") is not None
    assert pages.size == 60
