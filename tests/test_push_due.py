"""What reminder is due when (webapp/push/due.py): the person's own times in their own zone, across
time zones and daylight-saving changes, quiet hours, the daily cap, a pause after a go-now answer,
and what each reminder says."""
import datetime as dt
import re
from types import SimpleNamespace

import pytest

from webapp.push import due

UTC = dt.UTC
RULES = due.Settings()


def person(**fields):
    base = {"timezone": "Europe/London", "morning_time": "08:00", "midday_time": "13:00", "evening_time": "19:00",
                "quiet_start": None, "quiet_end": None, "stage": 1, "side": "left", "both_legs_checked_on": None}
    return SimpleNamespace(**{**base, **fields})


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def all_done(day):
    """Facts for a day with a check-in and nothing else to say, so only what a test adds is due."""
    return {"checked_in_on": frozenset({day, day - dt.timedelta(days=1)})}


def kinds(found):
    return [(r.kind, r.slot, r.local_date.isoformat()) for r in found]


def sessions_at(who, when, **facts):
    return [(r.slot, r.local_date.isoformat()) for r in due.due(who, due.Facts(**facts), when, RULES)
            if r.kind == due.SESSION]


# ---- time zones and daylight saving ----

@pytest.mark.parametrize("when, expected", [
    (utc(2026, 3, 28, 8, 0), [("morning", "2026-03-28")]),       # Saturday, GMT: 08:00 is 08:00 UTC
    (utc(2026, 3, 28, 7, 0), []),
    (utc(2026, 3, 29, 7, 0), [("morning", "2026-03-29")]),       # clocks went forward at 01:00 UTC
    (utc(2026, 3, 29, 7, 29), [("morning", "2026-03-29")]),      # still within the half hour
    (utc(2026, 3, 29, 7, 30), []),                               # too late: no stale reminder
    (utc(2026, 3, 29, 8, 0), []),                                # 09:00 BST: not the person's 08:00
    (utc(2026, 10, 24, 7, 0), [("morning", "2026-10-24")]),      # the last BST morning
    (utc(2026, 10, 25, 7, 0), []),                               # clocks went back at 01:00 UTC
    (utc(2026, 10, 25, 8, 0), [("morning", "2026-10-25")]),
    (utc(2026, 10, 25, 18, 0), []),
    (utc(2026, 10, 25, 19, 0), [("evening", "2026-10-25")]),
])
def test_london_sessions_follow_the_clock_across_both_daylight_saving_changes(when, expected):
    assert sessions_at(person(), when) == expected


@pytest.mark.parametrize("when, expected", [
    (utc(2026, 3, 7, 13, 0), [("morning", "2026-03-07")]),       # EST: 08:00 is 13:00 UTC
    (utc(2026, 3, 8, 12, 0), [("morning", "2026-03-08")]),       # EDT from 02:00 that night
    (utc(2026, 3, 8, 13, 0), []),
    (utc(2026, 11, 1, 12, 0), []),                               # back to EST at 02:00
    (utc(2026, 11, 1, 13, 0), [("morning", "2026-11-01")]),
    (utc(2026, 11, 1, 18, 0), [("midday", "2026-11-01")]),
])
def test_new_york_sessions_follow_the_clock_across_both_daylight_saving_changes(when, expected):
    assert sessions_at(person(timezone="America/New_York"), when) == expected


def test_one_moment_is_a_different_time_for_each_person():
    when = utc(2026, 6, 15, 7, 0)           # 08:00 London, 03:00 New York, 16:00 Tokyo
    assert sessions_at(person(), when) == [("morning", "2026-06-15")]
    assert sessions_at(person(timezone="America/New_York"), when) == []          # quiet hours
    assert sessions_at(person(timezone="Asia/Tokyo", evening_time="16:00"), when) == [("evening", "2026-06-15")]
    assert sessions_at(person(timezone="Australia/Sydney", evening_time="17:00"), when) == [("evening", "2026-06-15")]


def test_a_time_the_clocks_skip_comes_an_hour_later_by_the_clock_and_a_repeated_one_once():
    night = person(quiet_start="03:00", quiet_end="03:00", morning_time="01:30")   # no quiet hours
    # 29 March 2026, London: 01:00 GMT becomes 02:00 BST; 01:30 never shows on the clock.
    assert sessions_at(night, utc(2026, 3, 29, 0, 59)) == []
    assert sessions_at(night, utc(2026, 3, 29, 1, 30)) == [("morning", "2026-03-29")]   # 02:30 BST
    # 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    assert sessions_at(night, utc(2026, 10, 25, 0, 30)) == [("morning", "2026-10-25")]
    assert sessions_at(night, utc(2026, 10, 25, 1, 30)) == []


def test_a_late_evening_time_is_still_sent_just_after_midnight_for_the_day_before():
    owl = person(quiet_start="02:00", quiet_end="06:00", evening_time="23:50")
    assert sessions_at(owl, utc(2026, 1, 10, 0, 10)) == [("evening", "2026-01-09")]
    sent = frozenset({(due.SESSION, dt.date(2026, 1, 9), "evening")})
    assert sessions_at(owl, utc(2026, 1, 10, 0, 10), sent=sent) == []


def test_without_a_time_zone_the_phones_last_offset_is_used():
    nomad = person(timezone=None)
    assert sessions_at(nomad, utc(2026, 6, 15, 7, 0), offset_minutes=60) == [("morning", "2026-06-15")]
    assert sessions_at(nomad, utc(2026, 6, 15, 8, 0), offset_minutes=0) == [("morning", "2026-06-15")]


# ---- quiet hours, the cap, the pause ----

@pytest.mark.parametrize("hhmm, quiet, inside", [
    ("21:00", ("21:00", "08:00"), True), ("07:59", ("21:00", "08:00"), True), ("08:00", ("21:00", "08:00"), False),
    ("20:59", ("21:00", "08:00"), False), ("13:00", ("12:00", "14:00"), True), ("14:00", ("12:00", "14:00"), False),
    ("03:00", ("08:00", "08:00"), False),
])
def test_quiet_hours_may_wrap_past_midnight(hhmm, quiet, inside):
    assert due.in_quiet_hours(hhmm, quiet) is inside


def test_nothing_is_due_in_quiet_hours_the_persons_own_or_the_default():
    late = person(evening_time="21:30")
    assert sessions_at(late, utc(2026, 1, 5, 21, 30)) == []
    own = person(evening_time="21:30", quiet_start="22:30", quiet_end="07:00")
    assert sessions_at(own, utc(2026, 1, 5, 21, 30)) == [("evening", "2026-01-05")]
    early = person(morning_time="06:30", quiet_start="22:30", quiet_end="07:00")
    assert sessions_at(early, utc(2026, 1, 5, 6, 30)) == []
    broken = person(quiet_start="ab:cd", quiet_end="07:00", morning_time="07:30")
    assert sessions_at(broken, utc(2026, 1, 5, 7, 30)) == []      # a bad value: the default (until 08:00)


def test_the_daily_cap_holds_what_would_be_too_many():
    busy = person(midday_time="10:00")
    when = utc(2026, 1, 5, 10, 5)       # a Monday: midday session and the contact reminder at 10:00
    found = due.due(busy, due.Facts(awaiting_contact=True, **all_done(dt.date(2026, 1, 5))), when, RULES)
    assert kinds(found) == [("contact", "day", "2026-01-05"), ("session", "midday", "2026-01-05")]
    counted = {dt.date(2026, 1, 5): RULES.cap - 1}
    found = due.due(busy, due.Facts(awaiting_contact=True, sent_count=counted, **all_done(dt.date(2026, 1, 5))),
                    when, RULES)
    assert kinds(found) == [("contact", "day", "2026-01-05")]       # it takes the last place
    counted = {dt.date(2026, 1, 5): RULES.cap}
    assert due.due(busy, due.Facts(sent_count=counted), when, RULES) == []
    # The cap never holds back a warning-sign reminder.
    found = due.due(busy, due.Facts(awaiting_contact=True, sent_count=counted), when, RULES)
    assert kinds(found) == [("contact", "day", "2026-01-05")]


def test_while_paused_the_only_reminder_is_one_a_day_to_get_checked():
    day = dt.date(2026, 1, 5)
    paused = due.Facts(paused=True, awaiting_contact=True)
    for hour in range(24):
        for minute in (0, 29, 30):
            found = due.due(person(side="both"), paused, utc(2026, 1, 5, hour, minute), RULES)
            expected = [("paused", "day", "2026-01-05")] if (hour, minute) in ((10, 0), (10, 29)) else []
            assert kinds(found) == expected, (hour, minute)
    [reminder] = due.due(person(), paused, utc(2026, 1, 5, 10, 0), RULES)
    assert reminder.title == "Please get checked" and "doctor has checked you" in reminder.body
    sent = frozenset({("paused", day, "day")})
    assert due.due(person(), due.Facts(paused=True, sent=sent), utc(2026, 1, 5, 10, 5), RULES) == []


# ---- what is due, and when ----

def test_a_session_already_ticked_or_already_sent_is_not_reminded():
    day = dt.date(2026, 1, 5)
    assert sessions_at(person(), utc(2026, 1, 5, 13, 0), sessions_done=frozenset({(day, "midday")})) == []
    assert sessions_at(person(), utc(2026, 1, 5, 13, 0), sent=frozenset({("session", day, "midday")})) == []
    assert sessions_at(person(midday_time=None), utc(2026, 1, 5, 13, 0)) == []


def test_the_evening_nudge_comes_only_on_a_day_with_no_check_in():
    when = utc(2026, 1, 5, 20, 0)
    assert kinds(due.due(person(), due.Facts(), when, RULES)) == [("nudge", "day", "2026-01-05")]
    assert due.due(person(), due.Facts(checked_in_on=frozenset({dt.date(2026, 1, 5)})), when, RULES) == []


def test_weekly_ratings_on_saturday_unless_rated_this_week():
    saturday = utc(2026, 1, 10, 11, 0)
    facts = all_done(dt.date(2026, 1, 10))
    assert kinds(due.due(person(), due.Facts(**facts), saturday, RULES)) == [("ratings", "2026-01-05", "2026-01-10")]
    rated = due.Facts(rated_weeks=frozenset({dt.date(2026, 1, 5)}), **facts)
    assert due.due(person(), rated, saturday, RULES) == []
    assert due.due(person(), due.Facts(**all_done(dt.date(2026, 1, 9))), utc(2026, 1, 9, 11, 0), RULES) == []


def test_the_12_week_check_when_due_and_then_once_a_week_until_answered():
    when = utc(2026, 6, 15, 10, 0)           # 11:00 BST
    both = person(side="both", both_legs_checked_on=dt.date(2026, 3, 23))     # 12 weeks ago today
    facts = all_done(dt.date(2026, 6, 15))
    assert kinds(due.due(both, due.Facts(**facts), when, RULES)) == [("recheck", "week", "2026-06-15")]
    recent = person(side="both", both_legs_checked_on=dt.date(2026, 3, 24))          # a day short
    assert due.due(recent, due.Facts(**facts), when, RULES) == []
    assert due.due(both, due.Facts(last_recheck=dt.date(2026, 6, 10), **facts), when, RULES) == []
    assert kinds(due.due(both, due.Facts(last_recheck=dt.date(2026, 6, 8), **facts), when, RULES)) == [
        ("recheck", "week", "2026-06-15")]
    assert due.due(person(), due.Facts(**facts), when, RULES) == []          # one leg: never


def test_someone_without_a_program_gets_only_the_safety_reminders():
    newcomer = person(stage=None)
    when = utc(2026, 1, 5, 10, 0)
    assert kinds(due.due(newcomer, due.Facts(awaiting_contact=True), when, RULES)) == [("contact", "day", "2026-01-05")]
    assert due.due(newcomer, due.Facts(), utc(2026, 1, 5, 8, 0), RULES) == []
    assert due.due(newcomer, due.Facts(), utc(2026, 1, 5, 20, 0), RULES) == []


HEALTH_WORDS = re.compile(r"pain|numb|leg|bladder|bowel|emergenc|red flag|weak|score|sciatica|symptom|tingl|"
                          r"spine|back|nerve|disc|stage", re.IGNORECASE)


@pytest.mark.parametrize("kind, slot", [("session", "morning"), ("session", "midday"), ("session", "evening"),
                                        ("paused", "day"), ("contact", "day"), ("recheck", "week"),
                                        ("ratings", "2026-01-05"), ("nudge", "day"), ("test", "test")])
def test_what_a_reminder_says_names_no_symptom_answer_or_score(kind, slot):
    r = due.reminder(kind, dt.date(2026, 1, 5), slot)
    assert not HEALTH_WORDS.search(f"{r.title} {r.body}"), (r.title, r.body)
    assert len(r.tag) <= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", r.tag)     # a Web Push Topic
    assert r.endpoint


def test_midday_says_so():
    r = due.reminder("session", dt.date(2026, 1, 5), "midday")
    assert (r.title, r.body, r.endpoint, r.anchor) == ("Midday exercises", "Time for your midday exercises.",
                                                       "program.today", "session-midday")
