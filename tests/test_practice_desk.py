"""The caseload at a desk (issue 23, item 8; issue 26, item 2): the table's columns (warning signs
named by tier, leg pain over 14 days with its words, exercises done in 7 days, the last check-in),
sorting on the server, the whole caseload read in a fixed number of statements, figures kept per
person and given up the moment their records change, and the same Facts as the one-person reading."""
import datetime as dt
import logging
import re
from html import unescape

import pytest

from webapp.models import (
    CareLink,
    CareLook,
    CheckIn,
    Completion,
    Practitioner,
    RedFlagCheck,
    RedFlagCorrection,
    StageChange,
    User,
    Visit,
    utcnow,
)
from webapp.practice import caseload, reading

from .helpers import LONDON, london_today, new_uuid, text_of
from .test_practice_caseload import flag, person, spread

DAILY = [(d, 3) for d in range(7)]


def answer(user, days, tier, go_now="", contact=""):
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=london_today() - dt.timedelta(days=days),
                        local_time="08:00", client_updated_at=utcnow(), tier=tier, go_now=go_now,
                        contact_today=contact)


def rows_of(html):
    """[(name, [cell words])] for each row of the desk table, top to bottom."""
    body = html[html.index('<tbody>'):html.index('</tbody>')]
    return [(text_of(re.search(r'<a [^>]*>([^<]+)</a>', row).group(1)), [text_of(c) for c in re.findall(r'<td[^>]*>(.*?)</td>', row, re.DOTALL)])
            for row in re.findall(r'<tr class="caseload-row[^"]*">(.*?)</tr>', body, re.DOTALL)]


def names(html):
    return [name for name, _ in rows_of(html)]


def sort_header(html, column):
    """(aria-sort or None, the value its button sends) for one column's heading."""
    th = re.search(r'<th scope="col"[^>]*?(?: aria-sort="(\w+)")?>\s*<button[^>]*value="(-?' + column + ')"', html)
    return th.group(1), th.group(2)


@pytest.fixture
def desk(app, jo):
    """A caseload with one of everything the table shows."""
    me = Practitioner.get()
    nia = person("Now Nia", me, DAILY)
    flag(nia, 2, "now")
    tim = person("Today Tim", me, [(d, 5) for d in range(10)])
    answer(tim, 1, "today", contact="weak_leg")
    rob = person("Rising Rob", me, [(12, 2), (10, 3), (9, 2), (4, 6), (3, 7), (1, 7), (0, 8)])
    sal = person("Spread Sal", me, DAILY)
    spread(sal, 1, "knees-rocking")
    for _ in range(2):
        spread(sal, 0, "pelvic-tilt")
    sue = person("Silent Sue", me, [(20, 4)])
    amy = person("Active Amy", me, [(d, 2) for d in range(14)])
    StageChange.record(amy, 1, "disc", "onboarding", "Start")
    for day in range(7):
        for slug in ("knees-rocking", "positions-of-ease"):
            Completion.create(user=amy, uuid=new_uuid(), local_date=london_today() - dt.timedelta(days=day),
                              local_time="10:00", client_updated_at=utcnow(), exercise=slug, session="morning")
    for u in (nia, tim, rob, sal, sue, amy):
        u.stage, u.pattern = 1, "disc"
        u.save()
    return me


def test_the_table_names_each_warning_sign_with_its_tier_and_the_figures_beside_it(desk, jo):
    html = jo.get("/practice/").get_data(as_text=True)
    table = dict(rows_of(html))
    assert names(html)[:4] == ["Now Nia", "Today Tim", "Spread Sal", "Rising Rob"]     # by attention
    signs = table["Now Nia"][0]
    assert signs.startswith("Go now: New numbness between your legs or around your bottom")
    assert "not yet confirmed as assessed" in signs
    assert table["Today Tim"][0].startswith("Doctor today: New or worsening weakness in one leg or foot Yesterday")
    assert 'class="sign sign-now"' in html and 'class="sign sign-today"' in html
    assert table["Rising Rob"][1] == "Leg pain 7 this week, 2.3 the week before (up 4.7); 7 of 14 days logged"
    assert table["Spread Sal"][0] == "None Pelvic tilt spread symptoms down the leg today (3 times)"
    assert table["Silent Sue"][1] == "No check-ins in the last 14 days"
    assert table["Silent Sue"][3] == f"{(london_today() - dt.timedelta(days=20)):%-d %b} 20 days ago"
    assert table["Now Nia"][3] == "Today"
    # Positions of ease and knees rocking every day, against stage 1's prescription.
    amy_done = table["Active Amy"][2]
    assert re.fullmatch(r"\d+ of \d+ \(\d+%\)( \d+ extra)?", amy_done), amy_done
    # The chart beside its words: drawn for people with check-ins, hidden from screen readers.
    assert html.count('<svg class="spark"') == 5 and 'aria-hidden="true"' in html
    # The cards for a phone are the same people in the same order.
    cards = re.findall(r'<p class="caseload-name"><a href="/practice/people/\d+/">([^<]+)</a>', html)
    assert cards == names(html)


@pytest.mark.parametrize(("sort", "expected", "aria"), [
    ("name", ["Active Amy", "Now Nia", "Rising Rob", "Silent Sue", "Spread Sal", "Today Tim"], "ascending"),
    ("-name", ["Today Tim", "Spread Sal", "Silent Sue", "Rising Rob", "Now Nia", "Active Amy"], "descending"),
    ("signs", ["Now Nia", "Today Tim", "Spread Sal", "Rising Rob", "Silent Sue", "Active Amy"], "descending"),
    # Only those with check-ins in both weeks have a trend; the rest follow, by attention.
    ("trend", ["Rising Rob", "Today Tim", "Active Amy", "Now Nia", "Spread Sal", "Silent Sue"], "descending"),
    ("last", ["Silent Sue", "Now Nia", "Today Tim", "Spread Sal", "Rising Rob", "Active Amy"], "ascending"),
])
def test_the_table_sorts_on_the_server_and_says_so(desk, jo, sort, expected, aria):
    before = CareLook.select().count()
    html = jo.get(f"/practice/?sort={sort}").get_data(as_text=True)
    assert names(html) == expected
    column = sort.lstrip("-")
    state, value = sort_header(html, column)
    assert state == aria
    assert value == ("-" + column if not sort.startswith("-") else column)     # pressing it again reverses
    assert sort_header(html, "done" if column != "done" else "name")[0] is None
    assert CareLook.select().count() == before + 6          # one look per person, sorted or not


def test_exercises_done_sorts_fewest_first_and_people_with_nothing_prescribed_last(desk, jo):
    html = jo.get("/practice/?sort=done").get_data(as_text=True)
    done = dict(rows_of(html))
    fractions = [tuple(map(int, re.match(r"(\d+) of (\d+)", done[n][2]).groups())) for n in names(html)
                 if re.match(r"\d+ of", done[n][2])]
    assert [a / b for a, b in fractions] == sorted(a / b for a, b in fractions)
    assert names(html)[-1] == "Active Amy" or done["Active Amy"][2].startswith(str(fractions[-1][0]))


@pytest.mark.parametrize("sort", ["", "nonsense", "--name", "-", "signs;drop", "é" * 300])
def test_a_sort_we_do_not_know_is_the_order_by_attention(desk, jo, sort):
    default = names(jo.get("/practice/").get_data(as_text=True))
    r = jo.get("/practice/", query_string={"sort": sort})
    assert r.status_code == 200 and names(r.get_data(as_text=True)) == default
    assert 'aria-sort' not in r.get_data(as_text=True)


def statements(action):
    """How many SQL statements `action()` runs (peewee logs each one)."""
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record) if record.name == "peewee" else None   # not the pool's
    logger = logging.getLogger("peewee")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        action()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return len(seen)


def test_the_caseload_reads_every_person_in_the_same_few_statements(app, jo):
    """Issue 26: 200 people took 2,400 statements. Now: a fixed number, however many are linked,
    and kept figures need none of the record queries at all."""
    me = Practitioner.get()
    for n in range(3):
        flag(person(f"Small {n}", me, DAILY), 1, "today")
    jo.get("/practice/")                                    # a first view out of the count
    small = statements(lambda: app.extensions["caseload_cache"].clear() or jo.get("/practice/"))
    for n in range(3, 30):
        flag(person(f"Bigger {n}", me, DAILY), 1, "today")
    big = statements(lambda: app.extensions["caseload_cache"].clear() or jo.get("/practice/"))
    assert big == small, (small, big)
    kept = statements(lambda: jo.get("/practice/"))
    assert kept < small - 5, (kept, small)


def test_kept_figures_give_way_when_the_records_change(app, jo):
    me = Practitioner.get()
    ana = person("Ana Kept", me, DAILY)
    html = jo.get("/practice/").get_data(as_text=True)
    assert dict(rows_of(html))["Ana Kept"][0] == "None"
    flag(ana, 0, "now")                                     # a new answer: data_version moves
    assert dict(rows_of(jo.get("/practice/").get_data(as_text=True)))["Ana Kept"][0].startswith("Go now")
    RedFlagCorrection.create(user=ana, answer_uuid=RedFlagCheck.get(RedFlagCheck.user == ana).uuid)
    assert "ticked by mistake" in dict(rows_of(jo.get("/practice/").get_data(as_text=True)))["Ana Kept"][0]
    ana.display_name = "Ana Renamed"
    ana.save()
    assert "Ana Renamed" in names(jo.get("/practice/").get_data(as_text=True))
    # A visit is not a record the version follows: the last visit is read on every view.
    flag(ana, 9, "today")
    assert "Doctor today" in dict(rows_of(jo.get("/practice/").get_data(as_text=True)))["Ana Renamed"][0]
    Visit.create(user=ana, uuid=new_uuid(), visit_date=london_today() - dt.timedelta(days=3), practitioner="Jo")
    signs = dict(rows_of(jo.get("/practice/").get_data(as_text=True)))["Ana Renamed"][0]
    assert "Doctor today" not in signs and "Go now" in signs


def test_the_caseload_is_drawn_once_while_nothing_changes_and_every_view_records_its_looks(app, jo):
    """The whole page is kept (webapp/pagecache.py) against every person's figures' key; a look for
    each person is still recorded on every view, and a warning-sign answer written straight into
    the database, by no code of ours, is on the very next view."""
    from webapp.db import database
    me = Practitioner.get()
    ana, ben = person("Ana Kept", me, DAILY), person("Ben Kept", me, DAILY)
    kept = app.extensions["kept_pages"]
    hits, misses = kept.hits, kept.misses
    pages = [jo.get("/practice/").get_data(as_text=True) for _ in range(3)]
    assert (kept.hits - hits, kept.misses - misses) == (2, 1) and pages[1] == pages[2]
    assert CareLook.select().where(CareLook.user.in_([ana, ben])).count() == 6
    database.execute_sql(
        'INSERT INTO "red_flag_check" ("user_id", "uuid", "local_date", "local_time", "tz_offset_minutes", '
        '"client_updated_at", "created_at", "updated_at", "go_now", "contact_today", "tier", "background", '
        f'"assessed_note") VALUES ({", ".join([database.param] * 13)})',
        [ben.id, new_uuid(), london_today(), "07:00", 0, utcnow(), utcnow(), utcnow(), "saddle", "", "now", "", ""])
    html = jo.get("/practice/").get_data(as_text=True)
    assert kept.misses - misses == 2
    assert dict(rows_of(html))["Ben Kept"][0].startswith("Go now") and dict(rows_of(html))["Ana Kept"][0] == "None"
    assert names(html)[0] == "Ben Kept" and CareLook.select().where(CareLook.user.in_([ana, ben])).count() == 8


def varied(me):
    """People with every kind of record the Facts read, and the edge cases of their dates."""
    people = [person(f"Varied {n}", me, [(d, (n + d) % 11) for d in range(0, 30, 1 + n % 3)]) for n in range(8)]
    today = london_today()
    flag(people[0], 40, "now")                              # old, never assessed: still shown
    flag(people[1], 40, "now", assessed=True)               # old and assessed: gone
    flag(people[2], 2, "now")
    RedFlagCorrection.create(user=people[2], answer_uuid=RedFlagCheck.get(RedFlagCheck.user == people[2]).uuid)
    for hour in ("08:00", "09:00"):
        RedFlagCheck.create(user=people[3], uuid=new_uuid(), local_date=today - dt.timedelta(days=1), local_time=hour,
                            client_updated_at=utcnow(), tier="today", contact_today="fever,weak_leg", go_now="")
    RedFlagCheck.create(user=people[3], uuid=new_uuid(), local_date=today - dt.timedelta(days=1), local_time="07:00",
                        client_updated_at=utcnow(), tier="now", go_now="bowel", contact_today="fever")
    spread(people[4], 3)
    spread(people[4], 50)                                   # before the range
    Visit.create(user=people[5], uuid=new_uuid(), visit_date=today - dt.timedelta(days=6), practitioner="Jo")
    Visit.create(user=people[5], uuid=new_uuid(), visit_date=today + dt.timedelta(days=30), practitioner="Jo")
    spread(people[5], 10)                                   # in others' 28 days, before the visit: not counted
    Visit.create(user=people[0], uuid=new_uuid(), visit_date=today - dt.timedelta(days=90), practitioner="Jo")
    spread(people[0], 60)                                   # since a visit long ago: a range of its own
    people[6].timezone = None                               # no time zone: the phone's offset decides
    people[6].save()
    CheckIn.update(tz_offset_minutes=600).where(CheckIn.user == people[6]).execute()
    StageChange.record(people[7], 2, "disc", "practitioner", "Set", override=(1, "Leg pain 7", "Knows it well"))
    CheckIn.create(user=people[7], uuid=new_uuid(), local_date=today + dt.timedelta(days=1), local_time="01:00",
                   client_updated_at=utcnow(), leg_pain=9)  # a phone a day ahead
    for n, user in enumerate(people):
        for day in range(0, 9, 2):
            Completion.create(user=user, uuid=new_uuid(), local_date=today - dt.timedelta(days=day), local_time="11:00",
                              client_updated_at=utcnow(), exercise="positions-of-ease", session="morning")
        user.stage, user.pattern = 1 + n % 2, "disc" if n % 3 else "stenosis"
        user.save(only=[User.stage, User.pattern])
    return people


def test_reading_the_whole_caseload_gives_the_same_facts_as_one_person_at_a_time(app, jo):
    me = Practitioner.get()
    varied(me)
    content = app.extensions["content"]
    names_, rules = content.exercise_names(), app.extensions["program"]
    links = list(CareLink.caseload(me))
    one_by_one = [caseload.facts_for(link, link.user, names_, rules, link.user.local_today()) for link in links]
    together = [k.facts for k in reading.facts_for_all(CareLink.caseload_rows(me), names_, rules)]
    assert together == one_by_one
    assert [f.name for f in together] == [f"Varied {n}" for n in range(8)]
    assert len(together[0].alarms) == 1 and together[1].alarms == ()
    assert together[2].alarms[0].state == "mistake"
    assert [a.tier for a in together[3].alarms] == ["now", "today", "today"]
    assert together[3].alarms[0].signs == (("bowel", "now"), ("fever", "today"))
    assert together[5].since == london_today() - dt.timedelta(days=6) and together[5].spread == ()
    assert together[0].since == london_today() - dt.timedelta(days=90) and len(together[0].spread) == 1
    assert together[7].override is not None


def test_the_caseload_page_shows_what_one_person_at_a_time_would(app, jo):
    """The page through the kept figures, against the reference reading, word for word."""
    me = Practitioner.get()
    varied(me)
    html = jo.get("/practice/").get_data(as_text=True)
    jo.get("/practice/")                                    # kept this time
    again = jo.get("/practice/").get_data(as_text=True)
    assert rows_of(again) == rows_of(html)
    summaries = [unescape(text_of(s)) for s in re.findall(r'<p class="caseload-summary">(.*?)</p>', html)]
    rules, names_ = app.extensions["program"], app.extensions["content"].exercise_names()
    reference = caseload.order([caseload.facts_for(link, link.user, names_, rules, link.user.local_today())
                                for link in CareLink.caseload(me)])
    assert summaries == [e.summary for e in reference]


def test_the_trend_in_words():
    from webapp.practice import trend
    today = dt.date(2026, 11, 24)
    t = trend.of([(today - dt.timedelta(days=d), v) for d, v in ((20, 9), (13, 6), (8, 6), (6, 4), (0, 4))], today)
    assert t.points[0][0] == today - dt.timedelta(days=13)
    assert t.words() == "Leg pain 4 this week, 6 the week before (down 2); 4 of 14 days logged"
    assert trend.of([(today, 5)], today).words() == "Leg pain 5 this week, none the week before; 1 of 14 days logged"
    assert trend.of([(today - dt.timedelta(days=7), 5), (today, 5)], today).words().endswith("(no change); 2 of 14 days logged")
    assert trend.svg(trend.of([], today)) == ""
    drawn = str(trend.svg(t))
    assert drawn.startswith('<svg class="spark"') and drawn.count("<circle") == 1


def test_a_person_without_a_time_zone_is_judged_on_their_phone_s_day(app, jo):
    me = Practitioner.get()
    ana = person("Zone-less Ana", me, DAILY)
    ana.timezone = None
    ana.save()
    CheckIn.update(tz_offset_minutes=-600).where(CheckIn.user == ana).execute()
    [kept] = reading.facts_for_all(CareLink.caseload_rows(me), {}, app.extensions["program"])
    assert kept.facts.today == (dt.datetime.now(dt.UTC) - dt.timedelta(hours=10)).date()
    assert kept.offset == -600
    assert LONDON            # the others in this module are on London's day


def test_a_name_is_shown_as_the_person_wrote_it_in_every_language(app, jo):
    """A display name that happens to spell a word the app says ("Never", "Steady") is the
    person's own: a practitioner reading in Spanish sees it as written, not "Nunca" or "Estable"."""
    me = Practitioner.get()
    person("Never", me, DAILY)
    person("Steady", me, DAILY)
    User.update(language="es").where(User.id == me.user_id).execute()
    html = jo.get("/practice/").get_data(as_text=True)
    assert 'lang="es' in html
    assert sorted(names(html)) == ["Never", "Steady"]
    cards = [text_of(n) for n in re.findall(r'<p class="caseload-name"><a [^>]*>([^<]+)</a>', html)]
    assert sorted(cards) == ["Never", "Steady"]
    assert "Nunca" not in names(html) and "Estable" not in cards
