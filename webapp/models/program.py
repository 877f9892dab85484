"""The program's own tables: dismissed stage suggestions and private calendar feeds."""
from peewee import CharField, DateField, DateTimeField, SmallIntegerField, TextField

from .base import utcnow
from .owned import Owned


class DismissedSuggestion(Owned):
    """A stage suggestion the person said "not now" to, so it is not shown again that day."""

    local_date = DateField()
    direction = CharField(max_length=8)
    to_stage = SmallIntegerField()
    reason = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def exists_for(cls, user, local_date, suggestion):
        return cls.for_user(user).where((cls.local_date == local_date)
                                        & (cls.direction == suggestion.direction)
                                        & (cls.to_stage == suggestion.to_stage)).exists()


class CalendarFeed(Owned):
    """A private calendar address; only a SHA-256 hash of its token is kept."""

    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    revoked_at = DateTimeField(null=True)

    @classmethod
    def active_for(cls, user):
        return cls.for_user(user).where(cls.revoked_at.is_null()).order_by(cls.id.desc()).first()

    @classmethod
    def by_hash(cls, token_hash):
        return cls.get_or_none((cls.token_hash == token_hash) & cls.revoked_at.is_null())

    @classmethod
    def revoke_all(cls, user):
        """Stop every calendar address of the person's working; returns how many there were."""
        return cls.update(revoked_at=utcnow()).where((cls.user == user) & cls.revoked_at.is_null()).execute()
