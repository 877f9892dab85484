""""I ticked this by mistake": a person's correction of one of their own warning-sign answers.

A warning-sign answer is never changed to fewer signs nor deleted (webapp/safety/answers.py); a
tick made by mistake is corrected by adding one of these beside it. The correction lifts the pause
(or the "have you spoken to a doctor?" card) the answer made, and both stay in the history, the
report, the caseload and the exports. The answer is named by its UUID, so an export can carry
the pair to another server. One answer has at most one correction, and it is never undone.
"""
from peewee import CharField, DateTimeField, IntegrityError, TextField

from ..db import database
from .base import utcnow
from .owned import Owned

MADE_BY = ("person",)        # who may say an answer was a mistake: only the person who gave it
NOTE_MAX = 2000


class RedFlagCorrection(Owned):
    answer_uuid = CharField(max_length=36, unique=True)    # the RedFlagCheck's uuid, the same owner's
    made_at = DateTimeField(default=utcnow)
    made_by = CharField(max_length=16, default="person")
    note = TextField(default="")

    @classmethod
    def record(cls, user, answer, note="", when=None):
        """Keep the person's correction of their own `answer` (a RedFlagCheck read through its
        owner); None when it was already corrected (a second tap, or two at once)."""
        if answer.user_id != user.id:
            raise ValueError("a correction is only ever made for the person's own answer")
        try:
            with database.atomic():
                return cls.create(user=user, answer_uuid=answer.uuid, note=note, made_by="person",
                                  made_at=when or utcnow())
        except IntegrityError:
            return None

    @classmethod
    def of_answers(cls, user, uuids):
        """{answer uuid: correction} for those of `uuids` the person has corrected."""
        uuids = list(uuids)
        if not uuids:
            return {}
        return {c.answer_uuid: c for c in cls.for_user(user).where(cls.answer_uuid.in_(uuids))}

    @classmethod
    def of_answer(cls, user, uuid):
        return cls.get_or_none((cls.user == user) & (cls.answer_uuid == uuid))

    @classmethod
    def owners(cls, answer_uuids):
        """{answer uuid: owner id} for the corrections of any of these answers, anyone's (the
        import refuses one that would stand beside someone else's)."""
        query = cls.select(cls.answer_uuid, cls.user).where(cls.answer_uuid.in_(list(answer_uuids)))
        return {row.answer_uuid: row.user_id for row in query}

    @classmethod
    def answer_uuids(cls, user):
        """A subquery: the uuids of the person's corrected answers."""
        return cls.select(cls.answer_uuid).where(cls.user == user)
