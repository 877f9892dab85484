"""Issue 21: the check-in's last follow-up question, and contact-a-doctor answers that came with a
go-now answer.

- check_in.both_constant: "weakness in both legs, not new" asks "Are both legs weak or numb all
  the time, or do your legs give way?" (a yes is a go-now sign). Null on every older check-in:
  they were stored before the question existed, and stay as they are.
- The partial index on the answers still awaiting "have you spoken to a doctor?" (0009) now holds
  every answer with a contact-a-doctor sign, a go-now answer that also had one included: such an
  answer keeps its card on Today until the person says they have spoken to a doctor.
"""
from peewee import BooleanField

OLD = "\"tier\" IN ('today', 'soon') AND \"contacted_at\" IS NULL"
NEW = "\"contact_today\" <> '' AND \"contacted_at\" IS NULL"


def _index(db, condition):
    db.execute_sql('DROP INDEX IF EXISTS "red_flag_check_awaiting"')
    db.execute_sql('CREATE INDEX "red_flag_check_awaiting" ON "red_flag_check" '
                   f'("user_id", "local_date", "local_time", "id") WHERE {condition}')


def up(migrator, db):
    migrator.migrate(migrator.add_column("check_in", "both_constant", BooleanField(null=True)))
    _index(db, NEW)


def down(migrator, db):
    _index(db, OLD)
    migrator.migrate(migrator.drop_column("check_in", "both_constant"))
