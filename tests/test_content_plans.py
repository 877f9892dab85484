"""content/program.yaml: every plan validates against the exercises, and a broken file names the field."""
from pathlib import Path

import pytest
import yaml

from webapp.content import plans

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"



def test_program_yaml_and_every_exercise_validate(rules, content):
    assert len(content.exercises) == 18
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
    def over_cap(d): d["stages"][2]["plans"]["disc"]["morning"] += ["table-stretch", "table-stretch"]
    def weekly(d): d["stages"][3]["plans"]["disc"]["optional"][3] = "advanced-nerve-traction"
    def typo(d): d["engine"]["move_up"]["min_checkins"] = 5
    def bad_number(d): d["engine"]["move_down"]["leg_pain_rise"] = "two"
    def missing(d): del d["stages"][2]["purpose"]
    assert "stages.1.plans.disc.morning[0]' names an unknown exercise: 'handstand'" in _broken(tmp_path, content, unknown)
    assert "'bird-dog' is not for stage 1" in _broken(tmp_path, content, wrong_stage)
    assert "for the disc pattern, not stenosis" in _broken(tmp_path, content, wrong_pattern)
    assert "practitioner-only" in _broken(tmp_path, content, practitioner)
    assert "'table-stretch' 4 times in a day; its cap is 3" in _broken(tmp_path, content, over_cap)
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
