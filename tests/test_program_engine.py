"""The stage engine, the program rules and the content loader, as plain Python (no app, no DB)."""
import datetime as dt
from collections import namedtuple
from pathlib import Path

import pytest
import yaml

from webapp.content import plans
from webapp.program import engine

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 20)  # a Friday

Settings = namedtuple("Settings", "stage pattern")
Check = namedtuple("Check", "local_date local_time leg_pain extent weakness", defaults=(None, None))
Done = namedtuple("Done", "local_date exercise response")
Flag = namedtuple("Flag", "local_date tier assessed_at")


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def checks(pains, extents=None, start=0):
    """One check-in a day, the last one today: pains[-1] is today's."""
    extents = extents or [None] * len(pains)
    n = len(pains)
    return [Check(days_ago(start + n - 1 - i), "09:00", p, e) for i, (p, e) in enumerate(zip(pains, extents))]


def suggest(rules, stage=2, checkins=(), done=(), flags=()):
    return engine.suggest(Settings(stage, "disc"), list(checkins), list(done), list(flags), rules.engine, TODAY)


# ---- the engine ----

def test_moves_up_when_leg_pain_is_low_with_no_spreading(rules):
    week_before = checks([6, 6, 7, 5, 6], start=7)
    s = suggest(rules, 2, checks([4, 3, 3, 4, 3, 3]) + week_before)
    assert s.direction == "up" and s.to_stage == 3
    assert s.reasons == ("Leg pain averaged 3.3 over your last 6 check-ins (last 7 days), down from 6 the "
                         "week before; no exercise spread symptoms down the leg.",)


def test_stays_with_too_few_check_ins(rules):
    s = suggest(rules, 1, checks([2, 2, 1, 2]))
    assert s.direction == "stay"
    assert "You have 4 check-ins in the last 7 days. We need at least 5" in s.text


def test_stays_when_leg_pain_is_still_high(rules):
    s = suggest(rules, 1, checks([6, 6, 6, 5, 6, 6]))
    assert s.direction == "stay" and "averaged 5.8" in s.text and "5 or less" in s.text


def test_moves_down_on_a_two_point_rise(rules):
    s = suggest(rules, 2, checks([3, 3, 4, 3, 6]))
    assert s.direction == "down" and s.to_stage == 1
    assert "Your latest leg pain, 6 today, is 2.8 points above your average of 3.2 over the 4 check-ins" in s.text


def test_a_smaller_rise_is_not_a_move_down(rules):
    assert suggest(rules, 2, checks([3, 3, 4, 3, 4])).direction != "down"


def test_moves_down_when_symptoms_spread_further_down_the_leg(rules):
    s = suggest(rules, 3, checks([3, 3, 3, 3, 3], ["buttock", "thigh", "buttock", "buttock", "below_knee"]))
    assert s.direction == "down" and s.to_stage == 2
    assert "Today your symptoms reached below your knee; over the rest of the last 7 days they usually " \
           "reached your buttock." in s.text


def test_moves_down_on_two_spread_answers_within_three_days(rules):
    done = [Done(days_ago(2), "table-stretch", "spread"), Done(TODAY, "knees-rocking", "spread")]
    s = suggest(rules, 2, checks([3, 3, 3, 3, 3, 3]), done)
    assert s.direction == "down"
    assert "spread symptoms down your leg 2 times in the last 3 days (table stretch 18 Nov, knees rocking today)" \
        in s.text


def test_spread_answers_further_apart_do_not_move_down_but_do_block_moving_up(rules):
    done = [Done(days_ago(4), "table-stretch", "spread"), Done(TODAY, "knees-rocking", "spread")]
    s = suggest(rules, 2, checks([3, 3, 3, 3, 3, 3]), done)
    assert s.direction == "stay" and "best to stay for now" in s.text


def test_stage_1_cannot_go_down_but_says_why(rules):
    s = suggest(rules, 1, checks([3, 3, 3, 3, 8]))
    assert s.direction == "stay" and s.to_stage == 1
    assert "already the gentlest stage" in s.text and "GP or physio" in s.text


def test_stage_3_cannot_go_up(rules):
    s = suggest(rules, 3, checks([1, 1, 1, 1, 1, 1]))
    assert s.direction == "stay" and s.to_stage == 3 and "last stage" in s.text


def test_paused_by_an_unconfirmed_go_now_flag_even_with_perfect_numbers(rules):
    flag = Flag(days_ago(10), "now", None)
    s = suggest(rules, 2, checks([0, 0, 0, 0, 0, 0, 0]), flags=[flag])
    assert s.direction == "paused" and s.to_stage == 2
    assert "10 Nov you answered yes to an emergency warning sign" in s.text


def test_an_assessed_go_now_flag_no_longer_pauses(rules):
    flag = Flag(days_ago(1), "now", dt.datetime(2026, 11, 19, 18, 0))
    assert suggest(rules, 2, checks([2, 2, 2, 2, 2]), flags=[flag]).direction == "up"


def test_contact_today_flag_or_weakness_blocks_moving_up(rules):
    s = suggest(rules, 1, checks([2, 2, 2, 2, 2]), flags=[Flag(days_ago(2), "today", None)])
    assert s.direction == "stay" and "needs a doctor soon" in s.text
    weak = checks([2, 2, 2, 2, 2])
    weak[1] = weak[1]._replace(weakness=True)
    assert "weakness" in suggest(rules, 1, weak).text


def test_old_check_ins_outside_the_window_do_not_count(rules):
    assert suggest(rules, 1, checks([1, 1, 1, 1, 1], start=7)).direction == "stay"


def test_thresholds_come_from_program_yaml(tmp_path, content):
    history = checks([4, 4, 4, 4, 4])
    default = plans.load(CONTENT / "program.yaml", content.exercises)
    assert suggest(default, 1, history).direction == "up"
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    data["engine"]["move_up"]["max_average_leg_pain"] = 3
    changed = tmp_path / "program.yaml"
    changed.write_text(yaml.safe_dump(data))
    strict = plans.load(changed, content.exercises)
    s = suggest(strict, 1, history)
    assert s.direction == "stay" and "averages 3 or less" in s.text


# ---- starting stage ----

@pytest.mark.parametrize("weeks, pain, stage", [(3, 4, 1), (6, 4, 2), (12, 4, 2), (13, 4, 3), (20, 7, 1), (8, 6, 2)])
def test_starting_stage_from_duration_and_leg_pain(rules, weeks, pain, stage):
    p = engine.propose_start(days_ago(weeks * 7), TODAY, pain, "disc", rules.start)
    assert p.stage == stage and p.pattern == "disc"


def test_starting_stage_reasons_have_numbers(rules):
    p = engine.propose_start(days_ago(140), TODAY, 8, "stenosis", rules.start)
    assert p.stage == 1 and p.pattern == "stenosis"
    assert p.reasons[0] == ("This episode started 20 weeks ago (140 days). Over 12 weeks is usually called the "
                            "chronic stage, so we suggest stage 3.")
    assert "Your leg pain today is 8 out of 10. At 7 or more" in p.reasons[1]
    assert "stenosis type" in p.reasons[2]
    assert engine.propose_start(days_ago(3), TODAY, 2, "unsure", rules.start).pattern == "disc"


# ---- dose and caps ----


# ---- program.yaml ----


# ---- the exercise loader ----


