"""A practitioner's whole caseload read at once: one statement per kind of record for every linked
person, where asking person by person took a dozen statements each (200 people: 2,400 statements
and 5 seconds). Each function takes the ids of the people on the practitioner's own open care links
(the caller reads them through CareLink.caseload) and never reaches anyone else's rows; most take
`since`: {first local date wanted: [ids]}, since each person's range starts on their own day.
Rows come back as plain tuples, grouped by person, oldest first unless said otherwise."""
import datetime as dt
import functools
from collections import defaultdict

from peewee import SQL, fn

from ..db import database
from .base import Ids
from .corrections import RedFlagCorrection
from .people import User
from .program import StageChange
from .records import CheckIn, Completion, RedFlagCheck
from .report import Visit

WARNING_TIERS = ("now", "today")


def _from(model, since):
    """(person is one of these, and the record's local date is on or after their first day)."""
    clause = None
    for first, ids in since.items():
        part = model.user.in_(Ids(ids)) & (model.local_date >= first)
        clause = part if clause is None else clause | part
    return clause


# First days this close to the newest one asked are read as one range (see _merged).
MERGED_DAYS = 31


def _merged(since):
    """`since` with every first day within MERGED_DAYS of the newest asked as one, from the earliest
    of them: the index is then walked once in the order the rows are wanted, where an OR of ranges
    (a first day per visit date) made SQLite sort what it found (leg pain by day for 200 people:
    9.4 ms that way, 6.4 this). The days before a person's own first day cost a few rows each and
    are left out again by _grouped(since=...); a first day long ago (a visit months back) keeps a
    range of its own, so nobody else's rows are read that far back."""
    if len(since) < 2:
        return since
    newest = max(since)
    near = [day for day in since if (newest - day).days <= MERGED_DAYS]
    out = {day: ids for day, ids in since.items() if day not in near}
    out[min(near)] = [user_id for day in near for user_id in since[day]]
    return out


def _day(value):
    """A local date as the driver gives it: a date (psycopg) or "YYYY-MM-DD" text (sqlite3)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _grouped(query, dated=1, since=None):
    """{person id: [row without the id]} from a query whose first column is the person and whose
    column `dated` is a local date; given `since`, rows before each person's own first day are left
    out. Run on the bare cursor: peewee's per-value conversion of some 10,000 rows cost more than
    the statement itself."""
    return _grouped_rows(database.execute(query).fetchall(), dated, since)


def _grouped_rows(rows, dated=1, since=None):
    """_grouped for rows already read."""
    first = {user_id: day for day, ids in since.items() for user_id in ids} if since else None
    out, days = defaultdict(list), {}
    for row in rows:
        value = row[dated]
        day = days.get(value)
        if day is None:             # a few dozen distinct days in 10,000 rows: parse each once
            day = days[value] = _day(value)
        if first is not None and day < first[row[0]]:
            continue
        out[row[0]].append((*row[1:dated], day, *row[dated + 1:]))
    return out


def latest_checkins(ids):
    """{person id: (local date, local time, tz offset minutes)} of each person's newest check-in."""
    if not ids:
        return {}
    # Each person's newest day asked of them one by one (a correlated MAX: one step down the
    # (user, local_date) index each), not as a GROUP BY, which walks every check-in a person
    # ever made: 200 people with 60 days each took 3.7 ms that way, 0.6 ms this way, and this
    # way does not grow with the years of history.
    inner = CheckIn.alias()
    day = inner.select(fn.MAX(inner.local_date)).where(inner.user == User.id)
    newest = User.select(User.id.alias("user_id"), day.alias("day")).where(User.id.in_(Ids(ids)))
    rows = (CheckIn.select(CheckIn.user, CheckIn.local_date, CheckIn.local_time, CheckIn.id,
                           CheckIn.tz_offset_minutes)
            .join(newest, on=((CheckIn.user == newest.c.user_id) & (CheckIn.local_date == newest.c.day)))
            .tuples())
    out = {}
    for user_id, day, time, row_id, offset in rows:
        if user_id not in out or (time, row_id) > out[user_id][0]:
            out[user_id] = ((time, row_id), (day, time, offset))
    return {user_id: found for user_id, (_order, found) in out.items()}


def leg_by_day(since):
    """{person id: [(local date, sum of leg pain, check-ins)]}: one row per logged day."""
    if not since:
        return {}
    # COUNT(*), not COUNT(id): migration 0021's index holds every column this asks for.
    return _grouped(CheckIn.select(CheckIn.user, CheckIn.local_date, fn.SUM(CheckIn.leg_pain), fn.COUNT(SQL("*")))
                    .where(_from(CheckIn, _merged(since))).group_by(CheckIn.user, CheckIn.local_date)
                    .order_by(CheckIn.user, CheckIn.local_date), since=since)


def visit_dates(ids, until):
    """{person id: [visit date, ...]} up to `until`, oldest first. Asked on every view of the
    caseload, kept or not: its SQL is written once per caseload size, not built by peewee each time."""
    if not ids:
        return {}
    rows = database.execute_sql(_visits_sql(database.param, len(ids)), [*ids, Visit.visit_date.db_value(until)])
    return {k: [v[0] for v in found] for k, found in _grouped_rows(rows.fetchall()).items()}


@functools.lru_cache(maxsize=64)
def _visits_sql(param, count):
    person, day = Visit.user.column_name, Visit.visit_date.column_name
    return (f'SELECT "{person}", "{day}" FROM "{Visit._meta.table_name}" WHERE "{person}" IN '
            f'({", ".join([param] * count)}) AND "{day}" <= {param} ORDER BY "{person}", "{day}"')


ANSWER_COLUMNS = (RedFlagCheck.user, RedFlagCheck.id, RedFlagCheck.uuid, RedFlagCheck.local_date,
                  RedFlagCheck.local_time, RedFlagCheck.tier, RedFlagCheck.go_now, RedFlagCheck.contact_today,
                  RedFlagCheck.background, RedFlagCheck.assessed_at)


def warning_answers(ids, since):
    """{person id: [(id, uuid, local date, local time, tier, go_now, contact_today, background,
    assessed_at)]}: go-now and contact-today answers from each person's first day, and every go-now
    answer not yet confirmed as assessed, however old (the caller leaves out corrected ones)."""
    if not ids:
        return {}
    unconfirmed = RedFlagCheck.user.in_(Ids(ids)) & (RedFlagCheck.tier == "now") & RedFlagCheck.assessed_at.is_null()
    query = RedFlagCheck.select(*ANSWER_COLUMNS).where(
        RedFlagCheck.tier.in_(WARNING_TIERS) & (_from(RedFlagCheck, since) | unconfirmed))
    return {k: [(*row[:2], row[2], *row[3:8], _when(row[8])) for row in rows] for k, rows in _grouped(
        query.order_by(RedFlagCheck.user, RedFlagCheck.local_date, RedFlagCheck.local_time, RedFlagCheck.id),
        dated=3).items()}


def _when(value):
    """A stored UTC time (naive) as the driver gives it, or None."""
    return value if value is None or isinstance(value, dt.datetime) else \
        RedFlagCheck.assessed_at.python_value(value)


def corrected(ids, uuids):
    """The uuids, of those given, of answers these people said they ticked by mistake."""
    uuids = list(uuids)
    if not uuids:
        return set()
    return {row[0] for row in RedFlagCorrection.select(RedFlagCorrection.answer_uuid).where(
        RedFlagCorrection.user.in_(Ids(ids)) & RedFlagCorrection.answer_uuid.in_(uuids)).tuples()}


def spread(since):
    """{person id: [(local date, exercise)]}: exercises that spread symptoms down the leg."""
    if not since:
        return {}
    return _grouped(Completion.select(Completion.user, Completion.local_date, Completion.exercise)
                    .where(_from(Completion, _merged(since)) & (Completion.response == "spread"))
                    .order_by(Completion.user, Completion.local_date, Completion.local_time, Completion.id),
                    since=since)


def done_by_day(since):
    """{person id: [(local date, exercise, times done)]}."""
    if not since:
        return {}
    return _grouped(Completion.select(Completion.user, Completion.local_date, Completion.exercise,
                                      fn.COUNT(SQL("*")))
                    .where(_from(Completion, _merged(since)))
                    .group_by(Completion.user, Completion.local_date, Completion.exercise), since=since)


def stage_histories(ids):
    """{person id: [StageChange, ...]}, newest first, as StageChange.history gives them."""
    out = defaultdict(list)
    if ids:
        for change in StageChange.select().where(StageChange.user.in_(Ids(ids))).order_by(
                StageChange.user, StageChange.changed_at.desc(), StageChange.id.desc()):
            out[change.user_id].append(change)
    return out
