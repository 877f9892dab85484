"""Go-now answers not yet confirmed as assessed (issue 26): the caseload asks for every one of its
200 people's, however old, beside their recent warning-sign answers, and the program's pause asks
for the person's own. With only (user_id, local_date) to go on, the database visited every answer
the person ever gave (one a day, for years) to find the few open ones; this partial index holds
just those. Partial, so an answer costs a write to it only while it is a go-now answer awaiting
"I have been assessed" (the caseload of 200: 2.5 ms for its warning-sign answers, 1.0 with it).
"""

NAME = "red_flag_check_unconfirmed"
BODY = ('ON "red_flag_check" ("user_id", "local_date", "local_time", "id") '
        "WHERE \"tier\" = 'now' AND \"assessed_at\" IS NULL")


def up(migrator, db):
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{NAME}" {BODY}')


def down(migrator, db):
    db.execute_sql(f'DROP INDEX IF EXISTS "{NAME}"')
