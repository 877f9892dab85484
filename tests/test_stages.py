"""The stage engine, the program rules and the content loader, as plain Python (no app, no DB)."""
import ast
import datetime as dt
import shutil
from collections import namedtuple
from pathlib import Path

import pytest
import yaml

from webapp import dosing, program_rules, stages
from webapp.content import Content, ContentError, Dose, load_exercise

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 20)  # a Friday

Settings = namedtuple("Settings", "stage pattern")
Check = namedtuple("Check", "local_date local_time leg_pain extent weakness", defaults=(None, None))
Done = namedtuple("Done", "local_date exercise response")
Flag = namedtuple("Flag", "local_date tier assessed_at")


@pytest.fixture(scope="module")
def content():
    return Content(CONTENT)


@pytest.fixture(scope="module")
def rules(content):
    return program_rules.load(CONTENT / "program.yaml", content.exercises)


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def checks(pains, extents=None, start=0):
    """One check-in a day, the last one today: pains[-1] is today's."""
    extents = extents or [None] * len(pains)
    n = len(pains)
    return [Check(days_ago(start + n - 1 - i), "09:00", p, e) for i, (p, e) in enumerate(zip(pains, extents))]


def suggest(rules, stage=2, checkins=(), done=(), flags=()):
    return stages.suggest(Settings(stage, "disc"), list(checkins), list(done), list(flags), rules.engine, TODAY)


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
    default = program_rules.load(CONTENT / "program.yaml", content.exercises)
    assert suggest(default, 1, history).direction == "up"
    data = yaml.safe_load((CONTENT / "program.yaml").read_text())
    data["engine"]["move_up"]["max_average_leg_pain"] = 3
    changed = tmp_path / "program.yaml"
    changed.write_text(yaml.safe_dump(data))
    strict = program_rules.load(changed, content.exercises)
    s = suggest(strict, 1, history)
    assert s.direction == "stay" and "averages 3 or less" in s.text


# ---- starting stage ----

@pytest.mark.parametrize("weeks, pain, stage", [(3, 4, 1), (6, 4, 2), (12, 4, 2), (13, 4, 3), (20, 7, 1), (8, 6, 2)])
def test_starting_stage_from_duration_and_leg_pain(rules, weeks, pain, stage):
    p = stages.propose_start(days_ago(weeks * 7), TODAY, pain, "disc", rules.start)
    assert p.stage == stage and p.pattern == "disc"


def test_starting_stage_reasons_have_numbers(rules):
    p = stages.propose_start(days_ago(140), TODAY, 8, "stenosis", rules.start)
    assert p.stage == 1 and p.pattern == "stenosis"
    assert p.reasons[0] == ("This episode started 20 weeks ago (140 days). Over 12 weeks is usually called the "
                            "chronic stage, so we suggest stage 3.")
    assert "Your leg pain today is 8 out of 10. At 7 or more" in p.reasons[1]
    assert "stenosis type" in p.reasons[2]
    assert stages.propose_start(days_ago(3), TODAY, 2, "unsure", rules.start).pattern == "disc"


# ---- dose and caps ----

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


# ---- program.yaml ----

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
    with pytest.raises(program_rules.ProgramError) as error:
        program_rules.load(path, content.exercises)
    assert str(error.value).startswith(f"{path}: field '")
    return str(error.value)


def test_broken_program_yaml_names_the_field(tmp_path, content):
    def unknown(d): d["stages"][1]["plans"]["disc"]["morning"][0] = "handstand"
    def wrong_stage(d): d["stages"][1]["plans"]["disc"]["morning"].append("bird-dog")
    def wrong_pattern(d): d["stages"][2]["plans"]["stenosis"]["evening"].append("table-stretch")
    def practitioner(d): d["stages"][3]["plans"]["disc"]["evening"].append("advanced-nerve-traction")
    def over_cap(d): d["stages"][2]["plans"]["disc"]["morning"] += ["table-stretch", "table-stretch"]
    def weekly(d): d["stages"][3]["plans"]["disc"]["optional"][3] = "advanced-nerve-traction"
    def typo(d): d["engine"]["move_up"]["min_checkin"] = 5
    def bad_number(d): d["engine"]["move_down"]["leg_pain_rise"] = "two"
    def missing(d): del d["stages"][2]["purpose"]
    assert "stages.1.plans.disc.morning[0]' names an unknown exercise: 'handstand'" in _broken(tmp_path, content, unknown)
    assert "'bird-dog' is not for stage 1" in _broken(tmp_path, content, wrong_stage)
    assert "for the disc pattern, not stenosis" in _broken(tmp_path, content, wrong_pattern)
    assert "practitioner-only" in _broken(tmp_path, content, practitioner)
    assert "'table-stretch' 4 times in a day; its cap is 3" in _broken(tmp_path, content, over_cap)
    assert "7 times a week; its cap is 2" in _broken(tmp_path, content, weekly)
    assert "'engine.move_up.min_checkin' is not a known setting" in _broken(tmp_path, content, typo)
    assert "'engine.move_down.leg_pain_rise' must be a number" in _broken(tmp_path, content, bad_number)
    assert "'stages.2.purpose' is missing" in _broken(tmp_path, content, missing)


def test_engine_modules_import_no_flask():
    for name in ("stages.py", "program_rules.py", "dosing.py", "content.py"):
        tree = ast.parse((ROOT / "webapp" / name).read_text())
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert "flask" not in imported, name


# ---- the exercise loader ----

def _exercise_copy(tmp_path, slug="knees-rocking"):
    for ext in (".md", ".svg"):
        shutil.copy(CONTENT / "exercises" / f"{slug}{ext}", tmp_path / f"{slug}{ext}")
    return tmp_path / f"{slug}.md"


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("old, new, field", [
    ("stages: [1, 2]\n", "", "'stages' is missing"),
    ("pattern: both", "pattern: sideways", "'pattern' must be one of disc, stenosis, both"),
    ("  reps: 10\n", "  reps: null\n", "'dose' needs reps or minutes"),
])
def test_a_broken_exercise_names_the_file_and_field(tmp_path, old, new, field):
    path = _exercise_copy(tmp_path)
    _edit(path, old, new)
    with pytest.raises(ContentError) as error:
        load_exercise(path)
    assert str(error.value) == f"{path}: field {field}" or (str(path) in str(error.value) and field in str(error.value))


def test_a_missing_drawing_is_named(tmp_path):
    path = _exercise_copy(tmp_path)
    path.with_suffix(".svg").unlink()
    with pytest.raises(ContentError, match="knees-rocking.md: drawing knees-rocking.svg is missing"):
        load_exercise(path)


def test_a_drawing_with_a_script_is_refused(tmp_path):
    path = _exercise_copy(tmp_path)
    _edit(path.with_suffix(".svg"), "</svg>", "<script>alert(1)</script></svg>")
    with pytest.raises(ContentError, match=r"knees-rocking.svg: <script> uses a script"):
        load_exercise(path)
