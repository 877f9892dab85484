"""Reminders by Web Push: a subscription per signed-in device, and a log of what was sent.

A subscription belongs to the device's session row: signing out, ending that device's session
or deleting the account removes it (the foreign key cascades), and a session past its lifetime
is never sent to. The log's unique key (person, kind, local date, slot) is what makes a retry, or
two queue consumers finding the same reminder due, send it once."""
import hashlib

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegrityError, TextField

from ..db import database
from .access import DeviceSession
from .base import utcnow
from .owned import Owned

TEST = "test"       # the "Send a test notification" kind: not counted against the daily cap


def endpoint_hash(endpoint):
    return hashlib.sha256(endpoint.encode()).hexdigest()


class PushSubscription(Owned):
    """Where the browser's push service takes messages for one device, and the keys that encrypt
    them (RFC 8291): only that browser can read what is sent."""

    device_session = ForeignKeyField(DeviceSession, on_delete="CASCADE", index=True)
    endpoint_hash = CharField(max_length=64, unique=True)
    endpoint = TextField()
    p256dh = CharField(max_length=100)
    auth = CharField(max_length=40)
    created_at = DateTimeField(default=utcnow)
    last_sent_at = DateTimeField(null=True)

    @classmethod
    def keep(cls, device_session, endpoint, p256dh, auth):
        """Store the browser's subscription for this signed-in device. The same endpoint again (a
        second tap, or another person now signed in on this browser) moves to this session."""
        digest = endpoint_hash(endpoint)
        with database.atomic():
            cls.delete().where((cls.endpoint_hash == digest) & (cls.device_session != device_session.id)).execute()
            try:
                with database.atomic():
                    return cls.create(user=device_session.user_id, device_session=device_session.id,
                                      endpoint_hash=digest, endpoint=endpoint, p256dh=p256dh, auth=auth)
            except IntegrityError:
                row = cls.get(cls.endpoint_hash == digest)
                row.p256dh, row.auth = p256dh, auth
                row.save(only=[cls.p256dh, cls.auth])
                return row

    @classmethod
    def of_session(cls, session_id):
        return cls.select().where(cls.device_session == session_id).order_by(cls.id)

    @classmethod
    def stop(cls, session_id):
        """This device gets no more reminders; returns how many subscriptions went."""
        return cls.delete().where(cls.device_session == session_id).execute()

    @classmethod
    def live(cls, seen_since):
        """Subscriptions whose session is still alive (used since `seen_since`)."""
        return (cls.select().join(DeviceSession).where(DeviceSession.last_seen_at >= seen_since)
                .order_by(cls.user, cls.id))

    @classmethod
    def live_for(cls, user_id, seen_since):
        return cls.live(seen_since).where(cls.user == user_id)

    @classmethod
    def people_with_live(cls, seen_since):
        """The ids of people with at least one device that takes reminders."""
        return [row.user_id for row in cls.live(seen_since).select(cls.user).distinct().order_by(cls.user)]

    @classmethod
    def gone(cls, subscription_id):
        """The push service says this subscription no longer exists (404 or 410)."""
        return cls.delete().where(cls.id == subscription_id).execute()

    def info(self):
        """What pywebpush takes: the endpoint and the browser's keys."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushSent(Owned):
    """One reminder claimed for sending: at most one per person, kind, local date and slot."""

    kind = CharField(max_length=16)
    local_date = DateField()
    slot = CharField(max_length=40)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "kind", "local_date", "slot"), True),)

    @classmethod
    def claim(cls, user_id, kind, local_date, slot):
        """The new row, or None when this reminder was already claimed (by a retry or another
        consumer): only the claim's winner sends."""
        try:
            with database.atomic():
                return cls.create(user=user_id, kind=kind, local_date=local_date, slot=slot)
        except IntegrityError:
            return None

    @classmethod
    def between(cls, user_id, start, end):
        """Reminders claimed for the person on local dates `start` to `end`, tests left out."""
        return cls.select().where((cls.user == user_id) & cls.local_date.between(start, end) & (cls.kind != TEST))

    @classmethod
    def last_date(cls, user_id, kind):
        """The local date this kind was last sent to the person, or None."""
        row = (cls.select(cls.local_date).where((cls.user == user_id) & (cls.kind == kind))
               .order_by(cls.local_date.desc()).first())
        return row.local_date if row else None

    @classmethod
    def forget_before(cls, when):
        """Drop claims made before `when`: only the last few weeks are ever looked at."""
        return cls.delete().where(cls.created_at < when).execute()

    @classmethod
    def tests_on(cls, user_id, local_date):
        return cls.select().where((cls.user == user_id) & (cls.local_date == local_date)
                                  & (cls.kind == TEST)).count()
