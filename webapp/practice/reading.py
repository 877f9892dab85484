"""The whole caseload's Facts in one pass: each kind of record read once for every linked person
(webapp/models/caseload.py), then each person's Facts made by the same rules as caseload.facts_for,
which reads one person at a time and stands as the reference (the tests compare the two). No Flask.

Each person's own day decides their range: their local today (time zone, else the phone's offset
at their newest check-in), since the last visit on or before it, else the last 28 days.

Facts are kept per person (`Kept`) against everything they are worked out from: the person's row
as read with the link (its data_version moves with every check-in, answer, correction, exercise
and stage change: migrations 0008 and 0010), their local day and their last visit (read afresh on
every view). So a practitioner reopening or sorting the caseload works out only the people whose
records changed, on this server or any other, and is never shown older figures than the records."""
import datetime as dt
import threading
from collections import Counter, OrderedDict, defaultdict
from types import SimpleNamespace
from typing import NamedTuple

from ..models import StageChange, utcnow
from ..models import caseload as many
from ..models.people import local_now_in
from ..report.validation import default_range
from ..translatable import Name
from . import caseload, trend

SIZE = 5000         # people kept per process: a Facts is about 2 kB


class Keeping(NamedTuple):
    key: tuple          # (link id, the person's row as CareLink.caseload_rows reads it, local today,
                        # last visit on or before it)
    offset: int         # the phone's offset the day was worked out with (no time zone set)
    facts: object
    drawn: dict         # what the page drew from these Facts, kept with them (practice/views.py)


class Kept:
    """A bounded, thread-safe LRU of Keeping, one per person."""

    def __init__(self, size=SIZE):
        self.size, self._entries, self._lock = size, OrderedDict(), threading.Lock()

    def get_many(self, user_ids):
        """{user id: Keeping} for those of `user_ids` kept, under one taking of the lock."""
        with self._lock:
            return {uid: found for uid in user_ids if (found := self._entries.get(uid)) is not None}

    def put(self, user_id, entry):
        with self._lock:
            self._entries[user_id] = entry
            self._entries.move_to_end(user_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


class Person(NamedTuple):
    """What the Facts read of a person, from CareLink.caseload_rows (a User answers the same)."""
    timezone: str | None
    display_name: str | None
    stage: int | None
    pattern: str | None
    stage_1_only_since: object          # a date or None

    def local_today(self, offset=None):
        return local_now_in(self.timezone, offset).date()


def _by_first_day(days):
    """{first local date: [person ids]} from {person id: first local date}."""
    out = defaultdict(list)
    for user_id, day in days.items():
        out[day].append(user_id)
    return out


def _last_visit(dates, today):
    return max((d for d in dates if d <= today), default=None)


def facts_for_all(rows, names, rules, kept=None):
    """[Keeping] for `rows` (CareLink.caseload_rows), in the same order; only people whose entry in
    `kept` no longer matches are read from the database."""
    if not rows:
        return []
    visits = many.visit_dates([row[2] for row in rows], utcnow().date() + dt.timedelta(days=1))
    found, missing, days = {}, [], {}
    entries = kept.get_many([row[2] for row in rows]) if kept is not None else {}
    for link_id, _linked, user_id, person in rows:
        entry = entries.get(user_id)
        if entry is not None and entry.key[1] == person:        # the same row: the same zone and offset
            zone = (person[1], entry.offset)
            today = days.get(zone)
            if today is None:           # most people share a few zones: each worked out once a view
                today = days[zone] = local_now_in(*zone).date()
            if entry.key == (link_id, person, today, _last_visit(visits.get(user_id, ()), today)):
                found[link_id] = entry
                continue
        missing.append((link_id, _linked, user_id, person))
    # Everything the Facts need of the person is in the row read with the link: no User models.
    links = [SimpleNamespace(id=link_id, created_at=linked, user_id=user_id, user=Person(*person[1:]))
             for link_id, linked, user_id, person in missing]
    person_of = {row[0]: row[3] for row in missing}
    for link, (facts, offset) in zip(links, _read(links, visits, names, rules)):
        found[link.id] = Keeping((link.id, person_of[link.id], facts.today, _last_visit(visits.get(link.user_id, ()), facts.today)),
                                 offset, facts, {})
        if kept is not None:
            kept.put(link.user_id, found[link.id])
    return [found[row[0]] for row in rows if row[0] in found]


def _read(links, visits, names, rules):
    """[(Facts, the offset used)] for `links`, reading each kind of record once for all of them."""
    if not links:
        return []
    people = {link.user_id: link.user for link in links}
    ids = list(people)
    latest = many.latest_checkins(ids)
    offset = {uid: latest[uid][2] if uid in latest else 0 for uid in ids}
    today = {uid: person.local_today(offset=offset[uid]) for uid, person in people.items()}
    start = {uid: default_range(today[uid], _last_visit(visits.get(uid, ()), today[uid]))[0] for uid in ids}
    legs = many.leg_by_day(_by_first_day(
        {uid: min(start[uid], today[uid] - dt.timedelta(days=trend.DAYS - 1)) for uid in ids}))
    in_range = _by_first_day(start)
    answers = many.warning_answers(ids, in_range)
    mistakes = many.corrected(ids, [row[1] for rows in answers.values() for row in rows])
    spread = many.spread(in_range)
    done = many.done_by_day(_by_first_day({uid: today[uid] - dt.timedelta(days=6) for uid in ids}))
    histories = many.stage_histories(ids)
    return [(_facts(link, people[link.user_id], today[link.user_id], start[link.user_id],
                    legs.get(link.user_id, []), answers.get(link.user_id, []), mistakes,
                    spread.get(link.user_id, []), done.get(link.user_id, []), histories.get(link.user_id, []),
                    latest.get(link.user_id), names, rules), offset[link.user_id]) for link in links]


FIELDS = ("id", "uuid", "local_date", "local_time", "tier", "go_now", "contact_today", "background", "assessed_at")


def _facts(link, user, today, start, legs, answers, mistakes, spread, done, history, latest, names, rules):
    rows = [SimpleNamespace(**dict(zip(FIELDS, row))) for row in answers]
    shown = [r for r in rows if start <= r.local_date <= today
             or (r.tier == "now" and r.assessed_at is None and r.uuid not in mistakes)]
    alarms = tuple(caseload.alarm(r, mistakes) for r in caseload.newest_first(shown))
    spread = [(day, Name(slug, names.get(slug, slug))) for day, slug in spread if day <= today]
    days = [(day, total / count) for day, total, count in legs if day <= today]
    week = defaultdict(Counter)
    for day, slug, times in done:
        if day <= today:
            week[day][slug] += times
    setting = StageChange.setting_in(history[:50])
    return caseload.Facts(
        link.id, caseload.display_name(user, link), start, today, alarms, tuple(reversed(spread)),
        caseload.leg_change([(d, v) for d, v in days if d >= start]), latest[0] if latest else None,
        setting if setting is not None and setting.overridden else None, user.stage_1_only_since,
        trend.of(days, today), caseload.week_done_counted(week, history, user, rules, today))
