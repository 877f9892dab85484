"""The report's headline figures from a person's check-ins. Plain functions: no Flask, no database.

Rows are anything with the check-in's attributes (peewee rows or named tuples).

- A day with several check-ins counts once: its leg, back, sitting and walking values are the
  averages of that day's answers (blank answers left out), and its extent is the furthest the
  symptoms reached that day.
- "First week" and "last week" are the first seven and the last seven days in the range that
  have at least one check-in. With fewer than 14 such days each takes half of them (the middle
  day is left out when the number is odd), so the two never share a day. With fewer than two
  days there is nothing to compare.
- A change reaches the commonly used threshold for a meaningful difference when it is at least
  2 points or at least 30% of the first-week value (the 2008 consensus for 0-10 pain scales).
"""
import datetime as dt
from dataclasses import dataclass
from statistics import fmean

from ..log.validation import EXTENT_LABELS, EXTENT_RANK

WEEK = 7
THRESHOLD_POINTS = 2.0
THRESHOLD_FRACTION = 0.30
_EPSILON = 1e-9  # so 5.3 - 3.3 counts as the 2 points it is


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


def _mean(values):
    values = [v for v in values if v is not None]
    return fmean(values) if values else None


def furthest(extents):
    """The extent furthest down the leg among `extents` (None when none was recorded)."""
    known = [e for e in extents if e in EXTENT_RANK]
    return max(known, key=EXTENT_RANK.get) if known else None


def _merge(date, rows, count):
    return Day(date, fmean(r.leg for r in rows), _mean(r.back for r in rows),
               furthest(r.extent for r in rows), _mean(r.sitting for r in rows),
               _mean(r.walking for r in rows), count)


def days_from(checkins):
    """One Day per local date that has check-ins, oldest first."""
    by_date = {}
    for c in checkins:
        by_date.setdefault(c.local_date, []).append(c)
    return [Day(date, fmean(c.leg_pain for c in rows), _mean(c.back_pain for c in rows),
                furthest(c.extent for c in rows), _mean(c.sitting_minutes for c in rows),
                _mean(c.walking_minutes for c in rows), len(rows))
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
    """(first, last): the first and last week of days with check-ins, never overlapping."""
    size = min(WEEK, len(days) // 2)
    if size == 0:
        return [], []
    return days[:size], days[-size:]


@dataclass(frozen=True)
class Change:
    """A value then (first week) and now (last week), and how it moved."""

    then: float | None
    now: float | None

    @property
    def known(self):
        return self.then is not None and self.now is not None

    @property
    def points(self):
        return self.now - self.then if self.known else None

    @property
    def percent(self):
        """The change as a percentage of the first-week value; None when that is 0 or missing."""
        return self.points / self.then * 100 if self.known and self.then else None

    def _reaches(self, rise):
        if not self.known or rise <= 0:
            return False
        return (rise >= THRESHOLD_POINTS - _EPSILON
                or (self.then > 0 and rise / self.then >= THRESHOLD_FRACTION - _EPSILON))

    @property
    def improved(self):
        """For pain: a fall of at least 2 points or 30%."""
        return self.known and self._reaches(self.then - self.now)

    @property
    def worsened(self):
        """For pain: a rise of at least 2 points or 30%."""
        return self.known and self._reaches(self.now - self.then)


def change(first, last, field):
    return Change(_mean(getattr(d, field) for d in first), _mean(getattr(d, field) for d in last))


def extent_direction(then, now):
    """ "centralising" (now less far down the leg), "spreading", "no change", or None."""
    if then is None or now is None:
        return None
    if EXTENT_RANK[now] < EXTENT_RANK[then]:
        return "centralising"
    if EXTENT_RANK[now] > EXTENT_RANK[then]:
        return "spreading"
    return "no change"


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
    extent_then: str | None
    extent_now: str | None

    @property
    def comparable(self):
        return bool(self.first)

    @property
    def extent_direction(self):
        return extent_direction(self.extent_then, self.extent_now)

    @staticmethod
    def extent_words(extent):
        return EXTENT_LABELS.get(extent, "Not recorded")


def headline(days):
    """The headline figures for a list of Days (oldest first)."""
    first, last = split_weeks(days)
    return Headline(
        days=len(days), checkins=sum(d.checkins for d in days), first=tuple(first), last=tuple(last),
        leg=change(first, last, "leg"), back=change(first, last, "back"),
        sitting=change(first, last, "sitting"), walking=change(first, last, "walking"),
        extent_then=furthest(d.extent for d in first), extent_now=furthest(d.extent for d in last))


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
