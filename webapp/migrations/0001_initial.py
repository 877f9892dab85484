"""Initial schema: people, check-ins, red-flag checks, completions, tombstones, stage changes.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)
        password_hash = CharField(max_length=256)
        session_version = IntegerField(default=1)
        created_at = DateTimeField(default=_now)
        timezone = CharField(max_length=64, null=True)
        stage = SmallIntegerField(null=True)
        pattern = CharField(max_length=16, null=True)
        side = CharField(max_length=8, null=True)
        episode_start = DateField(null=True)
        onboarded_at = DateTimeField(null=True)

    class Synced(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        uuid = CharField(max_length=36, unique=True)
        local_date = DateField(index=True)
        local_time = CharField(max_length=5)
        tz_offset_minutes = SmallIntegerField(default=0)
        client_updated_at = DateTimeField()
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class CheckIn(Synced):
        leg_pain = SmallIntegerField()
        back_pain = SmallIntegerField(null=True)
        extent = CharField(max_length=16, null=True)
        tingling = BooleanField(null=True)
        weakness = BooleanField(null=True)
        sitting_minutes = IntegerField(null=True)
        walking_minutes = IntegerField(null=True)
        sleep_disturbed = BooleanField(null=True)
        medication = TextField(default="")
        notes = TextField(default="")

        class Meta:
            indexes = ((("user", "local_date"), False),)

    class RedFlagCheck(Synced):
        go_now = TextField(default="")
        contact_today = TextField(default="")
        tier = CharField(max_length=8)
        assessed_at = DateTimeField(null=True)
        assessed_note = TextField(default="")

        class Meta:
            indexes = ((("user", "local_date"), False),)

    class Completion(Synced):
        exercise = CharField(max_length=64)
        session = CharField(max_length=8, null=True)
        response = CharField(max_length=8, null=True)
        over_cap = BooleanField(default=False)

        class Meta:
            indexes = ((("user", "local_date"), False), (("user", "exercise"), False))

    class Tombstone(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        uuid = CharField(max_length=36, unique=True)
        kind = CharField(max_length=16)
        client_updated_at = DateTimeField()
        deleted_at = DateTimeField(default=_now)

    class StageChange(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        changed_at = DateTimeField(default=_now)
        from_stage = SmallIntegerField(null=True)
        to_stage = SmallIntegerField()
        from_pattern = CharField(max_length=16, null=True)
        to_pattern = CharField(max_length=16)
        made_by = CharField(max_length=16)
        reason = TextField(default="")

    return [User, CheckIn, RedFlagCheck, Completion, Tombstone, StageChange]


def up(migrator, db):
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
