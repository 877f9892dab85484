"""The report's own tables: visits, weekly function ratings and share links."""
from peewee import CharField, DateField, DateTimeField, IntegerField, SmallIntegerField, TextField

from .base import utcnow
from .owned import Owned


class Visit(Owned):
    """A visit to a practitioner; the report starts from the last one by default."""

    uuid = CharField(max_length=36, unique=True)
    visit_date = DateField()
    practitioner = CharField(max_length=120)
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "visit_date"), False),)

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.visit_date.desc(), cls.id.desc())

    @classmethod
    def last_on_or_before(cls, user, day):
        return cls.newest_first(user).where(cls.visit_date <= day).first()

    @classmethod
    def by_uuid(cls, user, uuid):
        return cls.get_or_none((cls.user == user) & (cls.uuid == uuid))


class PsfsRating(Owned):
    """One activity's weekly rating, 0 (unable) to 10 (as before the problem); at most three
    activities a week (week_start is that week's Monday)."""

    uuid = CharField(max_length=36, unique=True)
    week_start = DateField()
    local_date = DateField()
    activity = CharField(max_length=80)
    score = SmallIntegerField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "week_start"), False),)

    @classmethod
    def in_week(cls, user, week_start):
        return cls.for_user(user).where(cls.week_start == week_start).order_by(cls.id)

    @classmethod
    def latest_week(cls, user, before):
        """The newest week rated before `before` (a Monday), or None."""
        row = (cls.for_user(user).where(cls.week_start < before)
               .order_by(cls.week_start.desc()).first())
        return row.week_start if row else None

    @classmethod
    def between(cls, user, start, end):
        return (cls.for_user(user).where(cls.local_date.between(start, end))
                .order_by(cls.week_start, cls.id))


class ShareLink(Owned):
    """A read-only link to the report. Only a SHA-256 hash of its token is kept."""

    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    revoked_at = DateTimeField(null=True)
    range_from = DateField(null=True)
    range_to = DateField(null=True)
    view_count = IntegerField(default=0)
    last_viewed_at = DateTimeField(null=True)

    @classmethod
    def by_hash(cls, token_hash):
        return cls.get_or_none(cls.token_hash == token_hash)

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.created_at.desc(), cls.id.desc())

    @classmethod
    def revoke_all(cls, user, when):
        """Turn off every link of the person's that still works; returns how many."""
        return (cls.update(revoked_at=when)
                .where((cls.user == user) & cls.revoked_at.is_null() & (cls.expires_at > when)).execute())

    @classmethod
    def ended_before(cls, when):
        """Forget links that stopped working (expired or turned off) before `when`; returns how many."""
        return cls.delete().where((cls.expires_at < when) | (cls.revoked_at < when)).execute()

    def record_view(self, when):
        """Count an opening in one UPDATE, so two practitioners opening it at once both count."""
        ShareLink.update(view_count=ShareLink.view_count + 1, last_viewed_at=when).where(
            ShareLink.id == self.id).execute()
