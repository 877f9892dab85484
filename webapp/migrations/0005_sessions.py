"""Sessions that really end, and password guessing counted where every server sees it: a row per
signed-in device (the cookie carries only a random id; the row keeps its hash), and failure
counts per account and per address.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)

    class DeviceSession(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        device = CharField(max_length=80, default="")
        created_at = DateTimeField(default=_now)
        last_seen_at = DateTimeField(default=_now)
        data = TextField(default="{}")

    class Throttle(Base):
        key = CharField(max_length=80, unique=True)
        failures = IntegerField(default=0)
        last_failure_at = DateTimeField(index=True)
        blocked_until = DateTimeField(null=True)

    return [DeviceSession, Throttle]


def up(migrator, db):
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
