"""The report's plain computing modules, without Flask or a database: summary figures, adherence,
chart geometry and the checks on what the person types. Expected values are worked out by hand."""
import datetime as dt
from collections import namedtuple

import pytest

from webapp.report import figures

C = namedtuple("C", "local_date leg_pain back_pain extent sitting_minutes walking_minutes",
               defaults=(None, None, None, None))
D0 = dt.date(2026, 11, 2)          # a Monday


def day(n):
    return D0 + dt.timedelta(days=n)


def crafted():
    """14 days with check-ins: the first week leg 6,6,7,5,6,6,6 (avg 6.0), the last week
    4,3,4,3,4,3 and a day with two check-ins, 3 and 4 (its average 3.5), so avg 3.5."""
    rows = [C(day(i), leg, 4, "thigh", 20) for i, leg in enumerate([6, 6, 7, 5, 6, 6, 6])]
    rows[2] = C(day(2), 7, 4, "below_knee", None)           # furthest in the first week
    rows += [C(day(10 + i), leg, 3, "buttock", 45, 30) for i, leg in enumerate([4, 3, 4, 3, 4, 3])]
    rows += [C(day(16), 3, 3, "back", 40, 30), C(day(16), 4, 3, "buttock", 50, None)]
    return rows


def test_several_checkins_a_day_count_once_as_the_days_average():
    days = figures.days_from(crafted())
    assert len(days) == 14
    last = days[-1]
    assert (last.date, last.leg, last.back, last.sitting, last.walking, last.checkins) == (day(16), 3.5, 3, 45, 30, 2)
    assert last.extent == "buttock"          # the furthest of back and buttock


def test_headline_on_a_crafted_history():
    h = figures.headline(figures.days_from(crafted()))
    assert h.days == 14 and h.checkins == 15 and h.comparable
    assert [d.date for d in h.first] == [day(i) for i in range(7)]
    assert [d.date for d in h.last] == [day(10 + i) for i in range(6)] + [day(16)]
    assert h.leg.then == pytest.approx(6.0) and h.leg.now == pytest.approx(3.5)
    assert h.leg.points == pytest.approx(-2.5) and round(h.leg.percent, 1) == -41.7
    assert h.leg.improved and not h.leg.worsened
    assert (h.back.then, h.back.now, h.back.points, h.back.percent) == (4, 3, -1, -25)
    assert not h.back.improved and not h.back.worsened          # 1 point and 25%: under both
    assert (h.extent_then, h.extent_now, h.extent_direction) == ("below_knee", "buttock", "centralising")
    assert h.sitting.then == 20 and h.sitting.now == 45       # the two-check-in day averages 40 and 50
    assert h.walking.then is None and h.walking.now == 30 and h.walking.points is None


@pytest.mark.parametrize("then,now,improved,worsened", [
    (6, 4, True, False),            # exactly 2 points
    (5.3, 3.3, True, False),        # 2 points despite floating point
    (3, 2.1, True, False),          # 0.9 points but 30%
    (3, 2.2, False, False),         # 0.8 points, 26.7%
    (2, 4, False, True),            # up 2 points
    (0, 1, False, False),           # from 0: no percentage, under 2 points
    (0, 0, False, False),
])
def test_the_2_point_or_30_percent_threshold(then, now, improved, worsened):
    c = figures.Change(then, now)
    assert (c.improved, c.worsened) == (improved, worsened)


def test_percent_never_divides_by_zero():
    assert figures.Change(0, 3).percent is None and figures.Change(0, 3).points == 3
    assert figures.Change(None, 3).points is None and not figures.Change(None, 3).improved


@pytest.mark.parametrize("count,size", [(0, 0), (1, 0), (2, 1), (5, 2), (13, 6), (14, 7), (30, 7)])
def test_first_and_last_weeks_never_overlap(count, size):
    days = figures.days_from([C(day(i), 5) for i in range(count)])
    first, last = figures.split_weeks(days)
    assert len(first) == len(last) == size
    assert not {d.date for d in first} & {d.date for d in last}


def test_empty_history():
    h = figures.headline([])
    assert h.days == 0 and not h.comparable and h.leg.points is None and h.extent_direction is None
    assert figures.rolling([], "leg") == [] and figures.by_week([]) == []


@pytest.mark.parametrize("then,now,word", [("foot", "thigh", "centralising"), ("back", "foot", "spreading"),
                                           ("thigh", "thigh", "no change"), (None, "thigh", None)])
def test_extent_direction(then, now, word):
    assert figures.extent_direction(then, now) == word


def test_rolling_average_uses_the_seven_calendar_days_ending_each_day():
    days = figures.days_from([C(day(0), 8), C(day(1), 6), C(day(7), 2), C(day(8), 4)])
    assert figures.rolling(days, "leg") == [(day(0), 8), (day(1), 7), (day(7), 4), (day(8), 3)]


def test_weeks_average_their_days():
    weeks = figures.by_week(figures.days_from([C(day(0), 8), C(day(1), 6), C(day(7), 2)]))
    assert [(w.date, w.leg, w.checkins) for w in weeks] == [(day(0), 7, 2), (day(7), 2, 1)]


def test_number_formatting():
    assert (figures.number(3.0), figures.number(3.45), figures.number(None)) == ("3", "3.5", "—")
    assert (figures.signed(-2.5), figures.signed(1), figures.signed(0.01), figures.number(44.6, 0)) == ("−2.5", "+1", "0", "45")


# ---- Adherence ----


# ---- Chart geometry ----


# ---- What the person types ----


