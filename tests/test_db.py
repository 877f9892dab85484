"""Migrations from zero, idempotent upgrades, the CLI verb, the health and readiness checks, and a
database or instance folder that cannot be written."""
import contextlib
import os
import subprocess
import sys
import uuid as uuidlib
from pathlib import Path

import pytest
from peewee import fn

from webapp import ENV_FLAGS, ENV_NUMBERS, ENV_SETTINGS, PROJECT_ROOT, create_app
from webapp import db as dbmod
from webapp.push import keys

from .helpers import drop_connections, read_only
from .test_practice_desk import statements

EXPECTED = {
    "user": {"id", "email", "password_hash", "session_version", "created_at", "timezone", "stage",
             "pattern", "side", "episode_start", "onboarded_at", "morning_time", "midday_time",
             "evening_time", "display_name", "country", "background", "background_answered_at",
             "both_legs_checked_on", "stage_1_only_since", "pregnant_from", "pregnancy_answered_at"},
    "check_in": {"id", "user_id", "uuid", "local_date", "local_time", "tz_offset_minutes",
                 "client_updated_at", "created_at", "updated_at", "leg_pain", "back_pain",
                 "extent", "tingling", "weakness", "sitting_minutes", "walking_minutes",
                 "sleep_disturbed", "medication", "notes", "leg_side", "spread_to_other", "weakness_new",
                 "weakness_side"},
    "red_flag_check": {"id", "user_id", "uuid", "local_date", "tier", "go_now", "contact_today",
                       "assessed_at", "assessed_note", "background", "contacted_at"},
    "completion": {"id", "user_id", "uuid", "exercise", "session", "response", "over_cap", "local_date"},
    "tombstone": {"id", "user_id", "uuid", "kind", "client_updated_at", "deleted_at"},
    "stage_change": {"id", "user_id", "changed_at", "from_stage", "to_stage", "from_pattern",
                     "to_pattern", "made_by", "reason", "rule_stage", "rule_why", "override_reason"},
    "dismissed_suggestion": {"id", "user_id", "local_date", "direction", "to_stage", "reason",
                             "created_at"},
    "calendar_feed": {"id", "user_id", "token_hash", "created_at", "revoked_at"},
    "visit": {"id", "user_id", "uuid", "visit_date", "practitioner", "note", "created_at",
              "updated_at"},
    "psfs_rating": {"id", "user_id", "uuid", "week_start", "local_date", "activity", "score",
                    "created_at", "updated_at"},
    "share_link": {"id", "user_id", "token_hash", "created_at", "expires_at", "revoked_at",
                   "range_from", "range_to", "view_count", "last_viewed_at"},
}


def test_fresh_database_has_expected_tables_and_columns(app):
    database = dbmod.database
    tables = set(database.get_tables())
    assert set(EXPECTED) <= tables
    assert "schema_migration" in tables
    for table, columns in EXPECTED.items():
        have = {c.name for c in database.get_columns(table)}
        assert columns <= have, (table, columns - have)


def test_models_match_the_migrated_schema(app):
    from webapp.models import MODELS
    database = dbmod.database
    for model in MODELS:
        have = {c.name for c in database.get_columns(model._meta.table_name)}
        want = {f.column_name for f in model._meta.sorted_fields}
        assert want == have, model.__name__


def test_migrating_twice_is_a_no_op(app):
    assert dbmod.upgrade() == []
    with dbmod.database.connection_context():
        statuses = dbmod.runner().status()
    assert statuses and all(m.applied for m in statuses)


def test_uuid_is_unique_and_indexes_exist(app):
    indexes = {i.name: i for i in dbmod.database.get_indexes("check_in")}
    assert any(i.unique and i.columns == ["uuid"] for i in indexes.values())
    assert any(i.columns == ["user_id", "local_date"] for i in indexes.values())


def test_todays_awaiting_answers_are_found_through_their_own_index(app, backend):
    """Today's one query finds the few unanswered contact-a-doctor answers without walking every
    warning-sign answer the person gave (migration 0009, a partial index)."""
    from webapp.models import RedFlagCheck
    from webapp.models.records import _today_answers_sql
    sql = _today_answers_sql(RedFlagCheck, dbmod.database.param)
    with dbmod.database.atomic():
        if backend == "sqlite":
            plan = str(dbmod.database.execute_sql("EXPLAIN QUERY PLAN " + sql, [1, 1, 5]).fetchall())
        else:      # an empty table is read whole unless the planner is told not to
            dbmod.database.execute_sql("SET LOCAL enable_seqscan = off")
            plan = str(dbmod.database.execute_sql("EXPLAIN " + sql, [1, 1, 5]).fetchall())
    assert "red_flag_check_awaiting" in plan


def test_a_persons_looks_are_read_in_index_order_through_one_index(app, backend):
    """Every caseload view records 200 looks, so the looks have one index, (user_id, id)
    (migration 0023): the newest look's id and the newest looks first are read from it in order,
    with no sort, on both databases."""
    from webapp.models import CareLook
    queries = [CareLook.newest_first(1).limit(200), CareLook.for_user(1).select(fn.MAX(CareLook.id))]
    assert {i.name for i in dbmod.database.get_indexes("care_look")} >= {"care_look_user_id_id"}
    assert not {"care_look_user_id", "care_look_user_id_at"} & {i.name for i in dbmod.database.get_indexes("care_look")}
    for query in queries:
        sql, params = query.sql()
        with dbmod.database.atomic():
            if backend == "sqlite":
                plan = str(dbmod.database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
            else:      # an empty table is read whole unless the planner is told not to
                dbmod.database.execute_sql("SET LOCAL enable_seqscan = off")
                plan = str(dbmod.database.execute_sql("EXPLAIN " + sql, params).fetchall())
        assert "care_look_user_id_id" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def test_cli_upgrade(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["db", "upgrade"])
    assert first.exit_code == 0 and "0001_initial" in first.output
    second = runner.invoke(args=["db", "upgrade"])
    assert "up to date" in second.output
    status = runner.invoke(args=["db", "status"])
    assert "applied  0001_initial" in status.output


def test_sqlite_pragmas(app, backend):
    if backend != "sqlite":
        return
    database = dbmod.database
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_healthz_ok(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok"


def test_healthz_503_when_database_unreachable(tmp_path):
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{missing}"})
    r = app.test_client().get("/healthz")
    assert r.status_code == 503


def test_the_database_file_and_instance_folder_are_private(tmp_path, monkeypatch):
    """Finding 10: the SQLite file was 0644 and the instance folder 0755."""
    import os
    import stat
    folder = tmp_path / "instance"
    folder.mkdir(mode=0o755)
    (folder / "sciatica.db").touch(mode=0o644)
    monkeypatch.setenv("INSTANCE_PATH", str(folder))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["DATABASE_URL"] == f"sqlite:///{folder / 'sciatica.db'}"
    dbmod.upgrade()
    with dbmod.database.connection_context():
        dbmod.database.execute_sql("CREATE TABLE scratch (x)")     # a write: the -wal file exists
        modes = {p.name: stat.S_IMODE(os.stat(p).st_mode) for p in folder.iterdir()}
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert {name: mode for name, mode in modes.items() if name.startswith("sciatica.db")} == {
        name: 0o600 for name in modes if name.startswith("sciatica.db")}
    assert {"sciatica.db", "sciatica.db-wal"} <= set(modes)


def test_sqlite_overwrites_deleted_rows(app, backend):
    """Finding 10: deleted rows left the file only because this SQLite build had secure_delete on."""
    if backend != "sqlite":
        pytest.skip("a SQLite setting")
    with dbmod.database.connection_context():
        assert dbmod.database.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1


# ---- a database that cannot be written (issue 22, finding 5) ----

@contextlib.contextmanager
def unwritable(app, backend):
    """New connections can read the database but not write to it: on SQLite the file itself is
    read-only; on PostgreSQL every transaction is read-only (default_transaction_read_only, as on
    a standby or with the setting made for maintenance)."""
    drop_connections(app)
    if backend == "sqlite":
        with read_only(Path(app.config["DATABASE_URL"].split("///", 1)[1])):
            yield
            drop_connections(app)
        return
    read_only_db = dbmod.connect_url(app.config["DATABASE_URL"] + "?options=-c%20default_transaction_read_only%3Don")
    dbmod.database.initialize(read_only_db)
    try:
        yield
    finally:
        dbmod.close_all(read_only_db)
        dbmod.database.initialize(app.extensions["database"])


def test_the_first_page_after_sign_in_answers_503_when_nothing_can_be_written(app, client, auth, backend):
    """The page after a sign-in saves the session (its CSRF secret): with the database read-only
    that write came after the view and answered 500. Now 503 with Retry-After, as every other
    write does, and the person's session still works once writes do."""
    auth.signup()
    with unwritable(app, backend):
        r = client.get("/account/recovery/start")
        assert r.status_code == 503 and r.headers["Retry-After"] == "30"
        assert "Your data is safe" in r.get_data(as_text=True)
        assert "Set-Cookie" not in r.headers                 # the cookie the phone has stays
        page = client.get("/account/recovery/start", headers={"Accept": "application/json"})
        assert page.status_code == 503 and page.json["error"] == "busy"
        # The health check only reads, so it stays green; the readiness check proves a write.
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json["status"] == "database cannot be written"
        assert ready.headers["Retry-After"] == "30"
    assert client.get("/account/recovery/start").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_a_sync_to_a_database_that_cannot_be_written_keeps_every_record_on_the_phone(app, client, auth, backend):
    """503, so the outbox keeps the records: never "rejected", which would set them aside."""
    auth.signup()
    client.get("/account/")
    record = {"kind": "checkin", "uuid": str(uuidlib.uuid4()), "client_updated_at": "2026-11-20T07:15:00Z",
              "local_date": "2026-11-20", "local_time": "08:15", "tz_offset_minutes": 60, "data": {"leg_pain": 4}}
    with unwritable(app, backend):
        r = client.post("/api/sync", json={"records": [record]})
        assert r.status_code == 503 and r.json["error"] == "busy" and r.headers["Retry-After"] == "30"
    assert client.post("/api/sync", json={"records": [record]}).json["results"][0]["status"] == "stored"


def test_readiness_writes_one_row_per_server(client, db):
    from webapp.models import ReadinessCheck
    assert client.get("/readyz").json == {"status": "ready"}
    first = ReadinessCheck.get().checked_at
    assert client.get("/readyz").status_code == 200
    assert ReadinessCheck.select().count() == 1 and ReadinessCheck.get().checked_at >= first


def start_up(env):
    """Start the app in a process of its own, as `flask db upgrade` or gunicorn would."""
    # None of the app's settings leak in from the shell: CI exports DATABASE_URL and REDIS_URL.
    settings = {*ENV_SETTINGS, *ENV_FLAGS, *ENV_NUMBERS, "INSTANCE_PATH"}
    clean = {k: v for k, v in os.environ.items() if k not in settings}
    return subprocess.run(check=False, args=[sys.executable, "-c", "from webapp import create_app; create_app()"],
                          env={**clean, **env}, capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT)


def test_a_read_only_instance_folder_stops_start_up_with_one_clear_line(tmp_path):
    folder = tmp_path / "instance"
    folder.mkdir()
    with read_only(folder):
        started = start_up({"INSTANCE_PATH": str(folder)})
    assert started.returncode == 3          # gunicorn's "worker failed to boot": it stops
    assert "Traceback" not in started.stderr and "OSError" not in started.stderr
    lines = started.stderr.strip().splitlines()
    assert len(lines) == 1, started.stderr
    assert lines[0].startswith(f"Sciatica Companion cannot start: the instance folder {folder} cannot be written (")
    # With PostgreSQL, a secret key, a VAPID key and the queue on Redis, nothing needs the folder:
    # a read-only one is fine. Without the queue on Redis, its SQLite file would live there.
    settings = {"INSTANCE_PATH": str(folder), "SECRET_KEY": "x", "VAPID_PRIVATE_KEY": keys.new_private_key(),
                "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    with read_only(folder):
        fine = start_up({**settings, "REDIS_URL": "redis://127.0.0.1:1/0"})
        queue_here = start_up(settings)
    assert fine.returncode == 0, fine.stderr
    assert queue_here.returncode == 3 and "the instance folder" in queue_here.stderr


def test_a_read_only_database_file_stops_start_up_with_one_clear_line(tmp_path):
    folder = tmp_path / "instance"
    assert start_up({"INSTANCE_PATH": str(folder)}).returncode == 0
    database = folder / "sciatica.db"
    database.touch()
    with read_only(database):
        started = start_up({"INSTANCE_PATH": str(folder)})
    lines = started.stderr.strip().splitlines()
    assert started.returncode == 3 and len(lines) == 1, started.stderr
    assert lines[0].startswith(f"Sciatica Companion cannot start: the database file {database} cannot be written (")


def on_postgres_only(test):
    """Run once, on PostgreSQL (when the suite has one): SQLite has no server and no such check."""
    has_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "psycopg"))
    skip = pytest.mark.skipif(not has_postgres, reason="needs PostgreSQL (DATABASE_URL)")
    return skip(pytest.mark.parametrize("backend", ["postgres"])(test))


def _end_the_apps_connections(app):
    """What a PostgreSQL restart or a proxy's idle timeout does to the connections a pool keeps."""
    import psycopg
    with psycopg.connect(app.config["DATABASE_URL"], autocommit=True) as admin:
        return admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]


@on_postgres_only
def test_a_page_asks_postgresql_nothing_before_its_own_statements(app, client, auth, backend, monkeypatch):
    """peewee's pool sent "SELECT 1" each time it handed out a connection: a round trip on every
    page. Now a kept connection is used as it is (the next test: what happens when it died).
    Counted where the statements leave for the server: the driver's cursor."""
    import psycopg
    auth.signup()
    client.get("/account/")
    sent, execute = [], psycopg.Cursor.execute

    def counted(cursor, query, *args, **kwargs):
        sent.append(str(query))
        return execute(cursor, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted)
    assert client.get("/account/").status_code == 200
    assert sent and all(sql.strip().upper() != "SELECT 1" for sql in sent)
    assert sent[0].lstrip().startswith('SELECT s."id"')         # the session, read first


@on_postgres_only
def test_a_connection_that_died_in_the_pool_is_replaced_and_the_page_still_comes(app, client, auth, backend):
    """PostgreSQL restarted (or a proxy dropped idle connections) while the pool kept them: the
    next page's first statement (reading the session) fails on the dead connection and is sent
    again on a new one; the person sees their page, still signed in."""
    auth.signup()
    assert client.get("/account/").status_code == 200
    assert _end_the_apps_connections(app) >= 1
    page = client.get("/account/")
    assert page.status_code == 200 and "ana@example.com" in page.get_data(as_text=True)
    assert client.get("/account/").status_code == 200


@on_postgres_only
def test_a_first_statement_that_writes_is_never_sent_twice(app, backend):
    """A write that fails on a connection that broke may have been carried out: it is not sent
    again (the request answers 503, db.unavailable), and the next statement gets a new connection."""
    database = dbmod.connect_url(app.config["DATABASE_URL"])
    try:
        database.connect()
        database.execute_sql("SELECT 1")
        database.close()                                    # kept by the pool
        _end_the_apps_connections(app)
        database.connect()
        failed = []

        def write():
            with pytest.raises(dbmod.OperationalError) as raised:
                database.execute_sql("UPDATE readiness_check SET checked_at = checked_at WHERE 1 = 0")
            failed.append(raised.value)
        assert statements(write) == 1 and dbmod.unavailable(failed[0])
        database.close()
        database.connect()
        assert database.execute_sql("SELECT 2").fetchone() == (2,)
        database.close()
    finally:
        dbmod.close_all(database)
