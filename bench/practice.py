"""The practitioner's caseload of 200 linked people, server time in-process (budget ≤ 50 ms), with
nothing kept (every person worked out afresh) and kept (a practitioner reopening or sorting it), and
one person's page. The machine is shared, so each figure is also given as a ratio: to the budget,
and to /red-flags in the same run (what every page pays: session, CSRF, base template, banner).

On SQLite and on PostgreSQL (bench/measure.py gives each backend's URL).

The 200 people are bench/seed.py's others (60 days each); some are given what a caseload is for:
go-now and contact-a-doctor answers, exercises that spread symptoms, a visit, a stage change.
Every caseload view records a look per person, as in use, so the look table grows as it runs."""
import datetime as dt
import statistics
import time
import uuid

from . import seed
from .inprocess import WARMUP

BIG, TYPICAL = 200, 20
BUDGET_MS = 50
BIG_EMAIL, TYPICAL_EMAIL = "physio-200@example.com", "physio-20@example.com"


def _stamp(day, hour):
    return {"uuid": str(uuid.uuid4()), "local_date": day, "local_time": f"{hour:02d}:00", "tz_offset_minutes": 0,
                "client_updated_at": dt.datetime.combine(day, dt.time(hour))}


def link_people(url):
    """Two practitioners: one linked to the first 200 of seed's others, one to the first 20."""
    from webapp import create_app
    from webapp import db as dbmod
    from webapp.models import (
        CareLink,
        Completion,
        Practitioner,
        RedFlagCheck,
        StageChange,
        User,
        Visit,
        hash_password,
        utcnow,
    )
    create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": False})
    today = utcnow().date()
    with dbmod.database.atomic():
        people = list(User.select().where(User.email.startswith("other")).order_by(User.id).limit(BIG))
        for email, count in ((BIG_EMAIL, BIG), (TYPICAL_EMAIL, TYPICAL)):
            account = User.create(email=email, password_hash=hash_password(seed.PASSWORD))
            physio = Practitioner.create(user=account, name="Jo Bench", profession="physiotherapist")
            CareLink.insert_many([{"user": p.id, "practitioner": physio.id} for p in people[:count]]).execute()
        for n, person in enumerate(people):
            if n % 25 == 3:
                RedFlagCheck.create(user=person, tier="now", go_now="saddle", **_stamp(today - dt.timedelta(days=n % 9), 8))
            elif n % 10 == 1:
                RedFlagCheck.create(user=person, tier="today", contact_today="fever",
                                    **_stamp(today - dt.timedelta(days=n % 5), 8))
            if n % 7 == 2:
                Completion.create(user=person, exercise="knees-rocking", session="morning", response="spread",
                                  **_stamp(today - dt.timedelta(days=n % 6), 10))
            if n % 6 == 0:
                Visit.create(user=person, uuid=str(uuid.uuid4()), visit_date=today - dt.timedelta(days=10 + n % 10),
                             practitioner="Jo Bench")
            if n % 4 == 0:
                StageChange.create(user=person, from_stage=None, to_stage=1, to_pattern="disc", made_by="onboarding",
                                   reason="Bench", changed_at=utcnow() - dt.timedelta(days=60))
            if n % 3 == 0:
                person.display_name = f"Person {n:03d}"
                person.save(only=[User.display_name])
    dbmod.close_all(dbmod.database.obj)


def _client(url, email):
    from webapp import create_app
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    response = client.post("/account/signin", data={"email": email, "password": seed.PASSWORD})
    assert response.status_code == 302, response.status_code
    return app, client


def _median(client, path, runs, warmup=WARMUP):
    for _ in range(warmup):
        assert client.get(path).status_code == 200
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return round(statistics.median(samples), 2)


def person_path(client):
    """The first person's page in the practitioner's caseload."""
    html = client.get("/practice/").get_data(as_text=True)
    start = html.index("/practice/people/")
    return html[start:html.index('"', start)]


def _everyone_changed(app, email):
    """Move data_version for every person linked to `email`, as a day of check-ins does: their
    kept figures no longer match, so the next view works all of them out afresh."""
    from webapp import db as dbmod
    from webapp.models import CareLink, Practitioner, User
    with app.app_context():
        linked = (CareLink.select(CareLink.user).join(Practitioner).join(User, on=(Practitioner.user == User.id))
                  .where(User.email == email))
        User.update(data_version=User.data_version + 1).where(User.id.in_(linked)).execute()
        dbmod.database.close()


VIEWS_A_DAY, DAYS = 10, 365


def a_year_of_views(app, email):
    """The looks a year of use leaves: `email`'s practitioner opening the caseload VIEWS_A_DAY
    times a day for DAYS days, a look for each person at each view, written in the order views
    make them (by time, then person). Every view adds to them, so a page that slows as they grow
    shows here. Returns how many looks there are."""
    from webapp import db as dbmod
    from webapp.models import CareLook, Practitioner, User
    with app.app_context():
        physio = Practitioner.select().join(User).where(User.email == email).get()
        views = VIEWS_A_DAY * DAYS
        start = dt.datetime(2025, 1, 1)
        step = dt.timedelta(days=1) / VIEWS_A_DAY
        param = dbmod.database.param
        with dbmod.database.atomic():
            # One statement per 100 views: a recursive CTE numbers them on both databases.
            for first in range(0, views, 100):
                dbmod.database.execute_sql(
                    f'WITH RECURSIVE n(i) AS (SELECT CAST({param} AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < {param}) '
                    'INSERT INTO "care_look" ("user_id", "practitioner_id", "practitioner_name", "what", "at") '
                    f'SELECT l."user_id", {param}, {param}, {param}, {param} FROM n, "care_link" AS l '
                    f'WHERE l."practitioner_id" = {param} AND l."ended_at" IS NULL ORDER BY n.i, l."id"',
                    [first, min(first + 100, views) - 1, physio.id, physio.label, "summary in their caseload",
                     start + step * first, physio.id])
        count = CareLook.select().count()
        dbmod.database.close()
    return count


def statements(action):
    """How many SQL statements `action()` runs (peewee logs each one)."""
    import logging
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record) if record.name == "peewee" else None
    logger = logging.getLogger("peewee")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        action()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return len(seen)


def inprocess(url, runs=30):
    """Median ms of the caseload with 200 people: kept figures (a practitioner reopening it), and
    the first view after every person's records changed (data_version moved for all 200: every
    person worked out afresh), wall time and the process's CPU time (less moved by other work on
    a shared machine); statements each takes; one person's page; /red-flags in the same run."""
    app, client = _client(url, BIG_EMAIL)
    warm = _median(client, "/practice/", runs)
    cold, cold_cpu = [], []
    for _ in range(max(7, runs // 3)):
        _everyone_changed(app, BIG_EMAIL)
        start, cpu = time.perf_counter(), time.process_time()
        assert client.get("/practice/").status_code == 200
        cold.append((time.perf_counter() - start) * 1000)
        cold_cpu.append((time.process_time() - cpu) * 1000)
    _everyone_changed(app, BIG_EMAIL)
    cold_statements = statements(lambda: client.get("/practice/"))
    warm_statements = statements(lambda: client.get("/practice/"))
    cold, cold_cpu = round(statistics.median(cold), 2), round(statistics.median(cold_cpu), 2)
    path = person_path(client)
    person = _median(client, path, runs)
    person_statements = statements(lambda: client.get(path))
    sorted_ms = _median(client, "/practice/?sort=trend", runs)
    base = _median(client, "/red-flags", runs)
    looks = a_year_of_views(app, BIG_EMAIL)
    worn = _median(client, "/practice/", runs)
    worn_person = _median(client, path, runs)
    return {"caseload_200_ms": warm, "caseload_200_cold_ms": cold, "caseload_200_cold_cpu_ms": cold_cpu,
            "caseload_200_sorted_ms": sorted_ms, "person_page_ms": person, "red_flags_ms": base,
            "worn": {"looks": looks, "caseload_200_ms": worn, "person_page_ms": worn_person},
            "statements": {"caseload, everyone changed": cold_statements, "caseload, kept": warm_statements,
                           "person page": person_statements},
            "ratio_to_budget": round(max(warm, cold, worn) / BUDGET_MS, 3),
            "ratio_to_red_flags": round(warm / base, 1), "cold_ratio_to_red_flags": round(cold / base, 1)}
