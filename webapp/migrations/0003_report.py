"""The practitioner report: visits, weekly function ratings (PSFS), share links, and an optional
name to show on the report.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import (
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

    class Visit(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        uuid = CharField(max_length=36, unique=True)
        visit_date = DateField()
        practitioner = CharField(max_length=120)
        note = TextField(default="")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user", "visit_date"), False),)

    class PsfsRating(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        uuid = CharField(max_length=36, unique=True)
        week_start = DateField()
        local_date = DateField()
        activity = CharField(max_length=80)
        score = SmallIntegerField()
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user", "week_start"), False),)

    class ShareLink(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(default=_now)
        expires_at = DateTimeField()
        revoked_at = DateTimeField(null=True)
        range_from = DateField(null=True)
        range_to = DateField(null=True)
        view_count = IntegerField(default=0)
        last_viewed_at = DateTimeField(null=True)

    return [Visit, PsfsRating, ShareLink]


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "display_name", CharField(max_length=80, null=True)))
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
    migrator.migrate(migrator.drop_column("user", "display_name"))
