"""Indexes for the caseload's first view after its people's records changed (issue 26): it reads
leg pain by day and exercises done by day for every linked person (some 10,000 rows for 200
people), and the exercises that spread symptoms down the leg.

- check_in (user_id, local_date, leg_pain) and completion (user_id, local_date, exercise) hold
  every column those two reads ask for, so the database answers from the index alone, in order,
  without visiting the table's rows or sorting them for the grouping.
- completion (user_id, local_date) WHERE response = 'spread': the few such rows, where the
  (user_id, local_date) index walked every exercise done in the range to find them. Partial, so
  it costs a write only when an exercise spread symptoms.
"""

INDEXES = {
    "check_in_leg_by_day": 'ON "check_in" ("user_id", "local_date", "leg_pain")',
    "completion_done_by_day": 'ON "completion" ("user_id", "local_date", "exercise")',
    "completion_spread": 'ON "completion" ("user_id", "local_date") WHERE "response" = \'spread\'',
}


def up(migrator, db):
    for name, body in INDEXES.items():
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" {body}')


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
