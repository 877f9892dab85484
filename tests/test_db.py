"""Migrations from zero, idempotent upgrades, the CLI verb and the health check."""
import pytest

from webapp import create_app
from webapp import db as dbmod

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
