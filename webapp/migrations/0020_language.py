"""The language a person reads the app in ("en", "es"); null: from the browser, as for a visitor.

The field is a frozen copy, deliberately independent of webapp.models.
"""
from peewee import CharField

USER = (("language", CharField(max_length=16, null=True)),)


def up(migrator, db):
    migrator.migrate(*[migrator.add_column("user", name, field) for name, field in USER])


def down(migrator, db):
    migrator.migrate(*[migrator.drop_column("user", name) for name, _ in USER])
