"""The tables (peewee models). Every query that returns a person's data is scoped to that person
on the model: views never build queries. Schema changes are numbered migrations."""
import functools

from ..db import database
from .access import DeviceSession, Throttle
from .base import BaseModel, ReadinessCheck, row_of, utcnow
from .care import CareInvite, CareLink, CareLook, CareVisit, Practitioner
from .changes import ProgramChange
from .corrections import RedFlagCorrection
from .credentials import AccountEvent, Challenge, Passkey, RecoveryCode, ResetToken, lock_account, ways_in
from .days import logged_day_count, logged_days
from .owned import Owned, SyncedRecord
from .people import User, hash_password, normalise_email
from .program import CalendarFeed, DismissedSuggestion, StageChange
from .push import PushSent, PushSubscription
from .records import NOT_DONE, CheckIn, Completion, DoneCount, RedFlagCheck, Tombstone
from .report import PsfsRating, ShareLink, Visit

# Every table a person owns, parents before children; all go with the account.
OWNED_MODELS = [CheckIn, RedFlagCheck, RedFlagCorrection, Completion, Tombstone, StageChange,
                DismissedSuggestion, CalendarFeed, Visit, PsfsRating, ShareLink, DeviceSession,
                RecoveryCode, ResetToken, Passkey, Challenge, AccountEvent,
                Practitioner, CareInvite, CareLink, CareLook, CareVisit, ProgramChange,
                PushSubscription, PushSent]
MODELS = [User] + OWNED_MODELS + [Throttle, ReadinessCheck]
# Every table whose rows are named by a client-made UUID. One UUID names one record: of one
# person, in one of these tables (and its tombstone, once deleted).
UUID_MODELS = [CheckIn, RedFlagCheck, Completion, Visit, PsfsRating, Tombstone]


def delete_account(user):
    """Delete the person and every row they own, in one transaction (children first: the order
    matters on databases without cascades)."""
    with database.atomic():
        practitioner = Practitioner.of(user)
        if practitioner is not None:        # their care links go with them, and so do their changes
            now = utcnow()
            ProgramChange.update(ended_at=now, ended_on=now.date(), ended_by="the end of the care link") \
                .where((ProgramChange.practitioner == practitioner) & ProgramChange.ended_at.is_null()).execute()
        for model in reversed(OWNED_MODELS):
            model.delete().where(model.user == user).execute()
        user.delete_instance()


def uuid_holders(uuids):
    """{uuid: [(model, owner id)]} for every row in any UUID table named by one of `uuids`
    (one query however many tables). The sync asks this for every batch; its SQL is written once
    per number of ids, since building a six-table UNION with peewee cost more than running it."""
    uuids = list(dict.fromkeys(uuids))
    if not uuids:
        return {}
    found = {}
    for index, uuid, owner in database.execute_sql(_holders_sql(len(uuids), database.param),
                                                  uuids * len(UUID_MODELS)):
        found.setdefault(uuid, []).append((UUID_MODELS[index], owner))
    return found


@functools.lru_cache(maxsize=64)
def _holders_sql(count, param):
    marks = ", ".join([param] * count)
    return " UNION ALL ".join(
        f'SELECT {i}, "{model.uuid.column_name}", "{model.user.column_name}" FROM "{model._meta.table_name}" '
        f'WHERE "{model.uuid.column_name}" IN ({marks})' for i, model in enumerate(UUID_MODELS))


__all__ = [
    "MODELS",
    "NOT_DONE",
    "OWNED_MODELS",
    "UUID_MODELS",
    "AccountEvent",
    "BaseModel",
    "CalendarFeed",
    "CareInvite",
    "CareLink",
    "CareLook",
    "CareVisit",
    "Challenge",
    "CheckIn",
    "Completion",
    "DeviceSession",
    "DismissedSuggestion",
    "DoneCount",
    "Owned",
    "Passkey",
    "Practitioner",
    "ProgramChange",
    "PsfsRating",
    "PushSent",
    "PushSubscription",
    "ReadinessCheck",
    "RecoveryCode",
    "RedFlagCheck",
    "RedFlagCorrection",
    "ResetToken",
    "ShareLink",
    "StageChange",
    "SyncedRecord",
    "Throttle",
    "Tombstone",
    "User",
    "Visit",
    "delete_account",
    "hash_password",
    "lock_account",
    "logged_day_count",
    "logged_days",
    "normalise_email",
    "row_of",
    "utcnow",
    "uuid_holders",
    "ways_in",
]
