"""Reminders by Web Push: a subscription per signed-in device (gone with its session row), the log
of reminders sent (one per person, kind, local date and slot), and the person's quiet hours.

The classes are frozen copies, deliberately independent of webapp.models.
"""
import datetime as dt

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


USER = (("quiet_start", CharField(max_length=5, null=True)),
        ("quiet_end", CharField(max_length=5, null=True)))


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)

    class DeviceSession(Base):
        token_hash = CharField(max_length=64, unique=True)

    class PushSubscription(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        device_session = ForeignKeyField(DeviceSession, on_delete="CASCADE", index=True)
        endpoint_hash = CharField(max_length=64, unique=True)
        endpoint = TextField()
        p256dh = CharField(max_length=100)
        auth = CharField(max_length=40)
        created_at = DateTimeField(default=_now)
        last_sent_at = DateTimeField(null=True)

    class PushSent(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=16)
        local_date = DateField()
        slot = CharField(max_length=40)
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("user", "kind", "local_date", "slot"), True),)

    return [PushSubscription, PushSent]


def up(migrator, db):
    migrator.migrate(*[migrator.add_column("user", name, field) for name, field in USER])
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(_models(db))))
    migrator.migrate(*[migrator.drop_column("user", name) for name, _ in USER])
