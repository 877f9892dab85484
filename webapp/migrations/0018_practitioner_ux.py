"""Issue 23, items 6 and 8: what the person last saw of their practitioner's program changes.

- user.changes_seen_at: when the person last said "Got it" to the card on Today that tells them
  their practitioner changed their program (templates/practice/_practitioner_changed.html). Null:
  nothing seen yet, so changes of the last 14 days show. Today's page is kept against the
  person's row, so saying "Got it" redraws it; a new change moves data_version (0008).
"""
from peewee import DateTimeField


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "changes_seen_at", DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user", "changes_seen_at"))
