"""The program's own tables: the stage history, dismissed stage suggestions and private calendar feeds."""
from peewee import CharField, DateField, DateTimeField, SmallIntegerField, TextField

from ..db import database
from .base import utcnow
from .owned import Owned
from .people import User


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


class StageChange(Owned):
    """Every change of stage or pattern, with who made it and why."""

    changed_at = DateTimeField(default=utcnow)
    from_stage = SmallIntegerField(null=True)
    to_stage = SmallIntegerField()
    from_pattern = CharField(max_length=16, null=True)
    to_pattern = CharField(max_length=16)
    # "person", "practitioner", "onboarding", "safety" (a both-legs answer: stage 1 only) or
    # "care-link" (a care link ended, and the stage a practitioner set went back)
    made_by = CharField(max_length=16)
    reason = TextField(default="")
    # Above the rules (webapp/program/guardrails.py): the highest stage they allowed, why, and the
    # reason given for going above it. rule_stage is null when the change kept within them.
    rule_stage = SmallIntegerField(null=True)
    rule_why = TextField(default="")
    override_reason = TextField(default="")

    @classmethod
    def record(cls, user, stage, pattern, made_by, reason="", override=None):
        """Change the person's stage and/or pattern, keeping who did it and why; `override` is
        (rule stage, why, reason) when the change goes above the starting rule."""
        rule_stage, rule_why, override_reason = override or (None, "", "")
        with database.atomic():
            change = cls.create(user=user, from_stage=user.stage, to_stage=stage,
                                from_pattern=user.pattern, to_pattern=pattern, made_by=made_by,
                                reason=reason, rule_stage=rule_stage, rule_why=rule_why,
                                override_reason=override_reason)
            user.stage, user.pattern = stage, pattern
            user.save(only=[User.stage, User.pattern])
        return change

    @classmethod
    def history(cls, user):
        return cls.for_user(user).order_by(cls.changed_at.desc(), cls.id.desc())

    @staticmethod
    def setting_in(history):
        """The change in `history` (newest first) that set the current stage: a change of
        pattern alone does not count."""
        return next((c for c in history if c.from_stage != c.to_stage), history[0] if history else None)

    @classmethod
    def current_setting(cls, user):
        return cls.setting_in(list(cls.history(user).limit(50)))

    @property
    def overridden(self):
        """Went above the starting rule, with a reason."""
        return self.rule_stage is not None and self.to_stage > self.rule_stage
