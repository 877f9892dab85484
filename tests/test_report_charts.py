"""Chart geometry for the report (plain Python, no markup)."""
import datetime as dt

from webapp.report import adherence, charts

D0 = dt.date(2026, 11, 2)          # a Monday


def day(n):
    return D0 + dt.timedelta(days=n)


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
