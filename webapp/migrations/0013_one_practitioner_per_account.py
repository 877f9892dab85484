"""One practitioner row per account, enforced by the database.

Migration 0007 asked for a unique index on practitioner.user_id, but the foreign key's own
(plain) index had taken the name practitioner_user_id first, so CREATE UNIQUE INDEX IF NOT EXISTS
did nothing and two practitioner rows for one account could be inserted (playhouse.schema_diff
found it). Any such pair is merged into the older row first: whatever pointed at the newer one
(care links, invitations, looks, visits, program changes) is moved to the older one, so nothing a
person or practitioner made is lost. Then the plain index is replaced by a unique one.
"""


def _referrers(db):
    """(table, column) of every foreign key that points at practitioner.id."""
    return [(table, fk.column) for table in db.get_tables()
            for fk in db.get_foreign_keys(table) if fk.dest_table == "practitioner"]


def up(migrator, db):
    duplicates = db.execute_sql(
        'SELECT p.id, (SELECT MIN(q.id) FROM "practitioner" q WHERE q.user_id = p.user_id) '
        'FROM "practitioner" p WHERE p.id > (SELECT MIN(q.id) FROM "practitioner" q WHERE q.user_id = p.user_id)'
    ).fetchall()
    referrers = _referrers(db) if duplicates else []
    for newer, older in duplicates:
        for table, column in referrers:
            db.execute_sql(f'UPDATE "{table}" SET "{column}" = {db.param} WHERE "{column}" = {db.param}',
                           (older, newer))
        db.execute_sql(f'DELETE FROM "practitioner" WHERE id = {db.param}', (newer,))
    db.execute_sql('DROP INDEX IF EXISTS "practitioner_user_id"')
    db.execute_sql('CREATE UNIQUE INDEX "practitioner_user_id" ON "practitioner" ("user_id")')


def down(migrator, db):
    db.execute_sql('DROP INDEX IF EXISTS "practitioner_user_id"')
    db.execute_sql('CREATE INDEX "practitioner_user_id" ON "practitioner" ("user_id")')
