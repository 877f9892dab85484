"""Corrections of warning-sign answers ("I ticked this by mistake"): who, when and an optional note,
kept beside the answer, which itself is never changed to fewer signs nor deleted.

A correction lifts the program's pause, so it moves the person's data_version like the answers do
(migration 0008's triggers): Today's kept page (webapp/program/daycache.py) gives way at once, on
any server and by any path that writes one.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import CharField, DateTimeField, ForeignKeyField, Model, PostgresqlDatabase, TextField

TABLE = "red_flag_correction"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)

    class RedFlagCorrection(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        answer_uuid = CharField(max_length=36, unique=True)
        made_at = DateTimeField(default=_now)
        made_by = CharField(max_length=16, default="person")
        note = TextField(default="")

    return [RedFlagCorrection]


def _is_postgres(db):
    # isinstance, not the class name: psycopg 3's class is Psycopg3Database (see 0008).
    return isinstance(getattr(db, "obj", None) or db, PostgresqlDatabase)


def up(migrator, db):
    db.create_tables(_models(db))
    if _is_postgres(db):        # bump_data_version() is migration 0008's
        db.execute_sql(f'CREATE TRIGGER {TABLE}_bumps_version AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{TABLE}" FOR EACH ROW EXECUTE FUNCTION bump_data_version()')
        return
    for op in OPERATIONS:
        row = "OLD" if op == "DELETE" else "NEW"
        db.execute_sql(f'CREATE TRIGGER {TABLE}_bumps_version_{op.lower()} AFTER {op} ON "{TABLE}" '
                       f'BEGIN UPDATE "user" SET data_version = data_version + 1 '
                       f'WHERE id = {row}.user_id; END')


def down(migrator, db):
    if _is_postgres(db):
        db.execute_sql(f'DROP TRIGGER IF EXISTS {TABLE}_bumps_version ON "{TABLE}"')
    else:
        for op in OPERATIONS:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {TABLE}_bumps_version_{op.lower()}")
    db.drop_tables(_models(db))
