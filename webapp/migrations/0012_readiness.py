"""A table the readiness check (/readyz) writes to: one row per server, the last time it proved
that the database takes a write. `/healthz` only reads (SELECT 1), which a read-only or full
database still answers; a load balancer needs to know that writes work.

The classes are frozen copies, deliberately independent of webapp.models.
"""
from peewee import CharField, DateTimeField, Model


def _models(db):
    class ReadinessCheck(Model):
        server = CharField(max_length=120, unique=True)
        checked_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False

    return [ReadinessCheck]


def up(migrator, db):
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(_models(db))
