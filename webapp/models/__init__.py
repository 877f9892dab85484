"""The tables (peewee models). Every query that returns a person's data is scoped to that person
on the model: views never build queries. Schema changes are numbered migrations."""
from peewee import Value

from ..db import database
from .access import DeviceSession, Throttle
from .base import BaseModel, utcnow
from .care import CareInvite, CareLink, CareLook, CareVisit, Practitioner
from .changes import ProgramChange
from .owned import Owned, SyncedRecord
from .people import User, hash_password, normalise_email
from .program import CalendarFeed, DismissedSuggestion
from .records import CheckIn, Completion, RedFlagCheck, StageChange, Tombstone, logged_day_count, logged_days
from .report import PsfsRating, ShareLink, Visit

# Every table a person owns, parents before children; all go with the account.
OWNED_MODELS = [CheckIn, RedFlagCheck, Completion, Tombstone, StageChange,
                DismissedSuggestion, CalendarFeed, Visit, PsfsRating, ShareLink, DeviceSession,
                Practitioner, CareInvite, CareLink, CareLook, CareVisit, ProgramChange]
MODELS = [User] + OWNED_MODELS + [Throttle]
# Every table whose rows are named by a client-made UUID. One UUID names one record: of one
# person, in one of these tables (and its tombstone, once deleted).
UUID_MODELS = [CheckIn, RedFlagCheck, Completion, Visit, PsfsRating, Tombstone]


def delete_account(user):
    """Delete the person and every row they own, in one transaction (children first: the order
    matters on databases without cascades)."""
    with database.atomic():
        for model in reversed(OWNED_MODELS):
            model.delete().where(model.user == user).execute()
        user.delete_instance()


def uuid_holders(uuids):
    """{uuid: [(model, owner id)]} for every row in any UUID table named by one of `uuids`
    (one query however many tables)."""
    uuids = list(uuids)
    if not uuids:
        return {}
    query = None
    for i, model in enumerate(UUID_MODELS):
        part = model.select(Value(i), model.uuid, model.user).where(model.uuid.in_(uuids))
        query = part if query is None else query + part       # UNION ALL
    found = {}
    for index, uuid, owner in query.tuples():
        found.setdefault(uuid, []).append((UUID_MODELS[index], owner))
    return found

__all__ = ["BaseModel", "CalendarFeed", "CareInvite", "CareLink", "CareLook", "CareVisit", "CheckIn",
           "Completion", "DeviceSession", "DismissedSuggestion",
           "MODELS", "OWNED_MODELS", "Owned", "Practitioner", "ProgramChange", "PsfsRating", "RedFlagCheck",
           "ShareLink", "StageChange",
           "SyncedRecord", "Throttle", "Tombstone", "UUID_MODELS", "User", "Visit", "delete_account",
           "hash_password", "logged_day_count", "logged_days", "normalise_email", "utcnow",
           "uuid_holders"]
