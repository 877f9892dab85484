"""The stage engine, the program rules and the content loader, as plain Python (no app, no DB)."""
import datetime as dt
from collections import namedtuple
from pathlib import Path

import pytest
import yaml

from webapp.content import plans
from webapp.program import engine, starting, withheld

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 20)  # a Friday

Check = namedtuple("Check", "local_date local_time leg_pain extent weakness tingling", defaults=(None, None, None))
Done = namedtuple("Done", "local_date exercise response", defaults=(None,))
Flag = namedtuple("Flag", "local_date tier assessed_at")
LONG_AGO = TODAY - dt.timedelta(days=60)


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def checks(pains, extents=None, start=0, **extra):
    """One check-in a day, the last one today: pains[-1] is today's."""
    extents = extents or [None] * len(pains)
    n = len(pains)
    return [Check(days_ago(start + n - 1 - i), "09:00", p, e, **extra) for i, (p, e) in enumerate(zip(pains, extents))]


def suggest(rules, stage=2, checkins=(), done=(), flags=(), since=LONG_AGO, onset=LONG_AGO - dt.timedelta(days=30)):
    person = engine.Person(stage, "disc", since, onset)
    return engine.suggest(person, list(checkins), list(done), list(flags), rules.engine, TODAY)


# ---- the engine: moving up ----

def test_moves_up_with_reasons_that_claim_only_what_the_data_shows(rules):
    week_before = checks([6, 6, 7, 5, 6], start=7)
    s = suggest(rules, 1, checks([4, 3, 3, 4, 3, 3]) + week_before, since=days_ago(20))
    assert s.direction == "up" and s.to_stage == 2
    # (4+3+3+4+3+3)/6 = 3.33 over 6 days; the week before (6+6+7+5+6)/5 = 6.
    assert s.reasons == (("Leg pain averaged 3.3 over 6 days with check-ins in the last 7, down from 6 the week "
                         "before."), "You have been at stage 1 for 20 days.",
                         "You logged no exercises in the last 7 days, so we cannot say how they felt.")
    done = [Done(days_ago(1), "knees-rocking", r) for r in ("better", "same", "better", "same")]
    done += [Done(days_ago(2), "pelvic-tilt")] * 3
    s = suggest(rules, 1, checks([4, 3, 3, 4, 3, 3]), done, since=days_ago(20))
    assert s.reasons[-1] == "None of your 4 rated exercises spread symptoms down the leg; 3 done were not rated."
    unrated = suggest(rules, 1, checks([3] * 5), [Done(TODAY, "pelvic-tilt")] * 2)
    assert unrated.reasons[-1] == ("None of the 2 exercises you did were rated, so we cannot say whether any "
                                   "spread symptoms.")


def test_five_check_ins_on_one_day_do_not_move_up_and_accepting_does_not_move_on_again(rules):
    one_day = [Check(TODAY, f"0{h}:00", 5) for h in range(5)]
    s = suggest(rules, 1, one_day)
    assert s.direction == "stay"
    assert "You checked in on 1 day in the last 7. We need at least 5 days" in s.text
    # Even with a whole good week, stage 2 accepted today cannot become stage 3 today.
    s = suggest(rules, 2, checks([2, 2, 2, 2, 2, 2, 2]), since=TODAY)
    assert s.direction == "stay"
    assert ("You have been at stage 2 for 0 days (since today). We suggest at least 14 days in a stage before "
            "moving up.") in s.reasons


@pytest.mark.parametrize("days_in_stage, direction", [(13, "stay"), (14, "up")])
def test_at_least_14_days_in_a_stage(rules, days_in_stage, direction):
    assert suggest(rules, 1, checks([3] * 7), since=days_ago(days_in_stage)).direction == direction


@pytest.mark.parametrize("stage, pains, direction", [
    (1, [5, 5, 5, 5, 5], "up"),          # to stage 2: averages 5 or less
    (1, [5, 5, 6, 5, 5], "stay"),        # 5.2
    (2, [3, 3, 3, 3, 3], "up"),          # to stage 3: averages 3 or less
    (2, [3, 3, 4, 3, 3], "stay"),        # 3.2
])
def test_leg_pain_limit_depends_on_the_stage_moved_to(rules, stage, pains, direction):
    s = suggest(rules, stage, checks(pains))
    assert s.direction == direction
    if direction == "stay":
        limit = {1: 5, 2: 3}[stage]
        assert f"We suggest stage {stage + 1} when it averages {limit} or less." in s.text


def test_stage_3_waits_6_weeks_from_onset(rules):
    s = suggest(rules, 2, checks([2] * 7), onset=days_ago(5 * 7))
    assert s.direction == "stay" and "This episode started 5 weeks ago. Stage 3 is for 6 weeks or more" in s.text
    assert suggest(rules, 2, checks([2] * 7), onset=days_ago(6 * 7)).direction == "up"


def test_blocker_weakness(rules):
    s = suggest(rules, 1, checks([2] * 6) + [Check(days_ago(1), "18:00", 2, weakness=True)])
    assert s.direction == "stay" and "You noted weakness in your leg yesterday" in s.text
    assert any("weakness" in w for w in s.warnings)        # and said in the visible card


def test_blocker_more_days_of_numbness_than_the_week_before(rules):
    before = checks([2] * 7, start=7, tingling=False)
    before[0] = before[0]._replace(tingling=True)
    now = checks([2] * 7, tingling=False)
    now[1], now[4] = now[1]._replace(tingling=True), now[4]._replace(tingling=True)
    s = suggest(rules, 1, now + before)
    assert s.direction == "stay"
    assert "Pins and needles or numbness on 2 days in the last 7, up from 1 the week before." in s.text
    same = checks([2] * 7, tingling=False)
    same[3] = same[3]._replace(tingling=True)
    assert suggest(rules, 1, same + before).direction == "up"
    assert suggest(rules, 1, now).direction == "up"          # no answers the week before: nothing to compare


def test_blocker_symptoms_reaching_further_than_the_week_before(rules):
    before = checks([2] * 5, ["thigh"] * 5, start=7)
    s = suggest(rules, 1, checks([2] * 5, ["buttock", "thigh", "below_knee", "thigh", "buttock"]) + before)
    assert s.direction == "stay"
    assert ("Your symptoms reached below your knee in the last 7 days, further than the week before (your "
            "thigh).") in s.text
    assert suggest(rules, 1, checks([2] * 5, ["thigh"] * 5) + before).direction == "up"


def test_blocker_any_spread_answer(rules):
    s = suggest(rules, 2, checks([2] * 6), [Done(days_ago(4), "table-stretch", "spread")])
    assert s.direction == "stay"
    assert "You said table stretch spread symptoms down your leg on 16 Nov, so it is best to stay for now." in s.text


def test_blocker_three_worse_answers(rules):
    two = [Done(days_ago(i), "table-stretch", "worse") for i in range(2)]
    assert suggest(rules, 2, checks([2] * 6), two).direction == "up"
    s = suggest(rules, 2, checks([2] * 6), two + [Done(TODAY, "curl-downs", "worse")])
    assert s.direction == "stay" and "felt worse afterwards 3 times in the last 7 days" in s.text


def test_blocker_contact_a_doctor_answer(rules):
    s = suggest(rules, 1, checks([2] * 5), flags=[Flag(days_ago(2), "today", None)])
    assert s.direction == "stay" and "needs a doctor on 18 Nov" in s.text


def test_blockers_can_be_switched_off_in_program_yaml(tmp_path, content):
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    data["engine"]["move_up"]["blocked_by"] = ["weakness"]
    changed = tmp_path / "program.yaml"
    changed.write_text(yaml.safe_dump(data))
    loose = plans.load(changed, content.exercises)
    assert suggest(loose, 2, checks([2] * 6), [Done(TODAY, "table-stretch", "spread")]).direction == "up"


# ---- the engine: moving down ----

def test_a_two_point_rise_on_two_consecutive_days_moves_down(rules):
    # 5 to 2 days ago: 3, 3, 4, 3 (average 3.25); yesterday 6 and today 6, each 2.75 above.
    s = suggest(rules, 2, checks([3, 3, 4, 3, 6, 6]))
    assert s.direction == "down" and s.to_stage == 1
    assert s.reasons == (("Your leg pain was 6 yesterday and 6 today: at least 2 points above your average of 3.2 "
                         "over the 4 days with check-ins before (15 Nov to 18 Nov)."),)


def test_one_bad_day_is_not_a_move_down(rules):
    assert suggest(rules, 2, checks([3, 3, 4, 3, 3, 8])).direction != "down"          # today only
    assert suggest(rules, 2, checks([3, 3, 4, 3, 6, 4])).direction != "down"          # 0.75 today
    gap = checks([3, 3, 4, 3, 6], start=1)[:-1] + [Check(days_ago(2), "09:00", 6), Check(TODAY, "09:00", 6)]
    assert suggest(rules, 2, gap).direction != "down"                                 # not consecutive
    assert suggest(rules, 2, checks([3, 6, 6])).direction != "down"                   # too little before


def test_several_check_ins_a_day_count_as_the_days_average(rules):
    day_before = [Check(days_ago(1), "08:00", 9), Check(days_ago(1), "20:00", 3)]    # the day's average: 6
    s = suggest(rules, 2, checks([3, 3, 3, 3], start=2) + day_before + [Check(TODAY, "09:00", 6)])
    assert s.direction == "down" and "6 yesterday and 6 today" in s.text


def test_stage_1_worsening_is_shown_in_a_visible_card(rules):
    s = suggest(rules, 1, checks([3, 3, 3, 3, 7, 8]))
    assert s.direction == "stay" and s.to_stage == 1
    assert "already the gentlest stage" in s.text and "GP or physio" in s.text
    assert any(w.startswith("Your leg pain was 7 yesterday and 8 today") for w in s.warnings)


def test_stage_3_cannot_go_up(rules):
    s = suggest(rules, 3, checks([1, 1, 1, 1, 1, 1]))
    assert s.direction == "stay" and s.to_stage == 3 and "last stage" in s.text


def test_paused_by_an_unconfirmed_go_now_flag_even_with_perfect_numbers(rules):
    flag = Flag(days_ago(10), "now", None)
    s = suggest(rules, 2, checks([0, 0, 0, 0, 0, 0, 0]), flags=[flag])
    assert s.direction == "paused" and s.to_stage == 2
    assert s.text.startswith("On 10 Nov you answered yes to an emergency warning sign")
    today = suggest(rules, 2, flags=[Flag(TODAY, "now", None)])
    assert today.text.startswith("Today you answered yes") and "On today" not in today.text


def test_an_assessed_go_now_flag_no_longer_pauses(rules):
    flag = Flag(days_ago(1), "now", dt.datetime(2026, 11, 19, 18, 0))
    assert suggest(rules, 2, checks([2, 2, 2, 2, 2]), flags=[flag]).direction == "up"


def test_old_check_ins_outside_the_window_do_not_count(rules):
    assert suggest(rules, 1, checks([1, 1, 1, 1, 1], start=7)).direction == "stay"


def test_thresholds_come_from_program_yaml(tmp_path, content):
    history = checks([4, 4, 4, 4, 4])
    default = plans.load(CONTENT / "program.yaml", content.exercises)
    assert suggest(default, 1, history).direction == "up"
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    data["engine"]["move_up"]["max_average_leg_pain"]["to_2"] = 3
    changed = tmp_path / "program.yaml"
    changed.write_text(yaml.safe_dump(data))
    strict = plans.load(changed, content.exercises)
    s = suggest(strict, 1, history)
    assert s.direction == "stay" and "averages 3 or less" in s.text


# ---- left off Today ----

def test_an_exercise_that_spread_is_left_off_for_7_days(rules):
    done = [Done(days_ago(6), "table-stretch", "spread"), Done(days_ago(7), "knees-rocking", "spread"),
            Done(TODAY, "pelvic-tilt", "worse")]
    held = withheld.after_spread(done, rules.engine, TODAY)
    assert held == {"table-stretch": "Left off until 21 Nov: you said it spread symptoms down your leg on 14 Nov. "
                                     "Try it again then, gently, or ask your physio."}


def test_the_extension_option_is_left_off_for_a_week_after_any_answer_but_eased(rules):
    t = rules.engine
    assert t.leg_check == ("lying-on-your-front",) and t.hide_days_without_easing == 7
    front = "lying-on-your-front"
    held = withheld.without_easing([Done(days_ago(6), front, "same")], t, TODAY)
    assert held == {front: "Left off until 21 Nov: you said your leg did not change on 14 Nov. It stays in your "
                           "day only while your leg eases or the pain moves up. Use your other positions of "
                           "ease, or ask your physio."}
    assert withheld.without_easing([Done(days_ago(7), front, "same")], t, TODAY) == {}       # a week on
    assert "your leg felt worse today" in withheld.without_easing([Done(TODAY, front, "worse")], t, TODAY)[front]
    # The latest answer decides; no answer, "eased" or "better" keeps it; other exercises are not judged.
    assert withheld.without_easing([Done(days_ago(2), front, "worse"), Done(TODAY, front, "eased")], t, TODAY) == {}
    assert withheld.without_easing([Done(TODAY, front, "better"), Done(TODAY, front)], t, TODAY) == {}
    assert withheld.without_easing([Done(TODAY, "knees-rocking", "same")], t, TODAY) == {}


def test_a_leg_eased_answer_is_good_news_never_a_blocker(rules):
    eased = [Done(days_ago(i), "lying-on-your-front", "eased") for i in range(5)]
    s = suggest(rules, 1, checks([3] * 6), eased, since=days_ago(20))
    assert s.direction == "up"
    assert s.reasons[-2:] == ("None of your 5 rated exercises spread symptoms down the leg.",
                              "Your leg eased or the pain moved up after 5 exercises.")
    assert withheld.after_spread(eased, rules.engine, TODAY) == {}


def test_tensioners_unlock_after_14_calm_days_at_stage_3(rules):
    t = rules.engine
    calm = checks([2, 3, 2, 3, 2], tingling=False, weakness=False)
    assert withheld.tensioners_locked(engine.Person(3, "disc", days_ago(14)), calm, t, TODAY) is None
    locked = withheld.tensioners_locked(engine.Person(3, "disc", days_ago(5)), calm, t, TODAY)
    assert locked == "Tensioners are left off until you have 14 days at stage 3 (you have 5 days)."
    sore = checks([4, 4, 3, 3, 4])
    sore[-1] = sore[-1]._replace(tingling=True)
    locked = withheld.tensioners_locked(engine.Person(3, "disc", days_ago(30)), sore, t, TODAY)
    assert locked == ("Tensioners are left off until you have leg pain averaging 3 or less (it is 3.6); "
                      "no numbness or weakness (you noted some today).")
    assert withheld.tensioners_locked(engine.Person(2, "disc", days_ago(30)), calm, t, TODAY)


# ---- starting stage ----

# (weeks since onset, leg pain today, numbness, weakness) -> stage, worked by hand from the rule.
@pytest.mark.parametrize("weeks, pain, numb, weak, stage", [
    (3, 4, False, False, 1),     # under 6 weeks
    (6, 4, False, False, 2),     # 6 to 12 weeks
    (12, 4, False, False, 2),
    (13, 3, False, False, 3),    # over 12 weeks, leg pain 3, no nerve signs
    (13, 4, False, False, 2),    # leg pain 4-6: stage 2 at most, whatever the duration
    (20, 6, False, False, 2),
    (13, 2, True, False, 2),     # any numbness: stage 2 at most
    (13, 2, False, True, 2),     # any weakness: stage 2 at most
    (20, 7, False, False, 1),    # 7 or more: stage 1
    (8, 6, False, False, 2),
    (8, 9, True, True, 1),
])
def test_starting_stage_table(rules, weeks, pain, numb, weak, stage):
    p = starting.propose_start(days_ago(weeks * 7), TODAY, pain, "disc", rules.start, numbness=numb, weakness=weak)
    assert p.stage == stage and p.pattern == "disc"


def test_starting_stage_reasons_have_numbers(rules):
    p = starting.propose_start(days_ago(140), TODAY, 8, "stenosis", rules.start)
    assert p.stage == 1 and p.pattern == "stenosis"
    assert p.reasons[0] == ("This episode started 20 weeks ago (140 days). Over 12 weeks is usually called the "
                            "chronic stage, so we suggest stage 3.")
    assert "Your leg pain today is 8 out of 10. At 7 or more" in p.reasons[1]
    assert "stenosis type" in p.reasons[2]
    assert starting.propose_start(days_ago(3), TODAY, 2, "unsure", rules.start).pattern == "disc"
    p = starting.propose_start(days_ago(140), TODAY, 5, "disc", rules.start, numbness=True)
    assert p.reasons[1] == ("You have leg pain of 5 and numbness or pins and needles today. Stage 3 is only for "
                            "leg pain of 3 or less with no numbness or weakness, so we suggest stage 2.")


def test_both_legs_at_the_start(rules):
    constant = starting.propose_start(days_ago(140), TODAY, 2, "disc", rules.start, stage_1_only=True)
    assert constant.stage == 1 and "Until a doctor has checked this" in constant.reasons[-2]
    stable = starting.propose_start(days_ago(140), TODAY, 2, "unsure", rules.start, both_legs_stable=True)
    assert stable.pattern == "stenosis" and "often fits the stenosis type" in stable.reasons[-1]


# ---- dose and caps ----


# ---- program.yaml ----


# ---- the exercise loader ----




# ---- guardrails, third edition (issue 21, item 5) ----

Weak = namedtuple("Weak", "local_date local_time leg_pain weakness weakness_new", defaults=(True, True))
Answer = namedtuple("Answer", "local_date tier assessed_at contacted_at", defaults=(None, None))


def test_no_stage_3_while_nerve_signs_are_on_most_of_the_last_7_logged_days(rules):
    # The week before had just as many, so the "more days than the week before" blocker is silent.
    before = checks([2] * 7, start=7, tingling=True)
    numb = checks([2] * 7, tingling=False)
    for i in (0, 2, 4, 6):
        numb[i] = numb[i]._replace(tingling=True)
    s = suggest(rules, 2, numb + before)
    assert s.direction == "stay"
    assert ("You noted numbness or pins and needles on 4 of your last 7 logged days (14 Nov to today). Stage 3 "
            "waits until that is so on fewer than half of them.") in s.reasons
    low = checks([2] * 7, ["below_knee", "foot", "thigh", "foot", "thigh", "below_knee", "thigh"], tingling=False)
    s = suggest(rules, 2, low + checks([2] * 7, ["foot"] * 7, start=7, tingling=False))
    assert s.direction == "stay" and "symptoms below the knee on 4 of your last 7 logged days" in s.text
    three = checks([2] * 7, ["below_knee", "thigh", "below_knee", "thigh", "thigh", "below_knee", "thigh"],
                   tingling=False)
    assert suggest(rules, 2, three + checks([2] * 7, ["foot"] * 7, start=7, tingling=False)).direction == "up"
    # Stage 2 is not held back by it: the rule is about stage 3.
    assert suggest(rules, 1, numb + before).direction == "up"


def test_stage_1_only_opens_nothing_above_stage_1(rules):
    person = engine.Person(1, "disc", LONG_AGO, LONG_AGO, stage_1_only_since=days_ago(3))
    s = engine.suggest(person, checks([1] * 7), [], [], rules.engine, TODAY)
    assert (s.direction, s.to_stage) == ("stay", 1)
    assert s.reasons == (("On 17 Nov you said the symptoms in both legs are there all the time, even sitting or "
                         "lying down. Until a doctor or physio has checked this and you answer the both-legs "
                         "questions again, only stage 1 is open to you."),)
    above = engine.suggest(engine.Person(3, "disc", LONG_AGO, LONG_AGO, stage_1_only_since=TODAY),
                           checks([1] * 7), [], [], rules.engine, TODAY)
    assert (above.direction, above.to_stage) == ("down", 1) and above.text.startswith("Today you said")


def test_leg_pain_of_7_on_two_logged_days_in_a_row_steps_back_whatever_the_days_before(rules):
    # The week before was just as bad, so there is no rise: the absolute trigger still steps back.
    s = suggest(rules, 3, checks([7, 8, 7, 8, 7, 7, 8]))
    assert (s.direction, s.to_stage) == ("down", 2)
    assert s.reasons[0] == "Your leg pain was 7 yesterday and 8 today: 7 or more on your last 2 logged days in a row."
    assert suggest(rules, 3, checks([8, 8, 8, 8, 8, 6])).direction != "down"            # not today's
    assert suggest(rules, 3, checks([8, 8, 8, 8, 8, 7], start=2)).direction != "down"   # nothing since 2 days
    gap = [Check(days_ago(3), "09:00", 8), Check(TODAY, "09:00", 7)]
    assert suggest(rules, 3, gap).direction == "down"            # logged days in a row, however spaced
    at_1 = suggest(rules, 1, checks([8, 8]))
    assert at_1.direction == "stay" and "7 or more on your last 2 logged days" in " ".join(at_1.warnings)


def test_new_weakness_steps_back(rules):
    s = suggest(rules, 2, checks([3] * 6) + [Weak(days_ago(1), "20:00", 3)])
    assert (s.direction, s.to_stage) == ("down", 1)
    assert ("You noted weakness in your leg that is new or getting worse yesterday. A gentler stage is safer until a "
            "doctor has checked it.") in s.reasons
    old = Weak(days_ago(1), "20:00", 3, weakness_new=False)
    assert suggest(rules, 2, checks([3] * 6) + [old]).direction == "stay"             # not new: a warning only


def test_during_a_flare_the_days_before_it_are_the_baseline(rules):
    # 2, 2, 2 then five days at 5: the last two days against the seven before them (2, 2, 2, 5, 5, 5:
    # 3.5) is a rise of 1.5; against the days before the flare began (2) it is 3.
    s = suggest(rules, 2, checks([2, 2, 2, 5, 5, 5, 5, 5]))
    assert s.direction == "down"
    assert s.reasons == (("Your leg pain was 5 on 16 Nov, 5 on 17 Nov, 5 on 18 Nov, 5 yesterday and 5 today: at "
                         "least 2 points above your average of 2 over the 3 days with check-ins before (13 Nov to "
                         "15 Nov)."),)


def test_a_step_back_accepted_today_is_not_suggested_again_today(rules):
    history = checks([3, 3, 3, 3, 8, 8])
    stepped = engine.Person(2, "disc", TODAY, LONG_AGO, stepped_down=True)
    assert engine.suggest(stepped, history, [], [], rules.engine, TODAY).direction != "down"
    # A stage moved up by hand during a flare does not hide it.
    moved_up = engine.Person(3, "disc", TODAY, LONG_AGO)
    assert engine.suggest(moved_up, history, [], [], rules.engine, TODAY).direction == "down"
    # Two more days at 7 or more after the step back: step back again.
    later = engine.Person(2, "disc", days_ago(2), LONG_AGO, stepped_down=True)
    assert engine.suggest(later, history, [], [], rules.engine, TODAY).direction == "down"


def test_an_unanswered_contact_card_blocks_moving_up_however_old(rules):
    waiting = Answer(days_ago(40), "soon")
    s = suggest(rules, 1, checks([2] * 6), flags=[waiting])
    assert s.direction == "stay"
    assert ("You answered yes to a warning sign that needs a doctor on 11 Oct. Moving up waits until you say, on "
            "the card on Today, that you have spoken to one.") in s.reasons
    answered = Answer(days_ago(40), "soon", contacted_at=dt.datetime(2026, 10, 12))
    assert suggest(rules, 1, checks([2] * 6), flags=[answered]).direction == "up"


def test_tensioners_wait_6_weeks_from_onset_whoever_chose_stage_3(rules):
    t = rules.engine
    calm = checks([2, 3, 2, 3, 2], tingling=False, weakness=False)
    early = engine.Person(3, "disc", days_ago(30), days_ago(35))
    assert withheld.tensioners_locked(early, calm, t, TODAY) == (
        "Tensioners are left off until you have 6 weeks since this episode started (it is 5 weeks).")
    assert withheld.tensioners_locked(engine.Person(3, "disc", days_ago(30), days_ago(42)), calm, t, TODAY) is None


@pytest.mark.parametrize("path, value, message", [
    (("engine", "move_down", "high_leg_pain"), 11, "engine.move_down.high_leg_pain' must be a number from 1 to 10"),
    (("engine", "move_down", "new_weakness"), "yes", "engine.move_down.new_weakness' must be true or false"),
    (("engine", "move_up", "stage_3_nerve_signs_logged_days"), 0, "stage_3_nerve_signs_logged_days' must be"),
    (("starting_stage", "within_days"), 3, "starting_stage.within_days' must be a whole number from 7"),
    (("pregnancy", "no_lying_on_back_from_week"), 50, "pregnancy.no_lying_on_back_from_week' must be"),
    (("pregnancy", "swap"), {"graded-walking": "swimming"}, ("pregnancy.swap.graded-walking' 'graded-walking' is "
                                                           "done standing")),
    (("pregnancy", "swap"), {"lying-nerve-slider": "knees-rocking"}, "'knees-rocking' cannot be offered instead"),
])
def test_the_new_thresholds_are_checked_at_start_up(tmp_path, content, path, value, message):
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    changed = tmp_path / "program.yaml"
    changed.write_text(yaml.safe_dump(data))
    with pytest.raises(plans.ProgramError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plans.load(changed, content.exercises)
