"""What every personal row shares: an owner, and for rows written on the phone first, a client
UUID and the phone's clock and day."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, SmallIntegerField

from .base import BaseModel, utcnow
from .people import User


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

    @classmethod
    def by_uuid(cls, user, uuid):
        """The person's record with this client UUID, or None (never someone else's)."""
        return cls.get_or_none((cls.user == user) & (cls.uuid == uuid))

    @classmethod
    def recent(cls, user, since):
        """The person's records from local date `since` onwards, oldest first."""
        return (cls.for_user(user).where(cls.local_date >= since)
                .order_by(cls.local_date, cls.local_time, cls.id))

    @classmethod
    def between(cls, user, start, end):
        """The person's records on local dates `start` to `end` (inclusive), oldest first."""
        return (cls.for_user(user).where(cls.local_date.between(start, end))
                .order_by(cls.local_date, cls.local_time, cls.id))
