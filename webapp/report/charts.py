"""Geometry for the report's server-rendered SVG charts. Plain functions: no Flask, no markup.

Every chart is drawn in a fixed viewBox and scales to its container. Series are told apart by
line style and marker shape as well as colour, so they read in black and white.
"""
import datetime as dt
from dataclasses import dataclass, field

from ..translatable import DateText

WIDTH = 400
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 24


@dataclass(frozen=True)
class Series:
    name: str
    css: str                 # class for colour and dash style
    points: str              # "x,y x,y" for a polyline, "" for markers only
    markers: tuple           # ((x, y), ...)
    shape: str = "circle"    # "circle", "square" or "none"


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    x_ticks: tuple           # ((x, label), ...)
    y_ticks: tuple           # ((y, label), ...)
    series: tuple


class Frame:
    """Maps dates and values into the plot area."""

    def __init__(self, start, end, ymax, height=170, width=WIDTH, left=LEFT):
        self.start, self.end, self.ymax = start, end, ymax or 1
        self.width, self.height = width, height
        self.left, self.right, self.top, self.bottom = left, width - RIGHT, TOP, height - BOTTOM

    def x(self, date):
        span = max((self.end - self.start).days, 1)
        return round(self.left + (date - self.start).days * (self.right - self.left) / span, 1)

    def y(self, value):
        return round(self.bottom - value * (self.bottom - self.top) / self.ymax, 1)


def short_date(day):
    return DateText(day, f"{day.day} {day:%b}", "d MMM")


def time_ticks(frame, count=5):
    """About `count` evenly spaced date labels, always including the first and last day."""
    span = (frame.end - frame.start).days
    if span == 0:
        return ((frame.x(frame.start), short_date(frame.start)),)
    step = max(1, round(span / (count - 1)))
    days = [frame.start + dt.timedelta(days=i) for i in range(0, span + 1, step)]
    if (frame.end - days[-1]).days < step:     # too close to the end label to read apart
        days[-1] = frame.end
    else:
        days.append(frame.end)
    return tuple((frame.x(d), short_date(d)) for d in days)


def nice_ceiling(value):
    """A round upper bound for minutes: 30, 60, 90, 120, 180, 240, then hours."""
    for bound in (10, 30, 60, 90, 120, 180, 240, 360, 480, 720, 1440):
        if value <= bound:
            return bound
    return value


def series(frame, name, css, pairs, shape="circle", line=True):
    """A Series from [(date, value)], skipping missing values."""
    pairs = [(d, v) for d, v in pairs if v is not None]
    xy = tuple((frame.x(d), frame.y(v)) for d, v in pairs)
    points = " ".join(f"{x},{y}" for x, y in xy) if line and len(xy) > 1 else ""
    return Series(name, css, points, xy if shape != "none" else (), shape)


def line_chart(frame, all_series, y_ticks, x_dates=None):
    """A LineChart; `x_dates` puts the date labels on those days instead of evenly spaced."""
    x_ticks = tuple((frame.x(d), short_date(d)) for d in x_dates) if x_dates else time_ticks(frame)
    return LineChart(frame.width, frame.height, frame.left, frame.right, frame.top, frame.bottom,
                     x_ticks, tuple((frame.y(v), label) for v, label in y_ticks), tuple(all_series))


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    date: dt.date
    level: str               # "full", "part", "none" (nothing done) or "rest" (nothing prescribed)
    over_cap: bool
    text: str                # what the cell says in words (English; the page draws its own)
    day: object = None       # the DayDone, for the page's words in the reader's language
    weekly: bool = False


@dataclass(frozen=True)
class Calendar:
    width: int
    height: int
    size: float
    column_labels: tuple     # ((x, label), ...)
    row_labels: tuple        # ((y, label), ...)
    cells: tuple = field(default_factory=tuple)


def _level(d):
    if not d.prescribed:
        return "rest"
    if d.matched >= d.prescribed:
        return "full"
    return "part" if d.matched else "none"


def calendar(done_days, weekly=False):
    """A grid of DayDone rows: a row per week with a column per weekday, or, for long ranges
    (`weekly`), one cell per week, thirteen to a row (a quarter)."""
    if not done_days:
        return Calendar(WIDTH, 40, 0, (), ())
    columns = 13 if weekly else 7
    left, top, gap = 64, 18, 3
    size = (WIDTH - left - RIGHT) / columns
    first = done_days[0].date
    offset = 0 if weekly else first.weekday()
    cells, rows = [], {}
    for i, d in enumerate(done_days):
        slot = offset + i
        row, col = divmod(slot, columns)
        y = top + row * size
        label = (DateText(d.date, f"{d.date:%b %Y}", "MMM y") if weekly
                 else short_date(d.date - dt.timedelta(days=d.date.weekday())))
        rows.setdefault(row, (y, label))
        words = f"{'week of ' if weekly else ''}{d.date:%a %-d %b}: {d.matched} of {d.prescribed} done"
        if d.done > d.matched:
            words += f", {d.done - d.matched} extra"
        if d.over_cap:
            words += f", {d.over_cap} over a limit"
        cells.append(Cell(round(left + col * size + gap / 2, 1), round(y + gap / 2, 1), d.date,
                          _level(d), bool(d.over_cap), words, d, weekly))
    monday = first - dt.timedelta(days=first.weekday())
    labels = () if weekly else tuple((round(left + c * size + size / 2, 1),
                                      DateText(monday + dt.timedelta(days=c), name, "EEEEE"))
                                     for c, name in enumerate("MTWTFSS"))
    height = round(top + len(rows) * size + 4)
    return Calendar(WIDTH, height, round(size - gap, 1), labels,
                    tuple((round(y + size / 2 + 4, 1), label) for y, label in rows.values()),
                    tuple(cells))


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    segments: tuple          # ((x, width, response, count), ...)


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    bars: tuple


def response_bars(rows, names, order=("better", "eased", "same", "worse", "spread")):
    """Stacked horizontal bars, one per exercise, lengths in proportion to the busiest one."""
    rows = [r for r in rows if r.answered]
    busiest = max((r.answered for r in rows), default=0) or 1
    left, span, step = 8, WIDTH - 8 - RIGHT, 44
    bars = []
    for i, r in enumerate(rows):
        x, segments = left, []
        for response in order:
            count = r.counts[response]
            if count:
                width = round(count * span / busiest, 1)
                segments.append((round(x, 1), width, response, count))
                x += width
        bars.append(Bar(f"{names.get(r.exercise, r.exercise)} ({r.answered})", 16 + i * step,
                        tuple(segments)))
    return Bars(WIDTH, 16 + len(rows) * step, tuple(bars))
