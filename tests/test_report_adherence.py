"""Adherence for the report: the stage in effect each day, done against prescribed, responses.
Plain Python; expected values are worked out by hand."""
import datetime as dt
from collections import namedtuple

from webapp.report import adherence

D0 = dt.date(2026, 11, 2)          # a Monday


def day(n):
    return D0 + dt.timedelta(days=n)


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
        ("a", {"better": 0, "eased": 0, "same": 0, "worse": 0, "spread": 2}, 1),
        ("b", {"better": 1, "eased": 0, "same": 0, "worse": 0, "spread": 0}, 0)]
