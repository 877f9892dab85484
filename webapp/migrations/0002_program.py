"""The exercise program: reminder times on the person, dismissed suggestions, calendar feeds.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, SmallIntegerField, TextField

TIME_COLUMNS = ("morning_time", "midday_time", "evening_time")


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)

    class DismissedSuggestion(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        local_date = DateField()
        direction = CharField(max_length=8)
        to_stage = SmallIntegerField()
        reason = TextField(default="")
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user", "local_date"), False),)

    class CalendarFeed(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(default=_now)
        revoked_at = DateTimeField(null=True)

    return [DismissedSuggestion, CalendarFeed]


def up(migrator, db):
    migrator.migrate(*[migrator.add_column("user", name, CharField(max_length=5, null=True))
                       for name in TIME_COLUMNS])
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
    migrator.migrate(*[migrator.drop_column("user", name) for name in TIME_COLUMNS])
