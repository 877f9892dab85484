"""Who may come in: a row per signed-in device, and the failure counts that slow down password
guessing. The cookie carries only a random session id; the table keeps its SHA-256 hash."""
import functools

from peewee import Case, CharField, DateTimeField, IntegerField, TextField

from ..db import database
from .base import BaseModel, aliased_columns, from_row, utcnow
from .care import Practitioner
from .owned import Owned
from .people import User


class DeviceSession(Owned):
    """One signed-in browser or phone. Deleting the row signs that device out at once."""

    token_hash = CharField(max_length=64, unique=True)
    device = CharField(max_length=80, default="")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    data = TextField(default="{}")          # the rest of the session: the CSRF secret, messages

    @classmethod
    def by_hash(cls, token_hash):
        """The session with this token hash, with its person and, for a practitioner's account,
        their Practitioner row as `practitioner` (else None), in one query (or None). Asked on
        every request, so its SQL is written once and its row read by hand (from_row)."""
        mine, theirs, them = cls._meta.sorted_fields, User._meta.sorted_fields, Practitioner._meta.sorted_fields
        row = database.execute_sql(_by_hash_sql(database.param), [token_hash]).fetchone()
        if row is None:
            return None
        found = from_row(cls, mine, row[:len(mine)])
        found.__rel__["user"] = from_row(User, theirs, row[len(mine):len(mine) + len(theirs)])
        rest = row[len(mine) + len(theirs):]
        found.practitioner = None if rest[0] is None else from_row(Practitioner, them, rest)
        return found

    @classmethod
    def newest_first(cls, user):
        return cls.for_user(user).order_by(cls.last_seen_at.desc(), cls.id.desc())

    @classmethod
    def end(cls, user, session_id):
        """Sign one of the person's devices out; returns how many rows went (0 or 1)."""
        return cls.delete().where((cls.user == user) & (cls.id == session_id)).execute()

    @classmethod
    def end_all(cls, user, keep=None):
        """Sign the person out everywhere, except the session `keep` (an id) when given."""
        query = cls.delete().where(cls.user == user)
        if keep is not None:
            query = query.where(cls.id != keep)
        return query.execute()

    @classmethod
    def end_idle(cls, before):
        return cls.delete().where(cls.last_seen_at < before).execute()

    def touch(self, when):
        DeviceSession.update(last_seen_at=when).where(DeviceSession.id == self.id).execute()
        self.last_seen_at = when

    def store(self, data):
        DeviceSession.update(data=data).where(DeviceSession.id == self.id).execute()

    def renew(self, token_hash):
        """A new session id for this device (the row, its device and its data stay)."""
        DeviceSession.update(token_hash=token_hash).where(DeviceSession.id == self.id).execute()
        self.token_hash = token_hash


class Throttle(BaseModel):
    """Failed attempts counted under one key (an account or an address, both hashed)."""

    key = CharField(max_length=80, unique=True)
    failures = IntegerField(default=0)
    last_failure_at = DateTimeField(index=True)
    blocked_until = DateTimeField(null=True)

    @classmethod
    def blocked_until_for(cls, keys, now):
        """The latest time any of `keys` is blocked until, if later than `now` (else None)."""
        row = (cls.select(cls.blocked_until).where(cls.key.in_(keys) & (cls.blocked_until > now))
               .order_by(cls.blocked_until.desc()).first())
        return row.blocked_until if row else None

    @classmethod
    def add_failure(cls, key, now, forget_before):
        """Count one failure for `key` (a count older than `forget_before` starts again);
        returns the new count. One statement, so every worker and server counts together."""
        stale = cls.last_failure_at < forget_before
        (cls.insert(key=key, failures=1, last_failure_at=now)
         .on_conflict(conflict_target=[cls.key],
                      update={cls.failures: Case(None, [(stale, 1)], cls.failures + 1),
                              cls.blocked_until: Case(None, [(stale, None)], cls.blocked_until),
                              cls.last_failure_at: now})
         .execute())
        return cls.get(cls.key == key).failures

    @classmethod
    def block(cls, key, until):
        cls.update(blocked_until=until).where(cls.key == key).execute()

    @classmethod
    def clear(cls, keys):
        cls.delete().where(cls.key.in_(keys)).execute()

    @classmethod
    def forget_older_than(cls, when):
        return cls.delete().where((cls.last_failure_at < when)
                                  & (cls.blocked_until.is_null() | (cls.blocked_until < when))).execute()


@functools.cache
def _by_hash_sql(param):
    # The practitioner's row comes with the session's (their pages paid a statement of their own
    # for it); for a person's account the LEFT JOIN finds nothing in practitioner_user_id.
    columns = ", ".join(aliased_columns(m, a) for m, a in ((DeviceSession, "s"), (User, "u"), (Practitioner, "p")))
    return (f'SELECT {columns} FROM "{DeviceSession._meta.table_name}" AS s JOIN "{User._meta.table_name}" AS u '
            f'ON u."id" = s."user_id" LEFT JOIN "{Practitioner._meta.table_name}" AS p ON p."user_id" = u."id" '
            f'WHERE s."token_hash" = {param} LIMIT 1')
