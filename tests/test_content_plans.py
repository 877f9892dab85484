"""content/program.yaml: every plan validates against the exercises, and a broken file names the field."""
from pathlib import Path

import pytest
import yaml

from webapp.content import plans

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"



def test_program_yaml_and_every_exercise_validate(rules, content):
    assert len(content.exercises) == 19
    for stage in rules.stages.values():
        for pattern, plan in stage.plans.items():
            for entries in list(plan.sessions.values()) + [plan.optional]:
                for entry in entries:
                    exercise = content.exercises[entry.exercise]
                    assert stage.number in exercise.stages and exercise.pattern in ("both", pattern)
            for entries in plan.sessions.values():
                assert not any(content.exercises[e.exercise].practitioner_only for e in entries)


def _broken(tmp_path, content, change):
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    change(data)
    path = tmp_path / "program.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(plans.ProgramError) as error:
        plans.load(path, content.exercises)
    assert str(error.value).startswith(f"{path}: field '")
    return str(error.value)


def test_broken_program_yaml_names_the_field(tmp_path, content):
    def unknown(d): d["stages"][1]["plans"]["disc"]["morning"][0] = "handstand"
    def wrong_stage(d): d["stages"][1]["plans"]["disc"]["morning"].append("bird-dog")
    def wrong_pattern(d): d["stages"][2]["plans"]["stenosis"]["evening"].append("table-stretch")
    def practitioner(d): d["stages"][3]["plans"]["disc"]["evening"].append("advanced-nerve-traction")
    # (The table stretch is optional in stage 2 now, so the day cap is shown on knees to chest.)
    def over_cap(d): d["stages"][2]["plans"]["stenosis"]["morning"] += ["knees-to-chest", "knees-to-chest"]
    def weekly(d): d["stages"][3]["plans"]["disc"]["optional"][3] = "advanced-nerve-traction"
    def typo(d): d["engine"]["move_up"]["min_checkins"] = 5
    def bad_number(d): d["engine"]["move_down"]["leg_pain_rise"] = "two"
    def missing(d): del d["stages"][2]["purpose"]
    assert "stages.1.plans.disc.morning[0]' names an unknown exercise: 'handstand'" in _broken(tmp_path, content, unknown)
    assert "'bird-dog' is not for stage 1" in _broken(tmp_path, content, wrong_stage)
    assert "for the disc pattern, not stenosis" in _broken(tmp_path, content, wrong_pattern)
    assert "practitioner-only" in _broken(tmp_path, content, practitioner)
    assert "'knees-to-chest' 4 times in a day; its cap is 3" in _broken(tmp_path, content, over_cap)
    assert "7 times a week; its cap is 2" in _broken(tmp_path, content, weekly)
    def blocker(d): d["engine"]["move_up"]["blocked_by"].append("bad_weather")
    def limit(d): d["engine"]["move_up"]["max_average_leg_pain"]["to_3"] = 11
    def unlock(d): d["engine"]["tensioners_unlock"]["no_numbness_or_weakness"] = "yes"
    def days(d): d["engine"]["move_down"]["on_consecutive_days"] = 0
    def start(d): d["starting_stage"]["stage_3_max_leg_pain"] = 8
    assert "'engine.move_up.min_checkins' is not a known setting" in _broken(tmp_path, content, typo)
    assert "'engine.move_up.blocked_by' must list blockers from: weakness" in _broken(tmp_path, content, blocker)
    assert "'engine.move_up.max_average_leg_pain.to_3' must be a number from 0 to 10" in _broken(tmp_path, content, limit)
    assert "'engine.tensioners_unlock.no_numbness_or_weakness' must be true or false" in _broken(tmp_path, content, unlock)
    assert "'engine.move_down.on_consecutive_days' must be a whole number from 1 to 7" in _broken(tmp_path, content, days)
    assert "'starting_stage.stage_3_max_leg_pain' must be less than high_leg_pain" in _broken(tmp_path, content, start)
    assert "'engine.move_down.leg_pain_rise' must be a number" in _broken(tmp_path, content, bad_number)
    assert "'stages.2.purpose' is missing" in _broken(tmp_path, content, missing)


def test_new_program_settings_are_checked_and_name_the_field(tmp_path, content):
    def two_days_running(d): d["stages"][3]["plans"]["disc"]["optional"][3]["days"] = ["fri", "sat"]
    def sunday_to_monday(d): d["stages"][3]["plans"]["disc"]["optional"][3]["days"] = ["sun", "mon"]
    def long_note(d): d["stages"][1]["plans"]["stenosis"]["midday"][0]["note"] = "word " * 60
    def empty_note(d): d["stages"][1]["plans"]["stenosis"]["midday"][0]["note"] = " "
    def leg_check(d): d["engine"]["keep_only_if_leg_eases"]["exercises"] = ["handstand"]
    def not_a_walk(d): d["walking"]["exercises"].append("bird-dog")
    def percent(d): d["walking"]["start_percent"] = 120
    def aim(d): d["walking"]["stage_3_aim_minutes"] = [60, 30]
    def no_walking(d): del d["walking"]
    assert "'stages.3.plans.disc' plans 'advanced-nerve-traction' on fri and sat; it needs 1 rest day in " \
           "between" in _broken(tmp_path, content, two_days_running)
    assert "on sun and mon; it needs 1 rest day" in _broken(tmp_path, content, sunday_to_monday)
    assert "'stages.1.plans.stenosis.midday[0].note' is longer than 200 characters" in \
        _broken(tmp_path, content, long_note)
    assert "'stages.1.plans.stenosis.midday[0].note' must be non-empty text" in _broken(tmp_path, content, empty_note)
    assert "'engine.keep_only_if_leg_eases.exercises[0]' names an unknown exercise: 'handstand'" in \
        _broken(tmp_path, content, leg_check)
    assert "'walking.exercises[2]' 'bird-dog' is not a walk timed in minutes" in _broken(tmp_path, content, not_a_walk)
    assert "'walking.start_percent' must be a whole number from 10 to 100" in _broken(tmp_path, content, percent)
    assert "'walking.stage_3_aim_minutes' must be [fewest, most]" in _broken(tmp_path, content, aim)
    assert "field 'walking' is missing" in _broken(tmp_path, content, no_walking)


def test_positions_of_ease_are_on_every_stage_and_pattern(rules):
    for stage in rules.stages.values():
        for pattern, plan in stage.plans.items():
            slugs = {e.exercise for entries in plan.sessions.values() for e in entries} | \
                {e.exercise for e in plan.optional}
            assert "positions-of-ease" in slugs, (stage.number, pattern)
            # The extension option sits beside them for the disc type only.
            assert ("lying-on-your-front" in slugs) == (pattern == "disc"), (stage.number, pattern)


def test_the_disc_plan_follows_the_second_edition(rules):
    disc = {n: rules.plan(n, "disc") for n in (1, 2, 3)}
    def sessions(plan): return {e.exercise for entries in plan.sessions.values() for e in entries}
    def optional(plan): return {e.exercise for e in plan.optional}
    # The lying slider instead of the sitting one; the table stretch optional in stage 2.
    for plan in disc.values():
        assert "sitting-nerve-slider" not in sessions(plan) | optional(plan)
    assert "lying-nerve-slider" in optional(disc[1]) and "lying-nerve-slider" in sessions(disc[2])
    assert "table-stretch" in optional(disc[2]) and "table-stretch" not in sessions(disc[2])
    # Stenosis: forward-lean walking from stage 1, in short bouts with sitting rests; swimming
    # on the back or walking in the water.
    [walk] = [e for e in rules.plan(1, "stenosis").sessions["midday"] if e.exercise == "forward-lean-walking"]
    assert walk.note == "In bouts of 3 to 5 minutes, with a sitting rest between bouts."
    for n in (2, 3):
        [swim] = [e for e in rules.plan(n, "stenosis").optional if e.exercise == "swimming"]
        assert "Back stroke with a float, or walking in the water" in swim.note and "arch your back" in swim.note
