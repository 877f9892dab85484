"""Dose wording and cap counters, as plain Python."""
from webapp.content.exercises import Dose
from webapp.program import dosing


def test_dose_words():
    assert dosing.dose_text(Dose(10, 1, None, 5, None)) == "10 slow cycles, about 5 s each"
    assert dosing.dose_text(Dose(3, 1, 20, None, None)) == "hold 20 s × 3"
    assert dosing.dose_text(Dose(6, 2, 5, None, None)) == "hold 5 s × 6, 2 sets"
    assert dosing.dose_text(Dose(None, None, None, None, 10)) == "10 minutes"
    assert dosing.dose_text(Dose(2, 1, None, None, None)) == "2 slow times"


def test_cap_status_words():
    cap = dosing.CapStatus(3, 5, 3, None, "stretch")
    assert cap.reached and cap.counters == ["3 of 3 today"]
    assert cap.reason == "Done 3 of 3 today — the limit for this stretch"
    weekly = dosing.CapStatus(0, 2, 1, 2, "tensioner")
    assert weekly.reached and weekly.counters == ["0 of 1 today", "2 of 2 in the last 7 days"]
    assert "weekly limit" in weekly.reason
    assert dosing.CapStatus(0, 0, None, None).counters == ["Not done yet today"]
    assert not dosing.CapStatus(2, 2, 3, None).reached


def test_rest_days_mark_a_second_day_in_a_row_like_a_cap():
    done_yesterday = dosing.CapStatus(0, 1, 1, 2, "tensioner", rest_days=1, days_since=1)
    assert done_yesterday.reached and done_yesterday.rest_reached and not done_yesterday.week_reached
    assert done_yesterday.reason == "Done yesterday — never two days in a row for this exercise"
    assert done_yesterday.counters == ["0 of 1 today", "1 of 2 in the last 7 days"]
    assert all(s["reason"] for s in done_yesterday.ahead(2))      # a queued tick offline stays marked
    assert not dosing.CapStatus(0, 1, 1, 2, "tensioner", rest_days=1, days_since=2).reached
    assert not dosing.CapStatus(0, 0, 1, 2, "tensioner", rest_days=1).reached       # never done
    assert dosing.CapStatus(0, 1, None, None, "stretch", rest_days=2, days_since=2).reason == \
        "Done 2 days ago — leave 2 days between for this stretch"


def test_over_cap_counts_a_neighbouring_day_for_rest_days():
    from webapp.content.exercises import Caps
    caps = Caps(1, 2, 1)
    assert dosing.over_cap(caps, 0, 1, gap=1)          # the day before or after
    assert not dosing.over_cap(caps, 0, 1, gap=2)
    assert not dosing.over_cap(caps, 0, 1)             # no other day nearby
    assert dosing.over_cap(caps, 1, 1, gap=None)       # the day cap still holds
    assert not dosing.over_cap(Caps(1, 2), 0, 1, gap=1)  # no rest days asked for: days in a row are fine
