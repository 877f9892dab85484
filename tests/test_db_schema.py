"""Migrations equal models, proven with playhouse.schema_diff on SQLite and PostgreSQL; every
migration goes down and up again; psycopg 3 under both URL spellings; `flask db down` and `diff`.
Generic on purpose: a new migration is checked here the day it is added."""
import pytest
from peewee import IntegrityError
from playhouse.migrations import Runner

from webapp import create_app, schema
from webapp import db as dbmod
from webapp.models import CareLink, Practitioner, User, utcnow

from .conftest import PG_URL
from .helpers import reset_postgres


def migration_names():
    return [m.name for m in Runner(dbmod.database.obj, str(dbmod.MIGRATIONS_DIR)).migrations()]


def test_the_models_and_the_migrated_schema_agree(app, backend):
    assert schema.differences() == []


def test_every_migration_goes_down_and_up_again(app, backend):
    names = migration_names()
    with dbmod.database.connection_context():
        reverted = dbmod.runner().down(names[0])
        assert reverted == names[::-1]
        assert set(dbmod.database.get_tables()) <= {"schema_migration"}
    assert dbmod.upgrade() == names
    assert schema.differences() == []


def test_one_account_has_one_practitioner_row(app, backend):
    user = User.register("jo@example.com", "correct horse battery")
    Practitioner.create(user=user, name="Jo", profession="physiotherapist")
    with pytest.raises(IntegrityError), dbmod.database.atomic():
        Practitioner.create(user=user, name="Jo again", profession="physiotherapist")
    assert Practitioner.select().where(Practitioner.user == user).count() == 1


def test_0013_merges_a_doubled_practitioner_and_keeps_what_pointed_at_it(app, backend):
    names = migration_names()
    this = next(n for n in names if n.startswith("0013_"))
    with dbmod.database.connection_context():
        dbmod.runner().down(this)           # and every later migration with it
        assert {"add index practitioner (user_id) unique",
                "drop index practitioner.practitioner_user_id (user_id)"} <= set(schema.differences())
        jo = User.register("jo@example.com", "correct horse battery")
        ana = User.register("ana@example.com", "correct horse battery")
        first = Practitioner.create(user=jo, name="Jo", profession="physiotherapist")
        second = Practitioner.create(user=jo, name="Jo", profession="physiotherapist")
        link = CareLink.create(user=ana, practitioner=second, created_at=utcnow())
    assert dbmod.upgrade() == names[names.index(this):]
    assert [p.id for p in Practitioner.select()] == [first.id]
    assert CareLink.get_by_id(link.id).practitioner_id == first.id
    assert schema.differences() == []


def test_db_down_and_diff_on_the_command_line(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"})
    cli = app.test_cli_runner()
    assert cli.invoke(args=["db", "upgrade"]).exit_code == 0
    agree = cli.invoke(args=["db", "diff"])
    assert agree.exit_code == 0 and "the models and the SQLite database agree" in agree.output
    last = migration_names()[-1]
    down = cli.invoke(args=["db", "down"])
    assert down.exit_code == 0 and down.output.strip() == f"reverted: {last}"
    assert f"pending  {last}" in cli.invoke(args=["db", "status"]).output
    unknown = cli.invoke(args=["db", "down", "9999_nothing"])
    assert unknown.exit_code == 1 and "9999_nothing" in unknown.output
    assert cli.invoke(args=["db", "upgrade"]).output.strip() == f"applied: {last}"
    with dbmod.database.connection_context():
        dbmod.database.execute_sql('DROP INDEX "practitioner_user_id"')
        dbmod.database.execute_sql('CREATE TABLE "leftover" (x INTEGER)')
    differ = cli.invoke(args=["db", "diff"])
    assert differ.exit_code == 1
    assert differ.output.splitlines() == ["add index practitioner (user_id) unique", "table leftover has no model"]
    dbmod.close_all(app.extensions["database"])


@pytest.mark.skipif(not PG_URL.startswith(("postgres", "psycopg")), reason="needs DATABASE_URL on PostgreSQL")
@pytest.mark.parametrize("scheme", ["postgresql", "psycopg3"])
def test_postgresql_through_psycopg_3_under_either_url(tmp_path, scheme):
    """psycopg3:// once installed SQLite's triggers on PostgreSQL (0008 looked at the class name)."""
    reset_postgres(PG_URL)
    url = scheme + "://" + PG_URL.partition("://")[2]
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": url})
    try:
        assert type(dbmod.database.obj._adapter).__name__.startswith("Psycopg3")
        dbmod.upgrade()
        assert schema.differences() == [] and schema.backend_name() == "PostgreSQL"
        with dbmod.database.connection_context():
            triggers = {name for (name,) in dbmod.database.execute_sql(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal").fetchall()}
            assert "check_in_bumps_version" in triggers
            assert not any(t.endswith(("_insert", "_update", "_delete")) for t in triggers)
            user = User.register("ana@example.com", "correct horse battery")
            dbmod.database.execute_sql(
                'INSERT INTO "stage_change" (user_id, changed_at, to_stage, to_pattern, made_by, reason) '
                "VALUES (%s, now(), 2, 'disc', 'person', 'test')", (user.id,))
            assert User.get_by_id(user.id).data_version == 1
    finally:
        dbmod.close_all(app.extensions["database"])
