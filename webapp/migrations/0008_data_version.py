"""A version number on each person, which the database itself moves on at every change to the
rows Today is worked out from (check-ins, exercises done, warning-sign answers, stage changes,
dismissed suggestions, a practitioner's program changes). Today's suggestion and day plan are
kept against it (webapp/program/daycache.py): any server's write, by any path, raw SQL included,
bumps it in the same transaction, so no server can show a plan older than the data.
"""
from peewee import BigIntegerField, PostgresqlDatabase

TABLES = ("check_in", "completion", "red_flag_check", "stage_change", "dismissed_suggestion",
          "program_change")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _is_postgres(db):
    # By class, not by name: psycopg3:// opens a Psycopg3Database, whose name has no "postgres".
    return isinstance(getattr(db, "obj", None) or db, PostgresqlDatabase)


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "data_version", BigIntegerField(default=0)))
    if _is_postgres(db):
        db.execute_sql("""
            CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                UPDATE "user" SET data_version = data_version + 1 WHERE id = OLD.user_id;
              ELSE
                UPDATE "user" SET data_version = data_version + 1 WHERE id = NEW.user_id;
              END IF;
              RETURN NULL;
            END $$ LANGUAGE plpgsql""")
        for table in TABLES:
            db.execute_sql(f'CREATE TRIGGER {table}_bumps_version AFTER INSERT OR UPDATE OR DELETE '
                           f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION bump_data_version()')
        return
    for table in TABLES:
        for op in OPERATIONS:
            row = "OLD" if op == "DELETE" else "NEW"
            db.execute_sql(f'CREATE TRIGGER {table}_bumps_version_{op.lower()} AFTER {op} ON "{table}" '
                           f'BEGIN UPDATE "user" SET data_version = data_version + 1 '
                           f'WHERE id = {row}.user_id; END')


def down(migrator, db):
    if _is_postgres(db):
        for table in TABLES:
            db.execute_sql(f'DROP TRIGGER IF EXISTS {table}_bumps_version ON "{table}"')
        db.execute_sql("DROP FUNCTION IF EXISTS bump_data_version()")
    else:
        for table in TABLES:
            for op in OPERATIONS:
                db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_bumps_version_{op.lower()}")
    migrator.migrate(migrator.drop_column("user", "data_version"))
