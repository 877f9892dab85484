"""Leg pain over the last 14 days, for one row of the caseload's table: the daily averages, this
week against the week before, a small line drawn as inline SVG and the same in words (the words
are the chart's text equivalent; the drawing is hidden from screen readers). No Flask.

A day's value is the average of its check-ins, as in the report; a week's is the average of its
logged days. "This week" is today and the 6 days before it."""
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from statistics import fmean

from markupsafe import Markup

from ..report.figures import number
from ..translatable import N_, Text

DAYS = 14
WIDTH, HEIGHT, PAD = 112, 32, 3


@dataclass(frozen=True)
class Trend:
    today: dt.date
    points: tuple           # ((local date, leg pain that day), ...) oldest first, logged days only

    def _mean(self, first, last):
        values = [v for d, v in self.points if first <= d <= last]
        return fmean(values) if values else None

    # Worked out once: the row's words ask for each week three times, and the desk's sort again.
    @cached_property
    def this_week(self):
        return self._mean(self.today - dt.timedelta(days=6), self.today)

    @cached_property
    def week_before(self):
        return self._mean(self.today - dt.timedelta(days=DAYS - 1), self.today - dt.timedelta(days=7))

    @property
    def change(self):
        """This week's average minus the week before's; None unless both weeks have a check-in."""
        if self.this_week is None or self.week_before is None:
            return None
        return self.this_week - self.week_before

    def words(self):
        """The chart in words: "Leg pain 4.1 this week, 6 the week before (down 1.9); 11 of 14 days logged"."""
        if not self.points:
            return Text(N_("No check-ins in the last 14 days"))
        now, before = self.this_week, self.week_before
        this = Text(N_("%(value)s this week"), value=number(now)) if now is not None else Text(N_("none this week"))
        was = (Text(N_("%(value)s the week before"), value=number(before)) if before is not None
               else Text(N_("none the week before")))
        change, moved = self.change, ""
        if change is not None:
            rounded = number(abs(change))
            moved = (Text(N_(" (no change)")) if rounded == "0" else
                     Text(N_(" (up %(value)s)"), value=rounded) if change > 0 else Text(N_(" (down %(value)s)"), value=rounded))
        return Text(N_("Leg pain %(this_week)s, %(week_before)s%(change)s; %(num)d of %(days)d days logged"),
                    this_week=this, week_before=was, change=moved, num=len(self.points), days=DAYS)


def of(days, today):
    """The Trend from [(local date, leg pain average)] (any dates; the last 14 days are kept)."""
    first = today - dt.timedelta(days=DAYS - 1)
    return Trend(today, tuple((d, v) for d, v in sorted(days) if first <= d <= today))


def _xy(trend, day, value):
    x = PAD + (WIDTH - 2 * PAD) * (DAYS - 1 - (trend.today - day).days) / (DAYS - 1)
    y = PAD + (HEIGHT - 2 * PAD) * (10 - value) / 10
    return f"{x:.1f},{y:.1f}"


def svg(trend):
    """The small chart: a line through the logged days (0 at the bottom, 10 at the top), a dot on
    the latest, a faint line at the middle of the scale. Empty when nothing was logged."""
    if not trend.points:
        return Markup("")
    points = " ".join(_xy(trend, d, v) for d, v in trend.points)
    last = _xy(trend, *trend.points[-1]).split(",")
    mid = PAD + (HEIGHT - 2 * PAD) / 2
    return Markup(
        f'<svg class="spark" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-hidden="true" focusable="false"><path class="spark-mid" d="M{PAD} {mid:.1f}H{WIDTH - PAD}"/>'
        f'<polyline class="spark-line" points="{points}"/>'
        f'<circle class="spark-dot" cx="{last[0]}" cy="{last[1]}" r="2.5"/></svg>')
