"""The person's logged days: local dates with a check-in or a safety answer (the history's pages)."""
from peewee import SQL

from .records import CheckIn, RedFlagCheck


def logged_days(user, limit, offset=0):
    """Local dates with a check-in or a safety answer, newest first, one page of them."""
    query = (_days_union(user).order_by(SQL("local_date").desc()).limit(limit).offset(offset))
    return [row.local_date for row in query]


def logged_day_count(user):
    return _days_union(user).count()


def _days_union(user):
    return (CheckIn.select(CheckIn.local_date).where(CheckIn.user == user)
            | RedFlagCheck.select(RedFlagCheck.local_date).where(RedFlagCheck.user == user))
