"""peewee models. Every query that returns a person's data is scoped to that person here."""
import datetime as dt

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, Model, SmallIntegerField, TextField)
from werkzeug.security import check_password_hash, generate_password_hash

from .db import database


def utcnow():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=256)
    # Bumped on password change so other signed-in devices are signed out.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    timezone = CharField(max_length=64, null=True)
    stage = SmallIntegerField(null=True)
    pattern = CharField(max_length=16, null=True)
    side = CharField(max_length=8, null=True)
    episode_start = DateField(null=True)
    onboarded_at = DateTimeField(null=True)

    @classmethod
    def by_email(cls, email):
        return cls.get_or_none(cls.email == normalise_email(email))

    @classmethod
    def register(cls, email, password):
        return cls.create(email=normalise_email(email), password_hash=hash_password(password))

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def set_password(self, password):
        self.password_hash = hash_password(password)
        self.session_version += 1
        self.save()

    def delete_everything(self):
        """Delete the person and every row they own, in one transaction."""
        with database.atomic():
            for model in reversed(OWNED_MODELS):
                model.delete().where(model.user == self).execute()
            self.delete_instance()


def normalise_email(email):
    return (email or "").strip().lower()


def hash_password(password):
    return generate_password_hash(password, method="scrypt")


class Owned(BaseModel):
    """A row that belongs to one person."""

    user = ForeignKeyField(User, on_delete="CASCADE")

    @classmethod
    def for_user(cls, user):
        return cls.select().where(cls.user == user)


class SyncedRecord(Owned):
    """A row written on the phone first: a client UUID and the phone's clock decide upserts."""

    uuid = CharField(max_length=36, unique=True)
    local_date = DateField(index=True)
    local_time = CharField(max_length=5)
    tz_offset_minutes = SmallIntegerField(default=0)
    client_updated_at = DateTimeField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # A tombstone, so that a replayed create can never bring a deleted row back.
    deleted_at = DateTimeField(null=True)

    @classmethod
    def live_for_user(cls, user):
        return cls.for_user(user).where(cls.deleted_at.is_null())

    @classmethod
    def by_uuid(cls, user, uuid):
        return cls.get_or_none((cls.user == user) & (cls.uuid == uuid) & cls.deleted_at.is_null())


class CheckIn(SyncedRecord):
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


class RedFlagCheck(SyncedRecord):
    """One answer to the red-flag quick check; a go-now answer pauses the program until assessed."""

    go_now = TextField(default="")          # comma-separated question codes from redflags.py
    contact_today = TextField(default="")
    tier = CharField(max_length=8)          # "none", "today" or "now"
    assessed_at = DateTimeField(null=True)
    assessed_note = TextField(default="")

    class Meta:
        indexes = ((("user", "local_date"), False),)


class Completion(SyncedRecord):
    """One session of one exercise done, with how it felt."""

    exercise = CharField(max_length=64)
    session = CharField(max_length=8, null=True)
    response = CharField(max_length=8, null=True)
    over_cap = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "local_date"), False), (("user", "exercise"), False))


class StageChange(Owned):
    """Every change of stage or pattern, with who made it and why."""

    changed_at = DateTimeField(default=utcnow)
    from_stage = SmallIntegerField(null=True)
    to_stage = SmallIntegerField()
    from_pattern = CharField(max_length=16, null=True)
    to_pattern = CharField(max_length=16)
    made_by = CharField(max_length=16)      # "person", "practitioner" or "onboarding"
    reason = TextField(default="")


# Children first when deleting; the order matters on databases without cascades.
OWNED_MODELS = [CheckIn, RedFlagCheck, Completion, StageChange]
MODELS = [User] + OWNED_MODELS
