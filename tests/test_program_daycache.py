"""Today's kept suggestion and day plan (webapp/program/daycache.py) are never older than the
data: each input changes the page at once, by any path (a form, a sync, a practitioner, a
statement run straight on the database, another server sharing the database), and the cache
is really used when nothing changed."""
import datetime as dt
import importlib
import re
import uuid as uuidlib
from zoneinfo import ZoneInfo

import pytest

from webapp import db as dbmod
from webapp.models import Completion, DismissedSuggestion, ProgramChange, RedFlagCheck, User, utcnow

from .conftest import database_url
from .helpers import (
    LONDON,
    WELCOME,
    Auth,
    add_checkins,
    backdate_stage,
    csrf_token_from,
    link_up,
    make_app,
    onboard,
    practitioner_signup,
    sync_completion,
    text_of,
)
from .helpers import london_today as today


def curl_row(client, session="midday"):
    html = client.get("/").get_data(as_text=True)
    start = html.index(f'id="ex-{session}-curl-downs"')
    return text_of(html[start:html.index("</li>", start)])


def tick(client, slug="curl-downs", session="midday"):
    return client.post("/today/done", data={"exercise": slug, "session": session, "uuid": str(uuidlib.uuid4())})


def cache(app):
    return app.extensions["day_cache"]


@pytest.fixture
def ana(client, auth):
    return onboard(client, auth, stage=3, weeks=20)


def test_nothing_changed_so_the_plan_is_not_worked_out_again(app, client, ana):
    client.get("/")
    misses = cache(app).misses
    for _ in range(3):
        assert "0 of 2 today" in curl_row(client)
    assert cache(app).misses == misses and cache(app).hits >= 3


def record_ids(html):
    """Every record id on the page: the check-in's and the answer's, and each row's Done."""
    found = re.findall(r'name="(?:uuid|redflag_uuid)" value="([0-9a-f-]{36})"'
                       r'|name="done"\s+value="[^" ]+ [^" ]* ([0-9a-f-]{36})"', html)
    return [a or b for a, b in found]


def test_two_pages_never_share_a_record_id_and_carry_their_own_csrf_token(csrf_app):
    """Two tabs from one kept plan: each tick is its own record, both counted; every form on the
    page carries that page's CSRF token, and no stencil mark is left in the page."""
    client = csrf_app.test_client()

    def post(url, data, page="/account/signin"):
        token = csrf_token_from(client.get(page).get_data(as_text=True))
        return client.post(url, data=data, headers={"X-CSRFToken": token})
    assert post("/account/signup", {"email": "ana@example.com", "password": "correct horse battery",
                                    "privacy": "y"}).status_code == 302
    assert post("/welcome/safety", {"redflag": "none"}, "/account/").status_code == 303
    assert post("/welcome/confirm", {**WELCOME, "episode_start": (today() - dt.timedelta(weeks=20)).isoformat(),
                                     "pattern_answer": "disc", "timezone": LONDON, "stage": "3",
                                     "pattern": "disc", "override": "Physio"}, "/account/").status_code == 303
    first, second = client.get("/").get_data(as_text=True), client.get("/").get_data(as_text=True)
    assert 'id="ex-midday-curl-downs"' in first and "Quick check-in" in first
    ids = record_ids(first) + record_ids(second)
    assert len(ids) >= 20 and len(set(ids)) == len(ids)
    for page in (first, second):
        token = csrf_token_from(page)
        assert set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) == {token}
        assert "<!--record id-->" not in page and "<!--csrf token-->" not in page
    # Two ticks from the two pages' forms: both stored, both counted.
    for page in (first, second):
        start = page.index('id="ex-midday-curl-downs"')
        uid = record_ids(page[start:])[0]
        r = client.post("/today/done", data={"exercise": "curl-downs", "session": "midday", "uuid": uid,
                                             "csrf_token": csrf_token_from(page)})
        assert r.status_code == 303
    assert "2 of 2 today" in curl_row(client)


def test_a_tick_a_sync_and_a_deletion_show_at_once(app, client, ana):
    assert "0 of 2 today" in curl_row(client)
    tick(client)
    assert "1 of 2 today" in curl_row(client)
    uid = str(uuidlib.uuid4())
    with app.app_context():
        sync_completion(ana, "curl-downs", today(), uid=uid)
    assert "2 of 2 today" in curl_row(client)
    Completion.delete().where(Completion.uuid == uid).execute()      # any path, even raw SQL
    assert "1 of 2 today" in curl_row(client)


def test_a_go_now_answer_pauses_today_at_once(client, ana):
    assert 'id="ex-midday-curl-downs"' in client.get("/").get_data(as_text=True)
    RedFlagCheck.create(user=ana, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="08:00",
                        client_updated_at=utcnow(), tier="now", go_now="saddle")
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-midday-curl-downs"' not in html and "paused" in text_of(html)


def test_warning_sign_answers_written_straight_into_the_database_show_on_today_at_once(client, ana, db):
    """Today keeps the answers it shows (the contact-a-doctor card, "done today") with its Day, so
    every kind of change to them, by a statement that bypasses the app, must give a new Day."""
    def today_page():
        return text_of(client.get("/").get_data(as_text=True))
    p = db.param
    page = today_page()
    assert "Have you spoken to your" not in page and "(done today" in page             # onboarding's answer
    db.execute_sql(f'DELETE FROM "red_flag_check" WHERE "user_id" = {p}', [ana.id])
    assert "(once a day)" in today_page()

    def answer(uid, time, contact="new_numbness", when=today()):
        db.execute_sql('INSERT INTO "red_flag_check" ("user_id", "uuid", "local_date", "local_time", '
                       '"tz_offset_minutes", "client_updated_at", "created_at", "updated_at", "go_now", '
                       f'"contact_today", "tier", "background", "assessed_note") VALUES ({", ".join([p] * 13)})',
                       [ana.id, uid, when, time, 0, utcnow(), utcnow(), utcnow(), "", contact, "today", "", ""])
    first, second = str(uuidlib.uuid4()), str(uuidlib.uuid4())
    answer(first, "07:00", when=today() - dt.timedelta(days=1))
    page = today_page()
    assert "Have you spoken to your" in page and "(once a day)" in page       # yesterday's: still to do today
    db.execute_sql(f'UPDATE "red_flag_check" SET "contacted_at" = {p} WHERE "uuid" = {p}', [utcnow(), first])
    assert "Have you spoken to your" not in today_page()
    answer(second, "08:00")
    page = today_page()
    assert "Have you spoken to your" in page and "(done today" in page
    db.execute_sql(f'INSERT INTO "red_flag_correction" ("user_id", "answer_uuid", "made_at", "made_by", "note") '
                   f"VALUES ({p}, {p}, {p}, {p}, {p})", [ana.id, second, utcnow(), "person", ""])
    assert "Have you spoken to your" not in today_page()
    db.execute_sql(f'DELETE FROM "red_flag_correction" WHERE "answer_uuid" = {p}', [second])
    assert "Have you spoken to your" in today_page()
    db.execute_sql(f'DELETE FROM "red_flag_check" WHERE "uuid" = {p}', [second])
    page = today_page()
    assert "Have you spoken to your" not in page and "(once a day)" in page


def test_a_stage_change_by_hand_and_a_changed_setting_show_at_once(client, ana):
    assert "Stage 3" in text_of(client.get("/").get_data(as_text=True))
    r = client.post("/program/change", data={"stage": "1", "pattern": "disc", "reason": "Flare"})
    assert r.status_code in (302, 303)
    assert "Stage 1" in text_of(client.get("/").get_data(as_text=True))
    User.update(stage=2).where(User.id == ana.id).execute()
    assert "Stage 2" in text_of(client.get("/").get_data(as_text=True))


def test_check_ins_move_the_suggestion_and_a_dismissal_hides_it(client, auth):
    user = onboard(client, auth, stage=1)
    backdate_stage(user, 20)
    assert "Ready to move up" not in client.get("/").get_data(as_text=True)
    add_checkins(user, [2, 2, 2, 2, 2])
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)
    client.post("/suggestion/dismiss", data={"direction": "up", "to_stage": "2"})
    assert "Ready to move up" not in client.get("/").get_data(as_text=True)


def test_a_practitioners_change_and_a_hold_show_at_once(app, client, auth):
    user = onboard(client, auth, stage=1)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2])
    jo = app.test_client()
    assert practitioner_signup(jo).status_code == 303
    program = f"/practice/people/{link_up(client, jo)}/program/"
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)
    jo.post(program, data={"kind": "stage", "stage": "1", "hold_days": "7", "reason": "Wait for the scan"})
    assert "Ready to move up" not in client.get("/").get_data(as_text=True)
    ProgramChange.update(hold_until=today() - dt.timedelta(days=1)).execute()
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)


def test_a_new_local_day_starts_the_counts_again(client, ana, monkeypatch):
    tick(client)
    assert "1 of 2 today" in curl_row(client)
    tomorrow = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(9), tzinfo=ZoneInfo(LONDON))
    monkeypatch.setattr(User, "local_now", lambda self: tomorrow)
    assert "0 of 2 today" in curl_row(client)


def test_a_whole_row_save_never_winds_the_version_back(client, ana):
    user = User.get_by_id(ana.id)             # read before the tick, as a request would
    tick(client)
    moved_on = User.get_by_id(ana.id).data_version
    assert moved_on > user.data_version
    user.display_name = "Ana"
    user.save()
    assert User.get_by_id(ana.id).data_version == moved_on


def test_two_servers_on_one_database_never_show_a_stale_count_or_stage(backend, tmp_path):
    url = database_url(backend, tmp_path)
    one, two = make_app(url), make_app(url)
    try:
        on_one, on_two = one.test_client(), two.test_client()
        onboard(on_one, Auth(on_one), stage=3, weeks=20)
        assert Auth(on_two).signin().status_code == 302
        assert "0 of 2 today" in curl_row(on_one) and "0 of 2 today" in curl_row(on_two)
        tick(on_two)
        assert "1 of 2 today" in curl_row(on_one)        # one's kept plan gave way at once
        on_two.post("/program/change", data={"stage": "1", "pattern": "disc", "reason": "Flare"})
        assert "Stage 1" in text_of(on_one.get("/").get_data(as_text=True))
        assert cache(one).misses >= 3 and cache(two).misses >= 1
    finally:
        for app in (one, two):
            dbmod.close_all(app.extensions["database"])


def answer(user, day, tier, time="08:00", contacted=False):
    return RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=day, local_time=time,
                               client_updated_at=utcnow(), tier=tier,
                               contact_today="" if tier == "none" else "weak_leg",
                               contacted_at=utcnow() if contacted else None)


def test_todays_warning_sign_answers_in_one_query(client, ana, auth):
    assert RedFlagCheck.today_answers(User.create(email="zoe@example.com", password_hash="x")) == (None, [])
    first = today() - dt.timedelta(days=10)
    made = [answer(ana, first + dt.timedelta(days=i), "today" if i % 2 else "soon") for i in range(7)]
    answer(ana, today() - dt.timedelta(days=1), "today", contacted=True)      # acted on: not awaiting
    answer(ana, today(), "none", time="07:00")
    other = onboard(client, auth, email="ben@example.com")
    answer(other, today() + dt.timedelta(days=1), "today")                   # someone else's
    latest, awaiting = RedFlagCheck.today_answers(ana)
    assert latest == today()
    assert [r.id for r in awaiting] == [r.id for r in reversed(made)][:5]
    assert [r.id for r in awaiting] == [r.id for r in RedFlagCheck.awaiting_contact(ana).limit(5)]
    assert all(r.user_id == ana.id and r.local_date <= today() and r.contacted_at is None for r in awaiting)
    RedFlagCheck.update(contacted_at=utcnow()).where(RedFlagCheck.user == ana).execute()
    assert RedFlagCheck.today_answers(ana) == (today(), [])


# ---- what Today now also depends on (issue 21, items 5 and 6) ----

def test_every_table_today_is_worked_out_from_moves_the_version(client, ana, jo, db):
    """Migration 0011 added columns to two of these tables: their triggers must have survived it
    (peewee's SQLite migrator rebuilds a table to add a NOT NULL column, dropping its triggers)."""
    tables = importlib.import_module("webapp.migrations.0008_data_version").TABLES
    link = link_up(client, jo)
    jo.post(f"/practice/people/{link}/program/", data={"kind": "note", "exercise": "curl-downs", "note": "Slowly",
                                                       "reason": "Form"})
    tick(client)
    add_checkins(ana, [3])
    DismissedSuggestion.create(user=ana, local_date=today(), direction="up", to_stage=3)
    for table in tables:
        before = User.get_by_id(ana.id).data_version
        cursor = db.execute_sql(f'UPDATE "{table}" SET "user_id" = "user_id" WHERE "user_id" = {db.param}', [ana.id])
        assert cursor.rowcount, table
        assert User.get_by_id(ana.id).data_version > before, table


def test_ending_a_care_link_and_a_pregnancy_answer_show_on_today_at_once(client, ana, jo):
    link = link_up(client, jo)
    jo.post(f"/practice/people/{link}/program/", data={"kind": "hide", "exercise": "bird-dog", "reason": "Wrist"})
    assert 'id="ex-evening-bird-dog"' not in client.get("/").get_data(as_text=True)
    client.post(f"/care/links/{link}/end")
    assert 'id="ex-evening-bird-dog"' in client.get("/").get_data(as_text=True)
    client.post("/account/safety", data={"country": "GB", "background_none": "yes", "pregnant": "yes",
                                         "pregnant_weeks": "20"})
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-morning-glute-bridge"' not in html and "about 20 weeks now" in html


def test_stage_1_only_from_the_re_ask_shows_on_today_at_once(client, auth):
    from .helpers import BOTH
    user = onboard(client, auth, stage=1, side="both", weeks=20, **BOTH)
    backdate_stage(user, 20)
    add_checkins(user, [2, 2, 2, 2, 2])
    client.post("/log/contacted", data={"spoken": "yes"})
    assert "Ready to move up to stage 2?" in client.get("/").get_data(as_text=True)
    client.post("/welcome/both-legs", data={**BOTH, "both_constant": "yes"})
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html and "only stage 1 is open to you" in html
