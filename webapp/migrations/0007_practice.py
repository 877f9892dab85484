"""The practitioner's side: practitioner accounts, care invitations and links, the record of
every look, visits recorded by a practitioner, and program changes with a name on them.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, SmallIntegerField, TextField


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

    class Practitioner(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField(max_length=120)
        profession = CharField(max_length=80)
        registration = CharField(max_length=60, default="")
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user",), True),)

    class CareInvite(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        code_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(default=_now)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        used_by = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
        cancelled_at = DateTimeField(null=True)

    class CareLink(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        practitioner = ForeignKeyField(Practitioner, on_delete="CASCADE")
        created_at = DateTimeField(default=_now)
        ended_at = DateTimeField(null=True)
        ended_by = CharField(max_length=16, null=True)

        class Meta:
            indexes = ((("practitioner", "ended_at"), False),)

    class CareLook(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
        practitioner_name = CharField(max_length=210)
        what = CharField(max_length=40)
        at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user", "at"), False),)

    class CareVisit(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        visit = ForeignKeyField(Visit, unique=True, on_delete="CASCADE")
        practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
        practitioner_name = CharField(max_length=210)
        created_at = DateTimeField(default=_now)

    class ProgramChange(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
        by_name = CharField(max_length=210)
        kind = CharField(max_length=8)
        exercise = CharField(max_length=64, null=True)
        per_day = SmallIntegerField(null=True)
        per_week = SmallIntegerField(null=True)
        stage = SmallIntegerField(null=True)
        hold_until = DateField(null=True)
        note = TextField(default="")
        reason = TextField()
        set_on = DateField()
        created_at = DateTimeField(default=_now)
        ended_on = DateField(null=True)
        ended_at = DateTimeField(null=True)
        ended_by = CharField(max_length=210, null=True)

        class Meta:
            indexes = ((("user", "ended_at"), False),)

    return [Practitioner, CareInvite, CareLink, CareLook, CareVisit, ProgramChange]


def up(migrator, db):
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
