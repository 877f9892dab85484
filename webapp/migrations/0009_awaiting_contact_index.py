"""An index on the contact-a-doctor answers a person has not yet said they acted on. Today reads
them on every request (RedFlagCheck.today_answers, RedFlagCheck.awaiting_contact); without it the
database walks every warning-sign answer the person ever gave (one a day is a thousand in three
years) to find the few, usually none, still awaiting. Partial, so it holds only those few rows;
SQLite and PostgreSQL use it for any query whose WHERE repeats its condition word for word.
"""

CONDITION = "\"tier\" IN ('today', 'soon') AND \"contacted_at\" IS NULL"


def up(migrator, db):
    db.execute_sql('CREATE INDEX IF NOT EXISTS "red_flag_check_awaiting" ON "red_flag_check" '
                   f'("user_id", "local_date", "local_time", "id") WHERE {CONDITION}')


def down(migrator, db):
    db.execute_sql('DROP INDEX IF EXISTS "red_flag_check_awaiting"')
