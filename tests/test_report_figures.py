"""The report's plain computing modules, without Flask or a database: summary figures, adherence,
chart geometry and the checks on what the person types. Expected values are worked out by hand."""
import datetime as dt
from collections import namedtuple

import pytest

from webapp.report import figures, verdicts

C = namedtuple("C", "local_date leg_pain back_pain extent sitting_minutes walking_minutes tingling weakness "
                    "sleep_disturbed", defaults=(None,) * 7)
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
    assert h.days == 14 and h.checkins == 15 and h.comparable and h.judged
    assert [d.date for d in h.first] == [day(i) for i in range(7)]
    assert [d.date for d in h.last] == [day(10 + i) for i in range(6)] + [day(16)]
    assert h.leg.then == pytest.approx(6.0) and h.leg.now == pytest.approx(3.5)
    assert h.leg.points == pytest.approx(-2.5) and round(h.leg.percent, 1) == -41.7
    assert h.leg.improved and not h.leg.worsened
    assert h.leg.criterion == "Improved: meets the 2-point and the 30% criteria"
    assert (h.back.then, h.back.now, h.back.points, h.back.percent) == (4, 3, -1, -25)
    assert not h.back.improved and not h.back.worsened          # 1 point but 25%: neither criterion
    assert h.extent_then == figures.Extent("below_knee", "thigh", 7, 7)
    assert h.extent_now == figures.Extent("buttock", "buttock", 7, 7)
    assert h.extent_verdict == ("less far", "Reaches less far down the leg (below knee → buttock)")
    assert h.sitting.then == 20 and h.sitting.now == 45       # the two-check-in day averages 40 and 50
    assert h.walking.then is None and h.walking.now == 30 and h.walking.points is None


# (then, now, improved, worsened, criterion): worked by hand from verdicts.py's rules.
@pytest.mark.parametrize("then,now,improved,worsened,criterion", [
    (6, 4, True, False, "Improved: meets the 2-point and the 30% criteria"),   # 2 points (33%)
    (8, 6, True, False, "Improved: meets the 2-point criterion"),              # 2 points, 25%
    (5.3, 3.3, True, False, "Improved: meets the 2-point and the 30% criteria"),  # 2 (37.7%), despite floats
    (9.3, 7.3, True, False, "Improved: meets the 2-point criterion"),          # 2 (21.5%), despite floats
    (4.0, 2.6, True, False, "Improved: meets the 30% criterion (and at least 1 point)"),  # -1.4, -35%
    (3, 2, True, False, "Improved: meets the 30% criterion (and at least 1 point)"),      # 1 point, 33%
    (3, 2.1, False, False, "Below the improvement criteria"),
    (1.0, 0.7, False, False, "Below the improvement criteria"),
    (1.0, 1.3, False, False, "Below the improvement criteria"),
    (2, 4, False, True, "Rose by 2 points or more"),
    (1, 2.5, False, False, "Below the improvement criteria"),
    (0, 1, False, False, "Below the improvement criteria"),
    (0, 0, False, False, "Below the improvement criteria"),
])
def test_improvement_and_rise_criteria(then, now, improved, worsened, criterion):
    c = verdicts.Change(then, now, 7, 7)
    assert (c.improved, c.worsened, c.criterion) == (improved, worsened, criterion)
    assert "clinically" not in c.criterion and "meaningful" not in c.criterion


@pytest.mark.parametrize("then_days,now_days", [(2, 7), (7, 2), (2, 2), (0, 7)])
def test_windows_under_3_days_give_no_verdict(then_days, now_days):
    c = verdicts.Change(6, 2, then_days, now_days)
    assert not c.improved and not c.worsened
    assert c.criterion == "Too few days to judge (needs 3 in each)"
    assert not verdicts.Change(2, 6, then_days, now_days).worsened


def test_five_logged_days_are_compared_but_not_judged():
    h = figures.headline(figures.days_from([C(day(i), p) for i, p in enumerate([8, 8, 5, 2, 2])]))
    assert (len(h.first), len(h.last), h.leg.then, h.leg.now) == (2, 2, 8, 2)
    assert h.comparable and not h.judged and not h.leg.improved
    assert h.leg.criterion.startswith("Too few days to judge")


def test_one_day_is_still_summarised():
    h = figures.headline(figures.days_from([C(day(3), 6, 2, "thigh", 30, None, True), C(day(3), 4)]))
    assert h.days == 1 and not h.comparable and [d.date for d in h.last] == [day(3)]
    assert (h.leg.then, h.leg.now, h.back.now, h.sitting.now) == (None, 5, 2, 30)
    assert h.extent_now == figures.Extent("thigh", "thigh", 1, 1)
    assert h.signs["tingling"][1] == verdicts.YesDays(1, 1, 1)


def test_percent_never_divides_by_zero():
    assert verdicts.Change(0, 3).percent is None and verdicts.Change(0, 3).points == 3
    assert verdicts.Change(None, 3).points is None and not verdicts.Change(None, 3, 7, 7).improved


@pytest.mark.parametrize("count,size", [(0, 0), (1, 0), (2, 1), (5, 2), (13, 6), (14, 7), (30, 7)])
def test_first_and_last_weeks_never_overlap(count, size):
    days = figures.days_from([C(day(i), 5) for i in range(count)])
    first, last = figures.split_weeks(days)
    assert len(first) == len(last) == size
    assert not {d.date for d in first} & {d.date for d in last}


def test_empty_history():
    h = figures.headline([])
    assert h.days == 0 and not h.comparable and h.leg.points is None
    assert h.extent_verdict == (None, "Too few days to judge (needs 3 recorded in each)")
    assert figures.rolling([], "leg") == [] and figures.by_week([]) == []


@pytest.mark.parametrize("then,now,word", [("foot", "thigh", "less far"), ("back", "foot", "further"),
                                           ("thigh", "thigh", "no change"), ("back", "none", "resolved"),
                                           ("below_knee", "none", "resolved"), (None, "thigh", None)])
def test_extent_direction(then, now, word):
    assert verdicts.extent_direction(then, now) == word


def test_extent_most_common_and_furthest_with_days_recorded():
    days = figures.days_from([C(day(0), 5, extent="thigh"), C(day(1), 5, extent="foot"),
                              C(day(2), 5, extent="thigh"), C(day(3), 5), C(day(4), 5, extent="buttock")])
    assert figures.extent_of(days) == figures.Extent("foot", "thigh", 4, 5)
    tie = figures.days_from([C(day(0), 5, extent="thigh"), C(day(1), 5, extent="buttock")])
    assert figures.extent_of(tie).most_common == "thigh"     # a tie goes to the one further down


def test_back_to_none_is_resolved_and_needs_three_days_each():
    then = figures.Extent("back", "back", 3, 7)
    assert verdicts.extent_verdict(then, figures.Extent("none", "none", 3, 7)) == ("resolved", "Resolved (back → none)")
    assert verdicts.extent_verdict(then, figures.Extent("none", "none", 2, 7))[0] is None


def test_weakness_numbness_and_sleep_are_counted_by_days():
    rows = [C(day(0), 5, tingling=True), C(day(0), 5, tingling=False), C(day(1), 5, tingling=False, weakness=True),
            C(day(2), 5, sleep_disturbed=True), C(day(3), 5)]
    days = figures.days_from(rows)
    assert figures.yes_days(days, "tingling") == verdicts.YesDays(1, 2, 4)   # a yes on any check-in counts
    assert figures.yes_days(days, "weakness") == verdicts.YesDays(1, 1, 4)
    assert figures.yes_days(days, "sleep") == verdicts.YesDays(1, 1, 4)


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


