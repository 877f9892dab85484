"""The warning-sign rules as plain Python: wording, tiers with background risks, what a check-in's
answers imply and the both-legs follow-up. Emergency numbers by country: test_safety_countries.py."""
import pytest
from werkzeug.datastructures import MultiDict

from webapp.safety import answers, redflags

DAILY = redflags.GO_NOW + redflags.CONTACT_TODAY


@pytest.mark.parametrize("flag", DAILY + redflags.ONBOARDING, ids=lambda f: f.code)
def test_each_item_is_a_short_headline_with_examples_under_it(flag):
    assert len(flag.headline.split()) <= 16, flag.headline
    assert not flag.headline.endswith(".")
    assert len(flag.text.split()) <= 40


def test_early_signs_come_first_in_the_spec_wording():
    assert [f.code for f in redflags.GO_NOW[:3]] == ["bladder", "saddle", "sexual"]
    assert redflags.FLAGS["bladder"].headline == "New trouble starting to pee, or less feeling when you pee"
    assert redflags.FLAGS["saddle"].headline == "New numbness between your legs or around your bottom"
    assert redflags.FLAGS["sexual"].headline == "A new change in sexual feeling"


def test_the_sexual_item_is_for_everyone():
    sexual = redflags.FLAGS["sexual"].text
    assert "less feeling in your genitals during sex" in sexual and "erection problems" in sexual


def test_night_pain_is_worded_as_in_the_spec():
    assert redflags.FLAGS["constant_pain"].headline == ("Constant pain that no position or rest eases and is "
                                                        "getting worse, especially at night")
    assert not any("lying flat" in f.text for f in DAILY)


def test_both_legs_items_say_new_spreading_or_worse():
    both = [f for f in DAILY if "both legs" in f.text.lower()]
    assert {f.code for f in both} == {"both_legs_new", "both_legs_constant"}
    assert "new" in both[0].headline.lower() and "spread" in both[0].text and "getting worse" in both[0].text
    assert "all the time" in redflags.FLAGS["both_legs_constant"].headline and "give way" in \
        redflags.FLAGS["both_legs_constant"].headline
    assert "typical of spinal stenosis" in redflags.STENOSIS_HINT and "not an emergency" in redflags.STENOSIS_HINT


def test_background_facts_are_asked_once_not_daily():
    daily = " ".join(f.text.lower() for f in DAILY)
    for fact in ("had cancer before", "over 50", "osteoporosis", "immune system", "inject drugs", "operation"):
        assert fact not in daily, fact
    assert [r.code for r in redflags.BACKGROUND] == ["past_cancer", "over_50", "bones", "weak_immunity",
                                                     "injecting", "spine_procedure"]


@pytest.mark.parametrize("go_now, contact, background, tier", [
    ([], [], [], "none"),
    ([], [], ["past_cancer", "over_50"], "none"),          # background alone is never a daily alarm
    (["saddle"], ["fever"], [], "now"),                   # the most urgent wins
    ([], ["constant_pain"], [], "soon"),                  # night pain with nothing else: within days
    ([], ["constant_pain"], ["past_cancer"], "today"),    # background lowers the bar
    ([], ["constant_pain"], ["weak_immunity"], "today"),
    ([], ["weight_loss"], [], "soon"),
    ([], ["weight_loss"], ["past_cancer"], "today"),
    ([], ["weight_loss", "fever"], [], "today"),
    ([], ["weak_leg"], [], "today"),
    ([], ["fall"], ["bones"], "today"),
    (["both_legs"], [], [], "now"),                       # answers given before the second edition
    ([], ["cancer_history"], [], "today"),
    ([], ["risk_past_cancer"], ["past_cancer"], "soon"),
])
def test_tiers(go_now, contact, background, tier):
    assert redflags.tier_for(go_now, contact, background) == tier


def test_the_fall_item_is_asked_only_with_a_background_that_makes_it_matter():
    assert "fall" not in [f.code for f in redflags.daily_contact_flags([])]
    assert "fall" in [f.code for f in redflags.daily_contact_flags(["bones"])]
    assert "fall" in [f.code for f in redflags.daily_contact_flags(["over_50"])]


def test_validate_answer_refuses_unknown_codes_and_keeps_old_ones():
    assert answers.validate_answer({"go_now": ["made-up"]})[1] == {"go_now": "Unknown answer: made-up."}
    clean, errors = answers.validate_answer({"go_now": "both_legs", "contact_today": ["night_pain"]})
    assert errors == {} and clean == {"go_now": "both_legs", "contact_today": "night_pain", "tier": "now"}


@pytest.mark.parametrize("fields, usual, background, result", [
    ({"weakness": True, "weakness_new": True, "weakness_side": "both"}, "left", [], (["both_legs_new"], [])),
    ({"weakness": True, "weakness_new": True, "weakness_side": "one"}, "left", [], ([], ["weak_leg"])),
    ({"weakness": True, "weakness_new": True}, "left", [], ([], ["weak_leg"])),
    ({"weakness": True, "weakness_new": True, "weakness_side": "one"}, "left", ["past_cancer"], (["cancer"], [])),
    ({"weakness": True, "weakness_new": False, "weakness_side": "both"}, "left", [], ([], [])),
    ({"weakness": False, "weakness_new": True, "weakness_side": "both"}, "left", [], ([], [])),
    ({"leg_side": "both", "spread_to_other": True}, "right", [], (["both_legs_new"], [])),
    ({"leg_side": "both", "spread_to_other": False}, "right", [], ([], [])),
    ({"leg_side": "both", "spread_to_other": True}, "both", [], ([], [])),   # both is their usual side
])
def test_what_a_check_in_implies(fields, usual, background, result):
    assert answers.checkin_signs(fields, usual, background) == result


def test_routes_for_the_phone_match_the_rule():
    assert answers.checkin_routes("left") == {"spread": "go_now:both_legs_new", "weak_both": "go_now:both_legs_new",
                                              "weak_one": "contact_today:weak_leg",
                                              "weak_both_constant": "go_now:both_legs_constant"}
    assert answers.checkin_routes("both", ["past_cancer"]) == {"weak_both": "go_now:both_legs_new",
                                                               "weak_one": "go_now:cancer",
                                                               "weak_both_constant": "go_now:both_legs_constant"}


@pytest.mark.parametrize("recent, saddle, constant, examined, tier, stage_1, stable", [
    (True, False, False, True, "now", False, False),       # (a) started, spread or worse: go now
    (False, True, False, True, "now", False, False),       # (b) saddle, bladder, bowel, sex: go now
    (False, False, True, True, "today", True, False),      # (c) all the time: urgent, stage 1 only
    (False, False, False, False, "soon", False, False),    # (d) never examined: GP in a few days
    (False, False, False, True, "none", False, True),      # checked and stable: carry on
])
def test_both_legs_follow_up(recent, saddle, constant, examined, tier, stage_1, stable):
    outcome = answers.both_legs_outcome(recent, saddle, constant, examined)
    assert (outcome.tier, outcome.stage_1_only, outcome.stable) == (tier, stage_1, stable)


def test_background_answers_need_a_tick_or_none_of_these():
    assert answers.validate_background(MultiDict({}))[1]
    assert answers.validate_background(MultiDict({"background_none": "yes"})) == ([], {})
    form = MultiDict([("background", "past_cancer"), ("background", "bones"), ("background", "made-up")])
    assert answers.validate_background(form) == (["bones", "past_cancer"], {})
    assert answers.background_findings(["bones", "past_cancer", "over_50"]) == ["risk_over_50", "risk_past_cancer"]
