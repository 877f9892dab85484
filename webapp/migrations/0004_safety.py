"""Safety, second edition (issue 11): the person's country and background risks (asked once,
editable), the both-legs review date; on each warning-sign answer the background it was judged
with and whether the person has since spoken to a doctor; on each check-in which leg, a spread
to the other leg, and whether weakness is new and in one leg or both.

Existing people keep everything; background_answered_at stays empty for them, so they are asked
the one-time questions once, on their next visit. Columns only: no frozen classes are needed.
"""
from peewee import BooleanField, CharField, DateField, DateTimeField, TextField

USER = (("country", CharField(max_length=2, null=True)),
        ("background", TextField(default="")),
        ("background_answered_at", DateTimeField(null=True)),
        ("both_legs_checked_on", DateField(null=True)))
RED_FLAG_CHECK = (("background", TextField(default="")),
                  ("contacted_at", DateTimeField(null=True)))
CHECK_IN = (("leg_side", CharField(max_length=8, null=True)),
            ("spread_to_other", BooleanField(null=True)),
            ("weakness_new", BooleanField(null=True)),
            ("weakness_side", CharField(max_length=8, null=True)))
TABLES = {"user": USER, "red_flag_check": RED_FLAG_CHECK, "check_in": CHECK_IN}


def up(migrator, db):
    migrator.migrate(*[migrator.add_column(table, name, field)
                       for table, columns in TABLES.items() for name, field in columns])


def down(migrator, db):
    migrator.migrate(*[migrator.drop_column(table, name)
                       for table, columns in TABLES.items() for name, _ in columns])
