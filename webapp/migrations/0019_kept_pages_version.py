"""Visits, weekly activity ratings and the marks on visits a practitioner recorded move the
person's data_version too (migration 0008's triggers, which cover the records Today is worked out
from). The report and the practitioner's page about the person are kept against that version
(webapp/pagecache.py): with these, every row any of those pages shows moves it, in the same
transaction, on any server and by any path, raw SQL included.

Nothing else changes: no table or column is added.
"""
from peewee import PostgresqlDatabase

TABLES = ("visit", "psfs_rating", "care_visit")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _is_postgres(db):
    return isinstance(getattr(db, "obj", None) or db, PostgresqlDatabase)


def up(migrator, db):
    for table in TABLES:
        if _is_postgres(db):        # bump_data_version() is migration 0008's
            db.execute_sql(f'CREATE TRIGGER {table}_bumps_version AFTER INSERT OR UPDATE OR DELETE '
                           f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION bump_data_version()')
            continue
        for op in OPERATIONS:
            row = "OLD" if op == "DELETE" else "NEW"
            db.execute_sql(f'CREATE TRIGGER {table}_bumps_version_{op.lower()} AFTER {op} ON "{table}" '
                           f'BEGIN UPDATE "user" SET data_version = data_version + 1 '
                           f'WHERE id = {row}.user_id; END')


def down(migrator, db):
    for table in TABLES:
        if _is_postgres(db):
            db.execute_sql(f'DROP TRIGGER IF EXISTS {table}_bumps_version ON "{table}"')
            continue
        for op in OPERATIONS:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_bumps_version_{op.lower()}")
