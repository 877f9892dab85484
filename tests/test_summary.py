"""The report's plain computing modules, without Flask or a database: summary figures, adherence,
chart geometry and the checks on what the person types. Expected values are worked out by hand."""
import datetime as dt
from collections import namedtuple

import pytest

from webapp import adherence, charts, reportrules, summary

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
    days = summary.days_from(crafted())
    assert len(days) == 14
    last = days[-1]
    assert (last.date, last.leg, last.back, last.sitting, last.walking, last.checkins) == (day(16), 3.5, 3, 45, 30, 2)
    assert last.extent == "buttock"          # the furthest of back and buttock


def test_headline_on_a_crafted_history():
    h = summary.headline(summary.days_from(crafted()))
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
    c = summary.Change(then, now)
    assert (c.improved, c.worsened) == (improved, worsened)


def test_percent_never_divides_by_zero():
    assert summary.Change(0, 3).percent is None and summary.Change(0, 3).points == 3
    assert summary.Change(None, 3).points is None and not summary.Change(None, 3).improved


@pytest.mark.parametrize("count,size", [(0, 0), (1, 0), (2, 1), (5, 2), (13, 6), (14, 7), (30, 7)])
def test_first_and_last_weeks_never_overlap(count, size):
    days = summary.days_from([C(day(i), 5) for i in range(count)])
    first, last = summary.split_weeks(days)
    assert len(first) == len(last) == size
    assert not {d.date for d in first} & {d.date for d in last}


def test_empty_history():
    h = summary.headline([])
    assert h.days == 0 and not h.comparable and h.leg.points is None and h.extent_direction is None
    assert summary.rolling([], "leg") == [] and summary.by_week([]) == []


@pytest.mark.parametrize("then,now,word", [("foot", "thigh", "centralising"), ("back", "foot", "spreading"),
                                           ("thigh", "thigh", "no change"), (None, "thigh", None)])
def test_extent_direction(then, now, word):
    assert summary.extent_direction(then, now) == word


def test_rolling_average_uses_the_seven_calendar_days_ending_each_day():
    days = summary.days_from([C(day(0), 8), C(day(1), 6), C(day(7), 2), C(day(8), 4)])
    assert summary.rolling(days, "leg") == [(day(0), 8), (day(1), 7), (day(7), 4), (day(8), 3)]


def test_weeks_average_their_days():
    weeks = summary.by_week(summary.days_from([C(day(0), 8), C(day(1), 6), C(day(7), 2)]))
    assert [(w.date, w.leg, w.checkins) for w in weeks] == [(day(0), 7, 2), (day(7), 2, 1)]


def test_number_formatting():
    assert (summary.number(3.0), summary.number(3.45), summary.number(None)) == ("3", "3.5", "—")
    assert (summary.signed(-2.5), summary.signed(1), summary.signed(0.01), summary.number(44.6, 0)) == ("−2.5", "+1", "0", "45")


# ---- Adherence ----

Entry = namedtuple("Entry", "exercise")
Change = namedtuple("Change", "id changed_at from_stage to_stage from_pattern to_pattern")
Done = namedtuple("Done", "local_date exercise over_cap response", defaults=(False, None))


class Plan:
    def __init__(self, sessions):
        self.sessions = sessions

    def for_day(self, date):
        return self.sessions, ()


class Rules:
    """Stage 1: a, b in the morning and a again in the evening; stage 2: c only."""

    def plan(self, stage, pattern):
        return {1: Plan({"morning": [Entry("a"), Entry("b")], "evening": [Entry("a")]}),
                2: Plan({"morning": [Entry("c")]})}[stage]


def test_stage_in_effect_each_day_comes_from_the_history():
    history = [Change(1, dt.datetime(2026, 11, 3, 9), None, 1, None, "disc"),
               Change(2, dt.datetime(2026, 11, 5, 20), 1, 2, "disc", "disc")]
    assert adherence.settings_on(day(0), history, (2, "disc")) == (None, None)   # before onboarding
    assert adherence.settings_on(day(1), history, (2, "disc")) == (1, "disc")
    assert adherence.settings_on(day(3), history, (2, "disc")) == (2, "disc")
    assert adherence.settings_on(day(0), [], (2, "disc")) == (2, "disc")


def test_done_of_prescribed_counts_each_exercise_at_most_as_often_as_prescribed():
    history = [Change(1, dt.datetime(2026, 11, 1), None, 1, None, "disc")]
    done = [Done(day(0), "a"), Done(day(0), "a"), Done(day(0), "a", True), Done(day(0), "x"),
            Done(day(1), "b")]
    days = adherence.by_day(day(0), day(2), done, history, (1, "disc"), Rules())
    assert [(d.prescribed, d.done, d.matched, d.over_cap) for d in days] == [(3, 4, 2, 1), (3, 1, 1, 0), (3, 0, 0, 0)]
    t = adherence.totals(days)
    assert (t.prescribed, t.matched, t.done, t.over_cap_days, t.active_days, t.percent) == (9, 3, 5, 1, 2, 33)
    week = adherence.by_week(days)
    assert len(week) == 1 and (week[0].prescribed, week[0].matched) == (9, 3)


def test_nothing_prescribed_without_rules_or_stage():
    assert adherence.prescribed_on(None, 1, "disc", day(0)) == {}
    assert adherence.prescribed_on(Rules(), None, None, day(0)) == {}
    assert adherence.totals([]).percent is None


def test_responses_per_exercise():
    rows = adherence.responses([Done(day(0), "b", response="better"), Done(day(0), "a", response="spread"),
                                Done(day(1), "a", response="spread"), Done(day(1), "a")])
    assert [(r.exercise, r.counts, r.unanswered) for r in rows] == [
        ("a", {"better": 0, "same": 0, "worse": 0, "spread": 2}, 1),
        ("b", {"better": 1, "same": 0, "worse": 0, "spread": 0}, 0)]


# ---- Chart geometry ----

def test_frame_maps_dates_and_values_into_the_plot():
    f = charts.Frame(day(0), day(10), 10, height=170)
    assert (f.x(day(0)), f.x(day(10)), f.x(day(5))) == (charts.LEFT, charts.WIDTH - charts.RIGHT, 212.0)
    assert (f.y(0), f.y(10), f.y(5)) == (170 - charts.BOTTOM, charts.TOP, 78.0)


def test_time_ticks_start_and_end_on_the_range():
    ticks = charts.time_ticks(charts.Frame(day(0), day(27), 10))
    assert ticks[0][1] == "2 Nov" and ticks[-1][1] == "29 Nov" and 3 <= len(ticks) <= 6
    assert charts.time_ticks(charts.Frame(day(0), day(0), 10)) == ((charts.LEFT, "2 Nov"),)


def test_series_skips_missing_values():
    f = charts.Frame(day(0), day(2), 10)
    s = charts.series(f, "Back", "back", [(day(0), 5), (day(1), None), (day(2), 0)])
    assert len(s.markers) == 2 and s.points.count(",") == 2


def test_calendar_puts_days_under_their_weekday_and_marks_levels():
    days = [adherence.DayDone(day(2), 3, 3, 3, 0), adherence.DayDone(day(3), 3, 1, 1, 1),
            adherence.DayDone(day(4), 3, 0, 0, 0), adherence.DayDone(day(5), 0, 2, 0, 0)]
    cal = charts.calendar(days)
    assert [c.level for c in cal.cells] == ["full", "part", "none", "rest"]
    assert [c.over_cap for c in cal.cells] == [False, True, False, False]
    size = (charts.WIDTH - 64 - charts.RIGHT) / 7
    assert cal.cells[0].x == round(64 + 2 * size + 1.5, 1)          # 4 Nov is a Wednesday
    assert "Thu 5 Nov: 1 of 3 done, 1 over a limit" == cal.cells[1].text
    assert cal.row_labels[0][1] == "2 Nov"


def test_nice_ceiling():
    assert [charts.nice_ceiling(v) for v in (0, 25, 31, 200, 2000)] == [10, 30, 60, 240, 2000]


# ---- What the person types ----

TODAY = dt.date(2026, 11, 21)


def test_default_range_is_since_the_last_visit_else_28_days():
    assert reportrules.default_range(TODAY, dt.date(2026, 11, 3)) == (dt.date(2026, 11, 3), TODAY)
    assert reportrules.default_range(TODAY) == (dt.date(2026, 10, 25), TODAY)
    assert reportrules.default_range(TODAY, dt.date(2026, 12, 1)) == (dt.date(2026, 10, 25), TODAY)


@pytest.mark.parametrize("values,field,message", [
    ({"from": "2026-11-10", "to": "2026-11-01"}, "from", "on or before the end"),
    ({"from": "10/11/2026"}, "from", "like 2026-11-21"),
    ({"from": "1899-01-01", "to": "2026-11-01"}, "from", "too far in the past"),
    ({"to": "2027-06-01"}, "to", "in the future"),
    ({"from": "2001-01-01", "to": "2026-11-01"}, "from", "at most ten years"),
    ({"from": "x" * 5000}, "from", "like 2026-11-21"),
])
def test_bad_ranges_get_a_message_for_the_field(values, field, message):
    chosen, errors = reportrules.parse_range(values, TODAY, None)
    assert chosen is None and message in errors[field]


def test_range_fills_a_blank_end_or_start():
    default = (dt.date(2026, 1, 1), TODAY)
    assert reportrules.parse_range({}, TODAY, default) == (default, {})
    assert reportrules.parse_range({"from": "2026-11-01"}, TODAY, default)[0] == (dt.date(2026, 11, 1), TODAY)
    assert reportrules.parse_range({"to": "2026-11-28"}, dt.date(2026, 11, 28), default)[0] == (
        dt.date(2026, 11, 1), dt.date(2026, 11, 28))


@pytest.mark.parametrize("names,scores,field", [
    (["Socks"], ["11"], "score-1"),
    (["Socks"], ["-1"], "score-1"),
    (["Socks"], [""], "score-1"),
    ([""], ["5"], "activity-1"),
    (["x" * 81], ["5"], "activity-1"),
    (["Socks", "socks"], ["5", "6"], "activity-2"),
    (["a", "b", "c", "d"], ["1", "2", "3", "4"], "activities"),
    ([], [], "activities"),
])
def test_psfs_validation(names, scores, field):
    pairs, errors = reportrules.validate_psfs(names, scores)
    assert field in errors


def test_psfs_accepts_up_to_three_and_skips_blank_rows():
    pairs, errors = reportrules.validate_psfs(["  Putting on  socks ", "", "x" * 80], ["0", "", "10"])
    assert errors == {} and pairs == [("Putting on socks", 0), ("x" * 80, 10)]


@pytest.mark.parametrize("form,ok", [({}, True), ({"days": "1"}, True), ({"days": "90"}, True),
                                     ({"days": "0"}, False), ({"days": "91"}, False), ({"days": "x"}, False)])
def test_share_days(form, ok):
    clean, errors = reportrules.validate_share(form, TODAY)
    assert (not errors) == ok
    if form == {}:
        assert clean == {"days": 14, "range_from": None, "range_to": None}


def test_visit_validation():
    clean, errors = reportrules.validate_visit({"visit_date": "2026-11-20", "practitioner": " Physio  Sam ",
                                                "note": "Try\nwalking"}, TODAY)
    assert errors == {} and clean == {"visit_date": dt.date(2026, 11, 20), "practitioner": "Physio Sam",
                                      "note": "Try\nwalking"}
    _, errors = reportrules.validate_visit({"visit_date": "", "practitioner": ""}, TODAY)
    assert set(errors) == {"visit_date", "practitioner"}
