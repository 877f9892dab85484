"""Stage rules as guardrails (issue 21, items 5 and 6): "stage 1 only" kept on the person (both
legs there all the time, until the both-legs questions are answered again), the pregnancy answer
(asked once, changed on the Account page), and on each stage change the highest stage the rules
allowed, why, and the reason given for going above it (also on a practitioner's stage change).

Existing people whose latest both-legs answer said "all the time", with no "checked, stable"
answer since, get "stage 1 only" from that answer's date: the app's own rule, applied from now.
The pregnancy question is asked once, on their next visit, like the background risks were.
"""
from peewee import DateField, DateTimeField, SmallIntegerField

NULLABLE = {"user": (("stage_1_only_since", DateField(null=True)),
                     ("pregnant_from", DateField(null=True)),
                     ("pregnancy_answered_at", DateTimeField(null=True))),
            "stage_change": (("rule_stage", SmallIntegerField(null=True)),)}
# Text that is never null, added with plain SQL: peewee's SQLite migrator makes a column NOT NULL
# by copying the whole table, which would drop the triggers migration 0008 put on these tables
# (and Today would no longer notice a stage or practitioner's change).
PATTERN = "%,both_legs_always,%"       # in the comma-separated contact_today codes
TEXT = {"stage_change": ("rule_why", "override_reason"), "program_change": ("override_reason",)}


def up(migrator, db):
    migrator.migrate(*[migrator.add_column(table, name, field)
                       for table, columns in NULLABLE.items() for name, field in columns])
    for table, names in TEXT.items():
        for name in names:
            db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" TEXT NOT NULL DEFAULT \'\'')
    # Raw SQL (frozen: no models), the same on SQLite and PostgreSQL. A user row update does not
    # move data_version, but the key Today is kept against includes every column of the row.
    p = db.param
    always = "(',' || r.\"contact_today\" || ',') LIKE " + p
    db.execute_sql(
        f'UPDATE "user" SET "stage_1_only_since" = (SELECT MAX(r."local_date") FROM "red_flag_check" r '
        f'WHERE r."user_id" = "user"."id" AND {always}) '
        f'WHERE EXISTS (SELECT 1 FROM "red_flag_check" r WHERE r."user_id" = "user"."id" AND {always} '
        f'AND ("user"."both_legs_checked_on" IS NULL OR r."local_date" > "user"."both_legs_checked_on"))',
        [PATTERN, PATTERN])


def down(migrator, db):
    for table, names in TEXT.items():        # DROP COLUMN keeps the table (and its triggers)
        for name in names:
            db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{name}"')
    for table, columns in NULLABLE.items():
        for name, _ in columns:
            db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{name}"')
