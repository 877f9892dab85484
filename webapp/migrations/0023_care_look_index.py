"""One index for a person's looks instead of two (issue 26). Every caseload view records a look for
each person shown (200 rows), and each row went into (user_id) and (user_id, at): two entries far
apart in two large indexes per person. After a year of views (10 a day: some 740,000 looks) the
kept caseload took 10.5 to 10.9 ms on SQLite against 4.5 to 4.9 on a fresh database, most of it
writing one view's looks (on a copy with 1.65 million: 4.8 to 6.1 ms a view, over 1,300 pages to
the WAL). (user_id, id) answers every question asked of the looks, a person's newest first and the
id of their newest one, in index order on SQLite and PostgreSQL alike (id is the order they were
recorded in): the kept caseload after the year 5.4 ms, the looks of one view 1.5 to 2.0 ms.
Building it takes a few seconds for a million looks, during which recording a look waits
(PostgreSQL) or the upgrade holds the database (SQLite), as any migration does; the README's
deployment steps upgrade before starting the new version's servers.
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
