"""Never locked out: recovery codes, e-mailed reset links, passkeys and the challenges they sign,
a list of changes to how a person signs in, and two columns on the person (when recovery codes
were offered; the random id passkeys know them by).

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import BigIntegerField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)

    class RecoveryCode(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        code_hash = CharField(max_length=160)
        created_at = DateTimeField(default=_now)
        used_at = DateTimeField(null=True)

    class ResetToken(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(default=_now)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

    class Passkey(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        credential_id = CharField(max_length=1400, unique=True)
        public_key = TextField()
        sign_count = BigIntegerField(default=0)
        transports = CharField(max_length=120, default="")
        name = CharField(max_length=80)
        created_at = DateTimeField(default=_now)
        last_used_at = DateTimeField(null=True)

    class Challenge(Base):
        challenge_hash = CharField(max_length=64, unique=True)
        purpose = CharField(max_length=16)
        user = ForeignKeyField(User, null=True, on_delete="CASCADE")
        expires_at = DateTimeField(index=True)

    class AccountEvent(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=24)
        detail = CharField(max_length=120, default="")
        device = CharField(max_length=80, default="")
        created_at = DateTimeField(default=_now, index=True)

    return [RecoveryCode, ResetToken, Passkey, Challenge, AccountEvent]


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("user", "recovery_offered_at", DateTimeField(null=True)),
        migrator.add_column("user", "passkey_user_id", CharField(max_length=64, null=True)),
        migrator.add_index("user", ("passkey_user_id",), True),
    )
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
    migrator.migrate(
        migrator.drop_index("user", "user_passkey_user_id"),
        migrator.drop_column("user", "passkey_user_id"),
        migrator.drop_column("user", "recovery_offered_at"),
    )
