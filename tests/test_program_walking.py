"""The person's own walking time: worked by hand from content/program.yaml's `walking` settings
(start at 80% of the walking time logged, about 10% more a week, never past the latest time logged
nor 60 minutes, the top of stage 3's aim of 30 to 60). Plain Python, then on Today and the page."""
import datetime as dt
import re

import pytest

from webapp.program import walking

from .helpers import add_checkin, onboard
from .helpers import london_today as today

TODAY = dt.date(2026, 11, 20)


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def walk(rules, log, stage=2):
    return walking.walk_for(log, stage, TODAY, rules.walking)


def test_the_settings_come_from_program_yaml(rules):
    w = rules.walking
    assert (w.start_percent, w.weekly_increase_percent, w.stage_3_aim) == (80, 10, (30, 60))
    assert w.exercises == ("graded-walking", "forward-lean-walking")


def test_no_walking_logged_means_no_walk_of_your_own(rules):
    assert walk(rules, []) is None
    assert walk(rules, [(days_ago(84), 15)]) is None          # older than the 84 days looked back


def test_fifteen_minutes_logged_today_starts_at_twelve(rules):
    w = walk(rules, [(TODAY, 15)])                             # 15 x 0.8 = 12
    assert w == walking.Walk(12, "About 80% of the 15 minutes you logged today.")


@pytest.mark.parametrize("weeks_ago, minutes", [
    (1, 13),     # 12 x 1.1 = 13.2
    (2, 15),     # 12 x 1.21 = 14.52, and 15 is what was logged
    (0, 12),
])
def test_about_ten_percent_more_each_full_week(rules, weeks_ago, minutes):
    w = walk(rules, [(days_ago(7 * weeks_ago), 15)])
    assert w.minutes == minutes
    if weeks_ago == 1:
        assert w.why == ("About 80% of the 15 minutes you logged on 13 Nov, plus about 10% a week for "
                         "1 week.")
    assert walk(rules, [(days_ago(7 * weeks_ago + 6), 15)]).minutes == minutes   # a part week adds nothing


def test_never_more_than_the_latest_time_logged(rules):
    # 15 logged three weeks ago and again today: 12 x 1.331 = 15.97, held at the 15 logged.
    w = walk(rules, [(days_ago(21), 15), (days_ago(14), 15), (TODAY, 15)])
    assert w.minutes == 15
    assert w.why == ("About 80% of the 15 minutes you logged on 30 Oct, plus about 10% a week for 3 weeks. It "
                     "stays at the 15 minutes you last logged until you log a longer walk before it hurts.")


def test_the_stage_3_aim_caps_the_walk_at_60_minutes(rules):
    w = walk(rules, [(TODAY, 80)], stage=3)                     # 80 x 0.8 = 64, capped
    assert w.minutes == 60
    assert w.why.endswith("That is the top of stage 3's aim of 30 to 60 minutes a day, so it goes no higher.")
    # 70 three weeks ago and today: 56 x 1.331 = 74.5, the 70 logged, then 60.
    assert walk(rules, [(days_ago(21), 70), (TODAY, 70)], stage=3).minutes == 60
    assert walk(rules, [(TODAY, 80)], stage=1).minutes == 60   # the same top at every stage
    below = walk(rules, [(TODAY, 25)], stage=3)                 # 20
    assert below.minutes == 20 and below.why.endswith("Stage 3 aims for 30 to 60 minutes a day, built up a "
                                                      "little at a time.")


def test_walking_getting_harder_starts_again_lower(rules):
    # 20 two weeks ago (16, then 19.36 by now); today only 10 before it hurts: 80% of 10 = 8.
    w = walk(rules, [(days_ago(14), 20), (TODAY, 10)])
    assert w == walking.Walk(8, "About 80% of the 10 minutes you logged today.")


def test_a_big_step_up_is_met_at_80_percent(rules):
    # 5 a week ago (4, then 4.4); today 30: 80% of 30 = 24 is more than 4.4, so it starts again.
    assert walk(rules, [(days_ago(7), 5), (TODAY, 30)]).minutes == 24
    # A small rise does not restart the weekly steps: 15 a week ago, 16 today: 13.2 stays 13.
    assert walk(rules, [(days_ago(7), 15), (TODAY, 16)]).minutes == 13


def test_several_check_ins_on_one_day_count_as_its_average(rules):
    assert walk(rules, [(TODAY, 10), (TODAY, 20)]).minutes == 12   # 15 x 0.8


def test_zero_minutes_logged_suggests_one(rules):
    w = walk(rules, [(TODAY, 0)])
    assert w == walking.Walk(1, "You logged 0 minutes of walking before it hurts today, so start with just "
                                "1 minute.")


# ---- on Today, the week's plan and the walk's own page ----

def walk_row(html, slug="graded-walking", session="midday"):
    start = html.index(f'id="ex-{session}-{slug}"')
    return html[start:html.index("</li>", start)]


def test_today_and_the_walking_page_show_your_own_minutes_and_why(client, auth):
    user = onboard(client, auth, stage=1, pattern="disc")
    html = client.get("/").get_data(as_text=True)
    row = walk_row(html)
    assert '<p class="ex-dose">5 minutes</p>' in row          # the file's minutes, nothing logged yet
    assert "Log how many minutes you can walk before it hurts" in row
    add_checkin(user, today(), 3, walking=15)
    row = walk_row(client.get("/").get_data(as_text=True))
    assert '<p class="ex-dose">12 minutes</p>' in row
    assert "About 80% of the 15 minutes you logged today." in row
    page = client.get("/exercises/graded-walking").get_data(as_text=True)
    assert re.search(r"<dd>12 minutes<span class=\"ex-why\">About 80% of the 15 minutes you logged today.", page)
    assert 'data-minutes="12"' in page                         # the timer runs for your own time
    assert "Your walking time is 12 minutes." in client.get("/program").get_data(as_text=True)


def test_a_week_later_the_walk_is_longer(client, auth):
    user = onboard(client, auth, stage=2, pattern="stenosis")
    add_checkin(user, today() - dt.timedelta(days=7), 3, walking=15)
    row = walk_row(client.get("/").get_data(as_text=True), "forward-lean-walking")
    assert '<p class="ex-dose">13 minutes</p>' in row and "plus about 10% a week for 1 week" in row


def test_the_public_page_keeps_the_files_minutes(client):
    page = client.get("/exercises/graded-walking").get_data(as_text=True)
    assert "<dd>5 minutes</dd>" in page and "you logged" not in page


def test_stenosis_walks_in_short_bouts_at_stage_1(client, auth):
    user = onboard(client, auth, stage=1, pattern="stenosis")
    add_checkin(user, today(), 3, walking=15)
    row = walk_row(client.get("/").get_data(as_text=True), "forward-lean-walking")
    assert "12 minutes" in row and "In bouts of 3 to 5 minutes, with a sitting rest between bouts." in row
    page = client.get("/exercises/forward-lean-walking").get_data(as_text=True)
    assert "<dt>In your plan</dt><dd>In bouts of 3 to 5 minutes, with a sitting rest between bouts.</dd>" in page
