"""The tables (peewee models). Every query that returns a person's data is scoped to that person
on the model: views never build queries. Schema changes are numbered migrations."""
from ..db import database
from .base import BaseModel, utcnow
from .owned import Owned, SyncedRecord
from .people import User, hash_password, normalise_email
from .program import CalendarFeed, DismissedSuggestion
from .records import (NOT_DONE, CheckIn, Completion, DoneCount, RedFlagCheck, StageChange, Tombstone,
                      logged_day_count, logged_days)
from .report import PsfsRating, ShareLink, Visit

# Every table a person owns, parents before children; all go with the account.
OWNED_MODELS = [CheckIn, RedFlagCheck, Completion, Tombstone, StageChange,
                DismissedSuggestion, CalendarFeed, Visit, PsfsRating, ShareLink]
MODELS = [User] + OWNED_MODELS


def delete_account(user):
    """Delete the person and every row they own, in one transaction (children first: the order
    matters on databases without cascades)."""
    with database.atomic():
        for model in reversed(OWNED_MODELS):
            model.delete().where(model.user == user).execute()
        user.delete_instance()

__all__ = ["BaseModel", "CalendarFeed", "CheckIn", "Completion", "DismissedSuggestion", "DoneCount",
           "MODELS", "NOT_DONE", "OWNED_MODELS", "Owned", "PsfsRating", "RedFlagCheck", "ShareLink", "StageChange",
           "SyncedRecord", "Tombstone", "User", "Visit", "delete_account", "hash_password", "logged_day_count",
           "logged_days", "normalise_email", "utcnow"]
