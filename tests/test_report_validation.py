"""The checks on what the person types on the report pages: ranges, ratings, share links, visits."""
import datetime as dt

import pytest

from webapp.report import validation

TODAY = dt.date(2026, 11, 21)


def test_default_range_is_since_the_last_visit_else_28_days():
    assert validation.default_range(TODAY, dt.date(2026, 11, 3)) == (dt.date(2026, 11, 3), TODAY)
    assert validation.default_range(TODAY) == (dt.date(2026, 10, 25), TODAY)
    assert validation.default_range(TODAY, dt.date(2026, 12, 1)) == (dt.date(2026, 10, 25), TODAY)


@pytest.mark.parametrize("values,field,message", [
    ({"from": "2026-11-10", "to": "2026-11-01"}, "from", "on or before the end"),
    ({"from": "10/11/2026"}, "from", "like 2026-11-21"),
    ({"from": "1899-01-01", "to": "2026-11-01"}, "from", "too far in the past"),
    ({"to": "2027-06-01"}, "to", "in the future"),
    ({"from": "2001-01-01", "to": "2026-11-01"}, "from", "at most five years"),
    ({"from": "x" * 5000}, "from", "like 2026-11-21"),
])
def test_bad_ranges_get_a_message_for_the_field(values, field, message):
    chosen, errors = validation.parse_range(values, TODAY, None)
    assert chosen is None and message in errors[field]


def test_range_fills_a_blank_end_or_start():
    default = (dt.date(2026, 1, 1), TODAY)
    assert validation.parse_range({}, TODAY, default) == (default, {})
    assert validation.parse_range({"from": "2026-11-01"}, TODAY, default)[0] == (dt.date(2026, 11, 1), TODAY)
    assert validation.parse_range({"to": "2026-11-28"}, dt.date(2026, 11, 28), default)[0] == (
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
    _pairs, errors = validation.validate_psfs(names, scores)
    assert field in errors


def test_psfs_accepts_up_to_three_and_skips_blank_rows():
    pairs, errors = validation.validate_psfs(["  Putting on  socks ", "", "x" * 80], ["0", "", "10"])
    assert errors == {} and pairs == [("Putting on socks", 0), ("x" * 80, 10)]


@pytest.mark.parametrize("form,ok", [({}, True), ({"days": "1"}, True), ({"days": "90"}, True),
                                     ({"days": "0"}, False), ({"days": "91"}, False), ({"days": "x"}, False)])
def test_share_days(form, ok):
    clean, errors = validation.validate_share(form, TODAY)
    assert (not errors) == ok
    if form == {}:
        assert clean == {"days": 14, "range_from": None, "range_to": None}


def test_visit_validation():
    clean, errors = validation.validate_visit({"visit_date": "2026-11-20", "practitioner": " Physio  Sam ",
                                                "note": "Try\nwalking"}, TODAY)
    assert errors == {} and clean == {"visit_date": dt.date(2026, 11, 20), "practitioner": "Physio Sam",
                                      "note": "Try\nwalking"}
    _, errors = validation.validate_visit({"visit_date": "", "practitioner": ""}, TODAY)
    assert set(errors) == {"visit_date", "practitioner"}
