"""Program changes a practitioner made for one person: who, when, why, and until when. The rules
for what they do are in webapp/program/adjustments.py; this table only keeps them."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, SmallIntegerField, TextField

from .base import utcnow
from .care import Practitioner
from .owned import Owned

# cap: per_day/per_week for an exercise; allow: a practitioner-only exercise; hide: leave an
# exercise off Today; note: a personal note on an exercise; stage: a stage set and/or held.
KINDS = ("cap", "allow", "hide", "note", "stage")


class ProgramChange(Owned):
    """One change to the person's program. A newer change of the same kind to the same exercise
    (or a newer stage change) ends the one before; the person or practitioner can end one too."""

    practitioner = ForeignKeyField(Practitioner, null=True, on_delete="SET NULL")
    by_name = CharField(max_length=210)         # "Jo Smith (physiotherapist)", kept if they leave
    kind = CharField(max_length=8)
    exercise = CharField(max_length=64, null=True)
    per_day = SmallIntegerField(null=True)
    per_week = SmallIntegerField(null=True)
    stage = SmallIntegerField(null=True)
    hold_until = DateField(null=True)           # the engine suggests nothing up to this day
    note = TextField(default="")
    reason = TextField()
    override_reason = TextField(default="")     # a stage above the starting rule: why
    set_on = DateField()                        # the person's local date when it was made
    created_at = DateTimeField(default=utcnow)
    ended_on = DateField(null=True)             # the person's local date it stopped
    ended_at = DateTimeField(null=True)
    ended_by = CharField(max_length=210, null=True)

    class Meta:
        indexes = ((("user", "ended_at"), False),)

    @classmethod
    def in_effect(cls, user):
        """The changes in effect now, newest first."""
        return (cls.for_user(user).where(cls.ended_at.is_null())
                .order_by(cls.created_at.desc(), cls.id.desc()))

    @classmethod
    def in_effect_on(cls, user, day):
        """The changes in effect on local date `day` (made by then, not yet ended), newest first."""
        still = cls.ended_on.is_null() | (cls.ended_on > day)
        return (cls.for_user(user).where((cls.set_on <= day) & still)
                .order_by(cls.created_at.desc(), cls.id.desc()))

    @classmethod
    def not_yet_seen(cls, user, since, limit=5):
        """Changes a practitioner made for the person after `user.changes_seen_at` and after
        `since` (UTC) that are still in effect, newest first: Today's card about them (one that
        has stopped, or whose link ended, is news no more)."""
        query = cls.for_user(user).where((cls.created_at > since) & cls.ended_at.is_null())
        if user.changes_seen_at is not None:
            query = query.where(cls.created_at > user.changes_seen_at)
        return query.order_by(cls.created_at.desc(), cls.id.desc()).limit(limit)

    @classmethod
    def history(cls, user):
        return cls.for_user(user).order_by(cls.created_at.desc(), cls.id.desc())

    @classmethod
    def make(cls, user, practitioner, kind, reason, today, now=None, **values):
        """Store a change, ending the one it replaces (same kind and exercise) in one transaction."""
        now = now or utcnow()
        with cls._meta.database.atomic():
            same = (cls.user == user) & (cls.kind == kind) & cls.ended_at.is_null()
            same &= (cls.exercise == values["exercise"]) if values.get("exercise") else cls.exercise.is_null()
            cls.update(ended_at=now, ended_on=today, ended_by=practitioner.label).where(same).execute()
            return cls.create(user=user, practitioner=practitioner, by_name=practitioner.label, kind=kind,
                              reason=reason, set_on=today, created_at=now, **values)

    @classmethod
    def in_effect_by(cls, user, practitioner):
        """The changes this practitioner made for the person that are still in effect, newest first."""
        return cls.in_effect(user).where(cls.practitioner == practitioner)

    @classmethod
    def end_all_by(cls, user, practitioner, by, today, now=None):
        """End every change this practitioner made for the person (their care link ended); returns
        the changes that were still in effect."""
        ended = list(cls.in_effect_by(user, practitioner))
        if ended:
            cls.update(ended_at=now or utcnow(), ended_on=today, ended_by=by).where(
                cls.id.in_([c.id for c in ended]) & cls.ended_at.is_null()).execute()
        return ended

    @classmethod
    def end(cls, user, change_id, by, today, now=None):
        """End one of the person's changes that is still in effect; returns it, or None."""
        change = cls.for_user(user).where((cls.id == change_id) & cls.ended_at.is_null()).first()
        if change is None:
            return None
        change.ended_at, change.ended_on, change.ended_by = now or utcnow(), today, by
        change.save(only=[cls.ended_at, cls.ended_on, cls.ended_by])
        return change
