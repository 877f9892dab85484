"""The report's headline figures from a person's check-ins. Plain functions: no Flask, no database.

Rows are anything with the check-in's attributes (peewee rows or named tuples).

- A day with several check-ins counts once: its leg, back, sitting and walking values are the
  averages of that day's answers (blank answers left out), its extent is the furthest the
  symptoms reached that day, and a yes/no sign counts if it was yes at any check-in that day.
- The windows are the first 7 and the last 7 logged days (days with at least one check-in) in
  the range. With fewer than 14 such days each takes half of them (the middle day is left out
  when the number is odd), so the two never share a day.
- How a change is judged is in verdicts.py: no verdict unless each window has at least 3 days.
"""
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from statistics import fmean

from ..log.validation import EXTENT_LABELS, EXTENT_RANK
from ..translatable import N_
from . import verdicts
from .verdicts import MIN_DAYS, Change, YesDays

WEEK = 7
SIGNS = ("tingling", "weakness", "sleep")     # yes/no answers counted by days in each window


@dataclass(frozen=True)
class Day:
    """One local day (or one week, for long ranges) of check-ins, averaged."""

    date: dt.date
    leg: float
    back: float | None
    extent: str | None
    sitting: float | None
    walking: float | None
    checkins: int
    tingling: bool | None = None    # None: not answered that day
    weakness: bool | None = None
    sleep: bool | None = None


def _mean(values):
    values = [v for v in values if v is not None]
    return fmean(values) if values else None


def _any(values):
    """True if any answer was yes, False if all answers were no, None if none was given."""
    values = [v for v in values if v is not None]
    return any(values) if values else None


def furthest(extents):
    """The extent furthest down the leg among `extents` (None when none was recorded)."""
    known = [e for e in extents if e in EXTENT_RANK]
    return max(known, key=EXTENT_RANK.get) if known else None


def _merge(date, rows, count):
    return Day(date, fmean(r.leg for r in rows), _mean(r.back for r in rows),
               furthest(r.extent for r in rows), _mean(r.sitting for r in rows),
               _mean(r.walking for r in rows), count, _any(r.tingling for r in rows),
               _any(r.weakness for r in rows), _any(r.sleep for r in rows))


def days_from(checkins):
    """One Day per local date that has check-ins, oldest first."""
    by_date = {}
    for c in checkins:
        by_date.setdefault(c.local_date, []).append(c)
    return [Day(date, fmean(c.leg_pain for c in rows), _mean(c.back_pain for c in rows),
                furthest(c.extent for c in rows), _mean(c.sitting_minutes for c in rows),
                _mean(c.walking_minutes for c in rows), len(rows),
                _any(getattr(c, "tingling", None) for c in rows), _any(getattr(c, "weakness", None) for c in rows),
                _any(getattr(c, "sleep_disturbed", None) for c in rows))
            for date, rows in sorted(by_date.items())]


def monday_of(day):
    """The Monday of the week that `day` is in."""
    return day - dt.timedelta(days=day.weekday())


def by_week(days):
    """Days folded into Monday-to-Sunday weeks: each week is the average of its days."""
    weeks = {}
    for day in days:
        weeks.setdefault(monday_of(day.date), []).append(day)
    return [_merge(start, rows, sum(d.checkins for d in rows)) for start, rows in sorted(weeks.items())]


def rolling(days, field, window=WEEK):
    """[(date, average)] of `field` over the `window` calendar days ending on each day that has
    a value, counting only days with a value."""
    points = [(d.date, getattr(d, field)) for d in days if getattr(d, field) is not None]
    out = []
    for i, (date, _) in enumerate(points):
        first = date - dt.timedelta(days=window - 1)
        values = [v for when, v in points[max(0, i - window + 1):i + 1] if when >= first]
        out.append((date, fmean(values)))
    return out


def split_weeks(days):
    """(first, last): the first and last 7 logged days, never overlapping."""
    size = min(WEEK, len(days) // 2)
    if size == 0:
        return [], []
    return days[:size], days[-size:]


def change(first, last, field):
    values = ([getattr(d, field) for d in first if getattr(d, field) is not None],
              [getattr(d, field) for d in last if getattr(d, field) is not None])
    return Change(_mean(values[0]), _mean(values[1]), len(values[0]), len(values[1]))


@dataclass(frozen=True)
class Extent:
    """How far down the leg over one window: the furthest, the most common, and on how many days."""

    furthest: str | None
    most_common: str | None
    recorded: int           # days with an extent recorded
    days: int               # logged days in the window


def extent_of(days):
    found = [d.extent for d in days if d.extent in EXTENT_RANK]
    counts = Counter(found)
    # The most common daily extent; a tie goes to the one further down the leg.
    common = max(counts, key=lambda e: (counts[e], EXTENT_RANK[e])) if counts else None
    return Extent(furthest(found), common, len(found), len(days))


def yes_days(days, field):
    answered = [getattr(d, field) for d in days if getattr(d, field) is not None]
    return YesDays(sum(1 for v in answered if v), len(answered), len(days))


@dataclass(frozen=True)
class Headline:
    """The one-screen summary of a range."""

    days: int
    checkins: int
    first: tuple
    last: tuple
    leg: Change
    back: Change
    sitting: Change
    walking: Change
    extent_then: Extent
    extent_now: Extent
    signs: dict             # "tingling" | "weakness" | "sleep" -> (YesDays first, YesDays last)

    @property
    def comparable(self):
        return bool(self.first)

    @property
    def judged(self):
        """Each window has enough logged days for a verdict on a change."""
        return len(self.first) >= MIN_DAYS and len(self.last) >= MIN_DAYS

    @property
    def extent_verdict(self):
        """(direction, words) for how far down the leg, first window to last."""
        return verdicts.extent_verdict(self.extent_then, self.extent_now)

    @staticmethod
    def extent_words(extent):
        return EXTENT_LABELS.get(extent, N_("Not recorded"))


def headline(days):
    """The headline figures for a list of Days (oldest first). A single logged day is compared
    with nothing, but its figures are still shown: it is the last window, the first is empty."""
    first, last = split_weeks(days)
    if len(days) == 1:
        last = days
    return Headline(
        days=len(days), checkins=sum(d.checkins for d in days), first=tuple(first), last=tuple(last),
        leg=change(first, last, "leg"), back=change(first, last, "back"),
        sitting=change(first, last, "sitting"), walking=change(first, last, "walking"),
        extent_then=extent_of(first), extent_now=extent_of(last),
        signs={name: (yes_days(first, name), yes_days(last, name)) for name in SIGNS})


def number(value, places=1):
    """3.4 stays 3.4, 5.0 becomes 5, None becomes an em dash."""
    if value is None:
        return "—"
    return f"{value:.{places}f}".removesuffix("." + "0" * places) if places else f"{value:.0f}"


def signed(value, places=1):
    """+1.5, −2.5 (a real minus sign), 0."""
    if value is None:
        return "—"
    text = number(abs(value), places)
    if text in ("0", "0." + "0" * places):
        return "0"
    return ("+" if value > 0 else "−") + text
