"""One index for a person's looks instead of two (issue 26). Every caseload view records a look for
each person shown (200 rows), and each row went into (user_id) and (user_id, at): two entries far
apart in two large indexes per person, so after a year of views (a million and a half looks)
recording one view's looks wrote some 1,300 pages to the WAL and took 6 ms on SQLite, more than
drawing the kept caseload. (user_id, id) answers every question asked of the looks, a person's
newest first and the id of their newest one, in index order on SQLite and PostgreSQL alike (id
is the order they were recorded in): 1.8 ms for the same view.
"""

NEW = ("care_look_user_id_id", 'ON "care_look" ("user_id", "id")')
OLD = (("care_look_user_id", 'ON "care_look" ("user_id")'),
       ("care_look_user_id_at", 'ON "care_look" ("user_id", "at")'))


def up(migrator, db):
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{NEW[0]}" {NEW[1]}')
    for name, _body in OLD:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def down(migrator, db):
    for name, body in OLD:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" {body}')
    db.execute_sql(f'DROP INDEX IF EXISTS "{NEW[0]}"')
