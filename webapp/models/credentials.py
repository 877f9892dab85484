"""Ways back in: one-time recovery codes, e-mailed reset links, passkeys, the one-time challenges
a passkey signs, and the list of changes to how a person signs in. Codes and links are kept only
as hashes; a passkey only as its public key."""
from peewee import BigIntegerField, CharField, DateTimeField, ForeignKeyField, TextField, fn

from ..db import database
from .base import BaseModel, utcnow
from .owned import Owned
from .people import User


class RecoveryCode(Owned):
    """One code of a person's set; `used_at` is set the moment it lets them in."""

    code_hash = CharField(max_length=160)      # webapp/auth/codes.py: scrypt, salted per set
    created_at = DateTimeField(default=utcnow)
    used_at = DateTimeField(null=True)

    @classmethod
    def replace_set(cls, user, hashes, now):
        """A new set for `user`; the old set, used or not, stops working."""
        with database.atomic():
            cls.delete().where(cls.user == user).execute()
            cls.insert_many([{"user": user.id, "code_hash": h, "created_at": now} for h in hashes]).execute()

    @classmethod
    def unused(cls, user):
        return list(cls.for_user(user).where(cls.used_at.is_null()).order_by(cls.id))

    @classmethod
    def use(cls, code_id, now):
        """Mark one code used; False when it already was (two taps, two tabs: only one wins)."""
        return cls.update(used_at=now).where((cls.id == code_id) & cls.used_at.is_null()).execute() == 1

    @classmethod
    def summary(cls, user):
        """(codes left, codes in the set, when the set was made) or None without a set."""
        row = (cls.select(fn.COUNT(cls.id).alias("total"), fn.COUNT(cls.used_at).alias("used"),
                          fn.MIN(cls.created_at).alias("made"))
               .where(cls.user == user).dicts().get())
        if not row["total"]:
            return None
        return row["total"] - row["used"], row["total"], row["made"]


class ResetToken(Owned):
    """A password-reset link sent by e-mail: works once, for an hour."""

    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)

    @classmethod
    def by_hash(cls, token_hash):
        return cls.select(cls, User).join(User).where(cls.token_hash == token_hash).first()

    @classmethod
    def use(cls, token_id, now):
        """Spend the link; False when it was already spent or has expired."""
        return (cls.update(used_at=now)
                .where((cls.id == token_id) & cls.used_at.is_null() & (cls.expires_at > now))
                .execute() == 1)

    @classmethod
    def made_since(cls, user, since):
        return cls.select().where((cls.user == user) & (cls.created_at >= since)).count()

    @classmethod
    def end_all(cls, user):
        """Every link not yet used stops working (the password has just changed)."""
        return cls.delete().where((cls.user == user) & cls.used_at.is_null()).execute()

    @classmethod
    def forget_older_than(cls, when):
        return cls.delete().where(cls.expires_at < when).execute()


class Passkey(Owned):
    """A passkey: the authenticator keeps the private key; we keep the public one."""

    credential_id = CharField(max_length=1400, unique=True)    # base64url, as the browser sends it
    public_key = TextField()                                   # base64url COSE key
    sign_count = BigIntegerField(default=0)
    transports = CharField(max_length=120, default="")
    name = CharField(max_length=80)
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField(null=True)

    @classmethod
    def by_credential_id(cls, credential_id):
        return cls.select(cls, User).join(User).where(cls.credential_id == credential_id).first()

    @classmethod
    def oldest_first(cls, user):
        return cls.for_user(user).order_by(cls.created_at, cls.id)

    def used(self, sign_count, now):
        Passkey.update(sign_count=sign_count, last_used_at=now).where(Passkey.id == self.id).execute()


class Challenge(BaseModel):
    """A random challenge a passkey is asked to sign: good once, for a few minutes."""

    challenge_hash = CharField(max_length=64, unique=True)
    purpose = CharField(max_length=16)          # "register", "signin", "confirm"
    user = ForeignKeyField(User, null=True, on_delete="CASCADE")
    expires_at = DateTimeField(index=True)

    @classmethod
    def take(cls, challenge_hash, purpose, user, now):
        """Spend the challenge if it is ours, unspent and in time; True when it was."""
        query = cls.delete().where((cls.challenge_hash == challenge_hash) & (cls.purpose == purpose)
                                   & (cls.expires_at > now))
        query = query.where(cls.user.is_null() if user is None else cls.user == user)
        return query.execute() == 1

    @classmethod
    def forget_older_than(cls, when):
        return cls.delete().where(cls.expires_at < when).execute()


class AccountEvent(Owned):
    """A change to how the person signs in, listed on the Account page."""

    kind = CharField(max_length=24)
    detail = CharField(max_length=120, default="")
    device = CharField(max_length=80, default="")
    created_at = DateTimeField(default=utcnow, index=True)

    @classmethod
    def newest_first(cls, user, limit=12):
        return list(cls.for_user(user).order_by(cls.created_at.desc(), cls.id.desc()).limit(limit))


def ways_in(user):
    """How many ways the person can sign in now: a password, and each passkey (read afresh, not
    from a row loaded earlier in the request)."""
    stored = User.select(User.password_hash).where(User.id == user.id).scalar() or ""
    passkeys = Passkey.select().where(Passkey.user == user).count()
    return (1 if stored else 0) + passkeys


def lock_account(user):
    """Inside a transaction: hold the person's row, so two changes to their ways in (two taps,
    two tabs) happen one after the other and the count each checks is the real one."""
    User.update(password_hash=User.password_hash).where(User.id == user.id).execute()


__all__ = ["AccountEvent", "Challenge", "Passkey", "RecoveryCode", "ResetToken", "lock_account",
           "ways_in"]
