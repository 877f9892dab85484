"""Issue 26: the caseload on the first view after every linked person's records changed, and the
practitioner's page about one person, each in a fixed number of SQL statements, however many people
are linked (counted, never timed: the times are `make bench`'s), with every figure still shown."""
import datetime as dt
import re

import psycopg

from webapp.models import CareLink, CareLook, CheckIn, Practitioner, RedFlagCheck, User, utcnow

from .helpers import london_today, new_uuid
from .test_practice_caseload import flag, person
from .test_practice_desk import DAILY, rows_of, statements

# Session (with the practitioner's row), the caseload's rows, visits, newest check-ins, leg pain by
# day, warning answers, their corrections, spread, done by day, stage histories, the looks: 11 (13
# before the people's own rows stopped being read a second time and the practitioner's came with
# the session).
CASELOAD_STATEMENTS = 11
# Session (with the practitioner's row), the link with its person, the look.
PERSON_PAGE_STATEMENTS = 3
# The caseload kept whole: session, the caseload's rows (each person's data_version), visits, the looks.
KEPT_CASELOAD_STATEMENTS = 4


def many(me, count, start):
    """`count` linked people with a week of check-ins and a contact-today answer each, in bulk."""
    emails = [f"bulk{start + n}@example.com" for n in range(count)]
    User.insert_many([{"email": e, "password_hash": "x", "timezone": "Europe/London", "stage": 2,
                       "pattern": "disc", "display_name": f"Bulk {start + n:03d}"} for n, e in enumerate(emails)]).execute()
    ids = [u.id for u in User.select(User.id).where(User.email.in_(emails)).order_by(User.id)]
    today = london_today()
    CheckIn.insert_many([{"user": uid, "uuid": new_uuid(), "local_date": today - dt.timedelta(days=d), "local_time": "09:00",
                          "client_updated_at": utcnow(), "leg_pain": leg} for uid in ids for d, leg in DAILY]).execute()
    RedFlagCheck.insert_many([{"user": uid, "uuid": new_uuid(), "local_date": today - dt.timedelta(days=1),
                               "local_time": "08:00", "client_updated_at": utcnow(), "tier": "today",
                               "contact_today": "new_weakness", "go_now": ""} for uid in ids]).execute()
    CareLink.insert_many([{"user": uid, "practitioner": me.id} for uid in ids]).execute()
    return ids


def body(html):
    """The page's main part: the cards and the table."""
    return html[html.index("<main"):html.index("</main>")]


def everyone_changes():
    """A day of check-ins, as the kept figures see it: every person's data_version moves."""
    User.update(data_version=User.data_version + 1).execute()


def test_the_caseload_after_everyones_records_changed_takes_the_same_statements_for_200_as_for_3(app, jo):
    me = Practitioner.get()
    for n in range(3):
        flag(person(f"Small {n}", me, DAILY), 1, "today")
    jo.get("/practice/")                                    # a first view out of the count
    everyone_changes()
    small = statements(lambda: jo.get("/practice/"))
    many(me, 197, 3)
    everyone_changes()
    looks = CareLook.select().count()
    big = statements(lambda: jo.get("/practice/"))
    assert big == small == CASELOAD_STATEMENTS, (small, big)
    # Every one of the 200 shown, worked out afresh, and one look recorded for each of them.
    html = jo.get("/practice/").get_data(as_text=True)
    rows = dict(rows_of(html))
    assert len(rows) == 200 and all(cells[0].startswith("Doctor today") for cells in rows.values())
    assert rows["Bulk 150"][1].startswith("Leg pain 3 this week")
    assert CareLook.select().count() == looks + 2 * 200
    linked = {link.user_id for link in CareLink.select().where(CareLink.practitioner == me)}
    assert {look.user_id for look in CareLook.select().where(CareLook.id > 0)} == linked


def test_the_caseload_kept_or_afresh_is_the_same_page(app, jo):
    """The changed people's cards and rows are drawn together and cut apart: each lands on its own
    person, whether drawn in this view or kept from an earlier one."""
    me = Practitioner.get()
    many(me, 40, 0)
    first = jo.get("/practice/").get_data(as_text=True)
    User.update(data_version=User.data_version + 1).where(User.display_name.in_(["Bulk 007", "Bulk 031"])).execute()
    again = jo.get("/practice/").get_data(as_text=True)
    assert body(again) == body(first)                       # all but the signed CSRF token, which ticks
    names = re.findall(r'<p class="caseload-name"><a href="/practice/people/(\d+)/">([^<]+)</a>', again)
    owner = {str(link.id): link.user.display_name for link in CareLink.select(CareLink, User).join(User)}
    assert len(names) == 40 and all(owner[link] == name for link, name in names)


def test_a_kept_caseload_takes_four_statements_and_a_practitioner_s_own_page_one(app, jo):
    """Kept pages key on the signed-in account's day; a practitioner's account never checks in, so
    its day is its time zone's (else UTC's) without asking for its newest check-in's offset."""
    me = Practitioner.get()
    assert me.user.timezone is None
    many(me, 20, 0)
    for path in ("/practice/", "/library/"):
        jo.get(path)
    app.config["STENCIL_CHECK"] = False                     # count what a kept page costs, without the check
    looks = CareLook.select().count()
    assert statements(lambda: jo.get("/practice/")) == KEPT_CASELOAD_STATEMENTS
    assert CareLook.select().count() == looks + 20
    assert statements(lambda: jo.get("/library/")) == 1


def test_the_person_page_takes_three_statements_whoever_it_is_about(app, jo):
    me = Practitioner.get()
    ana = person("Ana Page", me, DAILY)
    many(me, 20, 0)
    link = CareLink.get(CareLink.user == ana)
    path = f"/practice/people/{link.id}/"
    assert "Ana Page" in jo.get(path).get_data(as_text=True)
    assert "Ana Page" in jo.get(path).get_data(as_text=True)     # kept, and checked against a fresh one
    looks = CareLook.select().where(CareLook.user == ana).count()
    app.config["STENCIL_CHECK"] = False                     # count what a kept page costs, without the check
    assert statements(lambda: jo.get(path)) == PERSON_PAGE_STATEMENTS
    assert CareLook.select().where(CareLook.user == ana).count() == looks + 1
    # Another practitioner's link, and one that does not exist: 404, not a page.
    assert jo.get(f"/practice/people/{link.id + 1000}/").status_code == 404


def test_postgresql_is_read_through_psycopgs_c_implementation():
    """Pure-Python psycopg read every value in Python: three times the server time per page."""
    assert psycopg.pq.__impl__ in ("c", "binary")       # the C implementation, built here or as a wheel
