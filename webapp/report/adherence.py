"""Program adherence for the report: what was prescribed each day, what was done, and how each
exercise felt. Plain functions: no Flask, no database.

What was prescribed on a day comes from the program rules for the stage and pattern the person
was on that day (their stage history decides), counting the session exercises for that weekday;
optional extras are never counted as prescribed. "Done of prescribed" counts each prescribed
exercise at most as often as it was prescribed, so extra rounds of one exercise never make up
for another that was missed.
"""
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..program.completions import RESPONSES
from .figures import monday_of


def settings_on(day, changes, current):
    """(stage, pattern) in effect at the end of `day`. `changes` are StageChange rows; before the
    first one the person had its from_stage/from_pattern (None before onboarding). With no
    history at all, `current` (stage, pattern) is used."""
    return _setting_on(day, sorted(changes, key=lambda c: (c.changed_at, c.id)), current)


def _setting_on(day, changes, current):
    """settings_on for `changes` already in order."""
    if not changes:
        return current
    setting = (changes[0].from_stage, changes[0].from_pattern)
    for c in changes:
        if c.changed_at.date() > day:
            break
        setting = (c.to_stage, c.to_pattern)
    return setting


_PRESCRIBED = {}         # (id(rules), stage, pattern, day) -> (rules, Counter): a caseload asks 1,400 times
_PRESCRIBED_SIZE = 4096


def prescribed_on(rules, stage, pattern, day):
    """Counter {exercise: times prescribed} for one day; empty when there is no plan. Kept per
    rules object (held in the entry, so its id cannot be reused while kept); callers only read it."""
    if rules is None or stage is None or pattern is None:
        return Counter()
    key = (id(rules), stage, pattern, day)
    kept = _PRESCRIBED.get(key)
    if kept is not None and kept[0] is rules:
        return kept[1]
    if len(_PRESCRIBED) >= _PRESCRIBED_SIZE:
        _PRESCRIBED.clear()
    found = _prescribed(rules, stage, pattern, day)
    _PRESCRIBED[key] = (rules, found)
    return found


def _prescribed(rules, stage, pattern, day):
    try:
        plan = rules.plan(stage, pattern)
    except KeyError:
        return Counter()
    sessions, _optional = plan.for_day(day)
    return Counter(e.exercise for entries in sessions.values() for e in entries)


@dataclass(frozen=True)
class DayDone:
    date: dt.date
    prescribed: int
    done: int           # every completion that day, extras included
    matched: int        # completions that count towards what was prescribed
    over_cap: int       # completions past an exercise's day or week cap

    @property
    def fraction(self):
        return self.matched / self.prescribed if self.prescribed else None


def each_day(start, end):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def by_day(start, end, completions, changes, current, rules):
    """A DayDone for every calendar day from `start` to `end`."""
    done, over_cap = {}, Counter()
    for c in completions:
        done.setdefault(c.local_date, Counter())[c.exercise] += 1
        if c.over_cap:
            over_cap[c.local_date] += 1
    return counted_by_day(start, end, done, over_cap, changes, current, rules)


NOTHING = Counter()


def counted_by_day(start, end, done, over_cap, changes, current, rules):
    """by_day from counts already made: `done` {local date: Counter {exercise: times done}},
    `over_cap` {local date: completions past a cap} (the caseload reads them counted)."""
    changes = sorted(changes, key=lambda c: (c.changed_at, c.id))      # once, not once a day
    out = []
    for day in each_day(start, end):
        plan = prescribed_on(rules, *_setting_on(day, changes, current), day)
        did = done.get(day, NOTHING)
        out.append(DayDone(day, sum(plan.values()), sum(did.values()),
                           sum(min(did[slug], n) for slug, n in plan.items()), over_cap.get(day, 0)))
    return out


def by_week(days):
    """DayDone rows folded into Monday-to-Sunday weeks (date = the Monday)."""
    weeks = {}
    for d in days:
        weeks.setdefault(monday_of(d.date), []).append(d)
    return [DayDone(start, sum(d.prescribed for d in rows), sum(d.done for d in rows),
                    sum(d.matched for d in rows), sum(d.over_cap for d in rows))
            for start, rows in sorted(weeks.items())]


@dataclass(frozen=True)
class Totals:
    prescribed: int
    matched: int
    done: int
    over_cap: int
    over_cap_days: int
    active_days: int    # days with at least one completion

    @property
    def percent(self):
        return round(100 * self.matched / self.prescribed) if self.prescribed else None


def totals(days):
    return Totals(sum(d.prescribed for d in days), sum(d.matched for d in days),
                  sum(d.done for d in days), sum(d.over_cap for d in days),
                  sum(1 for d in days if d.over_cap), sum(1 for d in days if d.done))


@dataclass(frozen=True)
class ExerciseDone:
    """One exercise over a range: sessions prescribed, done (extras included) and done of those
    prescribed (each day counting at most what was prescribed that day)."""

    exercise: str
    prescribed: int
    done: int
    matched: int

    @property
    def percent(self):
        return round(100 * self.matched / self.prescribed, 1) if self.prescribed else None


def per_exercise(start, end, completions, changes, current, rules):
    """An ExerciseDone for every exercise prescribed or done from `start` to `end`, by name."""
    done_on = {}
    for c in completions:
        done_on.setdefault(c.local_date, Counter())[c.exercise] += 1
    prescribed, done, matched = Counter(), Counter(), Counter()
    for day in each_day(start, end):
        plan, did = prescribed_on(rules, *settings_on(day, changes, current), day), done_on.get(day, Counter())
        prescribed.update(plan)
        done.update(did)
        matched.update({slug: min(did[slug], n) for slug, n in plan.items()})
    return [ExerciseDone(slug, prescribed[slug], done[slug], matched[slug])
            for slug in sorted(set(prescribed) | set(done))]


@dataclass(frozen=True)
class Responses:
    exercise: str
    counts: dict        # response -> count, for RESPONSES in order
    unanswered: int

    @property
    def answered(self):
        return sum(self.counts.values())


def responses(completions):
    """How each exercise felt afterwards, one Responses per exercise done, by name."""
    by_exercise = {}
    for c in completions:
        by_exercise.setdefault(c.exercise, Counter())[c.response] += 1
    return [Responses(slug, {r: counts[r] for r in RESPONSES}, counts[None])
            for slug, counts in sorted(by_exercise.items())]
