"""What the phone writes first and syncs: check-ins, warning-sign answers, exercises done, and the
tombstones of deleted ones; and the stage history. Every query is scoped to one person."""
from peewee import BooleanField, CharField, DateTimeField, IntegerField, SmallIntegerField, TextField

from ..db import database
from .base import utcnow
from .owned import Owned, SyncedRecord
from .people import User


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

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.local_date.desc(), cls.local_time.desc(), cls.id.desc())

    @classmethod
    def days(cls, user, limit, offset=0):
        """The person's local dates that have check-ins, newest first, one page of them."""
        query = (cls.select(cls.local_date).where(cls.user == user).distinct()
                 .order_by(cls.local_date.desc()).limit(limit).offset(offset))
        return [row.local_date for row in query]

    @classmethod
    def day_count(cls, user):
        return cls.select(cls.local_date).where(cls.user == user).distinct().count()

    @classmethod
    def on_days(cls, user, dates):
        return cls.newest_first(user).where(cls.local_date.in_(dates)) if dates else []

    @classmethod
    def latest_offset(cls, user):
        """The phone's time-zone offset from the newest check-in (minutes east of UTC)."""
        row = cls.newest_first(user).first()
        return row.tz_offset_minutes if row else 0


class RedFlagCheck(SyncedRecord):
    """One answer to the red-flag quick check; a go-now answer pauses the program until assessed."""

    go_now = TextField(default="")          # comma-separated codes from safety/redflags.py
    contact_today = TextField(default="")
    tier = CharField(max_length=8)          # "none", "today" or "now"
    assessed_at = DateTimeField(null=True)
    assessed_note = TextField(default="")

    class Meta:
        indexes = ((("user", "local_date"), False),)

    @classmethod
    def unconfirmed_alarms(cls, user):
        """Go-now answers not yet followed by the person confirming they were assessed.
        Only the person can clear these; nothing clears them automatically."""
        return (cls.for_user(user).where((cls.tier == "now") & cls.assessed_at.is_null())
                .order_by(cls.local_date.desc(), cls.local_time.desc()))

    @classmethod
    def program_paused(cls, user):
        """An emergency answer not yet confirmed as assessed pauses every exercise."""
        return cls.unconfirmed_alarms(user).exists()

    @classmethod
    def latest_date(cls, user):
        row = cls.for_user(user).order_by(cls.local_date.desc()).first()
        return row.local_date if row else None

    @classmethod
    def on_days(cls, user, dates):
        if not dates:
            return []
        return (cls.for_user(user).where(cls.local_date.in_(dates))
                .order_by(cls.local_date.desc(), cls.local_time.desc()))

    def confirm_assessed(self, note, when):
        self.assessed_at = when
        self.assessed_note = note
        self.save()

    @property
    def go_now_codes(self):
        return [c for c in self.go_now.split(",") if c]

    @property
    def contact_today_codes(self):
        return [c for c in self.contact_today.split(",") if c]


class Completion(SyncedRecord):
    """One session of one exercise done, with how it felt."""

    exercise = CharField(max_length=64)
    session = CharField(max_length=8, null=True)
    response = CharField(max_length=8, null=True)
    over_cap = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "local_date"), False), (("user", "exercise"), False))

    @classmethod
    def done_counts(cls, user, since, today, exclude=None):
        """{exercise: (times on `today`, times from `since` to `today`)} for the person.
        `exclude` leaves out one record id, and every record stored after it."""
        query = cls.for_user(user).where(cls.local_date.between(since, today))
        if exclude is not None:
            query = query.where(cls.id < exclude)
        counts = {}
        for row in query.select(cls.exercise, cls.local_date):
            day, week = counts.get(row.exercise, (0, 0))
            counts[row.exercise] = (day + (row.local_date == today), week + 1)
        return counts


class Tombstone(Owned):
    """A deleted synced record: a replayed or late create can never bring it back."""

    uuid = CharField(max_length=36, unique=True)
    kind = CharField(max_length=16)
    client_updated_at = DateTimeField()
    deleted_at = DateTimeField(default=utcnow)


class StageChange(Owned):
    """Every change of stage or pattern, with who made it and why."""

    changed_at = DateTimeField(default=utcnow)
    from_stage = SmallIntegerField(null=True)
    to_stage = SmallIntegerField()
    from_pattern = CharField(max_length=16, null=True)
    to_pattern = CharField(max_length=16)
    made_by = CharField(max_length=16)      # "person", "practitioner" or "onboarding"
    reason = TextField(default="")

    @classmethod
    def record(cls, user, stage, pattern, made_by, reason=""):
        """Change the person's stage and/or pattern, keeping who did it and why."""
        with database.atomic():
            change = cls.create(user=user, from_stage=user.stage, to_stage=stage,
                                from_pattern=user.pattern, to_pattern=pattern, made_by=made_by,
                                reason=reason)
            user.stage, user.pattern = stage, pattern
            user.save(only=[User.stage, User.pattern])
        return change

    @classmethod
    def history(cls, user):
        return cls.for_user(user).order_by(cls.changed_at.desc(), cls.id.desc())
