"""A realistic data set: one person with three years of daily check-ins and completions, plus
200 other people with a few months each, a practitioner whom all 201 have linked (their
caseload and the person page) and one whom the first 20 have (a typical caseload). Usage: python -m bench.seed DATABASE_URL"""
import datetime as dt
import random
import sys
import uuid

from webapp import create_app
from webapp import db as dbmod
from webapp.models import (
    CareLink,
    CheckIn,
    Completion,
    Practitioner,
    RedFlagCheck,
    StageChange,
    User,
    hash_password,
    utcnow,
)

PERSON, PASSWORD = "bench@example.com", "bench password one"
# Load and replay runs write as other people, so the measured person's history stays realistic.
OTHER_PASSWORD = "another bench password"
PRACTITIONER = "practitioner@example.com"       # signs in with PASSWORD; linked to everyone
TYPICAL_PRACTITIONER, TYPICAL = "practitioner-20@example.com", 20   # linked to the first 20 people
EXTENTS = ["back", "buttock", "thigh", "below_knee", "foot"]
EXERCISES = ["knees-rocking", "sitting-nerve-slider", "lying-nerve-slider", "table-stretch",
             "graded-walking", "abdominal-bracing", "glute-bridge", "buttock-stretch"]


def _stamp(day, hour, minute=0):
    return {"uuid": str(uuid.uuid4()), "local_date": day, "local_time": f"{hour:02d}:{minute:02d}",
                "tz_offset_minutes": 0, "client_updated_at": dt.datetime.combine(day, dt.time(hour, minute))}


def history(user, days, rng, end):
    """Rows for one person: a slow, noisy recovery with flare-ups, 1–3 check-ins a day."""
    checkins, completions, checks = [], [], []
    pain = 7.5
    for i in range(days):
        day = end - dt.timedelta(days=days - 1 - i)
        pain = min(10, max(0, pain + rng.uniform(-0.6, 0.5) + (3 if rng.random() < 0.01 else 0)))
        for hour in rng.sample([8, 13, 19], rng.randint(1, 3)):
            leg = round(min(10, max(0, pain + rng.uniform(-1, 1))))
            checkins.append(dict(user=user, leg_pain=leg, back_pain=max(0, leg - rng.randint(0, 3)),
                                 extent=EXTENTS[min(4, leg // 2)], tingling=leg > 5, weakness=False,
                                 sitting_minutes=10 + (10 - leg) * 6, walking_minutes=5 + (10 - leg) * 5,
                                 sleep_disturbed=leg > 6, medication="ibuprofen" if leg > 6 else "",
                                 notes="flare after a long drive" if leg > 8 else "", **_stamp(day, hour)))
        checks.append(dict(user=user, tier="none", **_stamp(day, 8, 1)))
        for n, slug in enumerate(rng.sample(EXERCISES, rng.randint(2, 5))):
            completions.append(dict(user=user, exercise=slug, session="morning" if n < 2 else "evening",
                                    response=rng.choice(["better", "same", "same", "worse"]),
                                    **_stamp(day, 9 + n, 30)))
    return checkins, completions, checks


def insert(model, rows, size=500):
    for start in range(0, len(rows), size):
        model.insert_many(rows[start:start + size]).execute()


def seed(url, years=3, others=200, seed_value=7):
    create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": False})
    dbmod.upgrade()
    rng = random.Random(seed_value)
    today = utcnow().date()
    shared_hash = hash_password(OTHER_PASSWORD)
    with dbmod.database.atomic():
        person = User.create(email=PERSON, password_hash=hash_password(PASSWORD), stage=2, pattern="disc",
                             side="left", episode_start=today - dt.timedelta(days=365 * years),
                             onboarded_at=utcnow(), timezone="Europe/London", country="GB",
                             background_answered_at=utcnow(), pregnancy_answered_at=utcnow(),
                             recovery_offered_at=utcnow())
        StageChange.create(user=person, to_stage=1, to_pattern="disc", made_by="onboarding",
                           reason="Started three years ago", changed_at=utcnow() - dt.timedelta(days=365 * years))
        StageChange.create(user=person, from_stage=1, to_stage=2, from_pattern="disc", to_pattern="disc",
                           made_by="person", reason="Leg pain settled")
        for model, rows in zip((CheckIn, Completion, RedFlagCheck), history(person, 365 * years, rng, today)):
            insert(model, rows)
        for n in range(others):
            other = User.create(email=f"other{n}@example.com", password_hash=shared_hash, stage=1,
                                pattern="disc", onboarded_at=utcnow(), background_answered_at=utcnow(),
                                pregnancy_answered_at=utcnow())
            for model, rows in zip((CheckIn, Completion, RedFlagCheck), history(other, 60, rng, today)):
                insert(model, rows)
        people = [user.id for user in User.select(User.id).order_by(User.id)]
        for email, linked in ((PRACTITIONER, people), (TYPICAL_PRACTITIONER, people[:TYPICAL])):
            account = User.create(email=email, password_hash=hash_password(PASSWORD))
            practitioner = Practitioner.create(user=account, name="Jo Bench", profession="physiotherapist")
            insert(CareLink, [{"user": user, "practitioner": practitioner} for user in linked])
    counts = {m.__name__: m.select().count() for m in (User, CheckIn, Completion, RedFlagCheck, CareLink)}
    dbmod.close_all(dbmod.database.obj)
    return counts


def person_page(url):
    """The practitioner's page for the measured person (their care link's id)."""
    database = dbmod.connect_url(url, pooled=False)
    with database.connection_context():
        row = database.execute_sql(
            'SELECT care_link.id FROM care_link JOIN "user" ON "user".id = care_link.user_id '
            'JOIN practitioner ON practitioner.id = care_link.practitioner_id '
            'JOIN "user" AS account ON account.id = practitioner.user_id '
            f'WHERE "user".email = {database.param} AND account.email = {database.param}',
            [PERSON, PRACTITIONER]).fetchone()
    return f"/practice/people/{row[0]}/"


if __name__ == "__main__":
    print(seed(sys.argv[1]))
