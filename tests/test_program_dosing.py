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
