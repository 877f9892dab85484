"""Issue 23, items 6 and 8: what the person last saw of their practitioner's program changes.

- user.changes_seen_at: when the person last said "Got it" to the card on Today that tells them
  their practitioner changed their program (templates/practice/_practitioner_changed.html). Null:
  nothing seen yet, so changes of the last 14 days show. Today's page is kept against the
  person's row, so saying "Got it" redraws it; a new change moves data_version (0008).
- user.episode_band: "How long have you had it?" answered as a span (under 2 weeks, 2 to 6 weeks,
  6 to 12 weeks, over 3 months); null on older accounts, which gave a date.
- user.episode_dated: whether the person gave the start date; false when episode_start is only the
  shortest end of the span chosen. Null on older accounts (they all gave one). Nullable, since on
  SQLite a NOT NULL column means rebuilding "user", which 0008's triggers do not survive.
"""
from peewee import BooleanField, CharField, DateTimeField

COLUMNS = (("changes_seen_at", DateTimeField(null=True)), ("episode_band", CharField(max_length=8, null=True)),
           ("episode_dated", BooleanField(null=True)))


def up(migrator, db):
    migrator.migrate(*(migrator.add_column("user", name, field) for name, field in COLUMNS))


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column("user", name) for name, _field in reversed(COLUMNS)))
