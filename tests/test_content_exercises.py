"""The exercise loader: a broken exercise file or drawing names the file and the field."""
import shutil
from pathlib import Path

import pytest

from webapp.content.exercises import load_exercise
from webapp.content.fields import ContentError

CONTENT = Path(__file__).resolve().parent.parent / "content"



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


def test_a_bad_rest_days_cap_is_named(tmp_path):
    path = _exercise_copy(tmp_path)
    _edit(path, "  per_week: null\n", "  per_week: null\n  rest_days: 0\n")
    with pytest.raises(ContentError, match="'caps.rest_days' must be a positive whole number or null"):
        load_exercise(path)


# ---- program content, second edition (issue 14) ----

def test_the_extension_option_is_a_full_exercise_file(content):
    front = content.exercises["lying-on-your-front"]
    assert (front.stages, front.pattern, front.kind) == ((1, 2, 3), "disc", "position-of-ease")
    assert front.dose.minutes and front.caps.per_day and front.cautions and front.stop_rules
    assert front.steps[1].startswith("Lie on your front") and "onto your elbows" in front.steps[4]
    assert "only if your leg eased or the pain moved up" in front.steps[-1]
    assert any("Delitto" in s.title and s.url == "https://doi.org/10.2519/jospt.2012.42.4.A1" for s in front.sources)
    drawing = str(front.drawing)
    assert drawing.startswith("<svg") and 'role="img"' in drawing and "<title>" in drawing
    assert "<script" not in drawing and "<style" not in drawing and " id=" not in drawing
    assert any("pregnant" in c for c in front.cautions)


def test_positions_of_ease_and_the_lying_slider_are_for_every_stage(content):
    assert content.exercises["positions-of-ease"].stages == (1, 2, 3)
    assert content.exercises["lying-nerve-slider"].stages == (1, 2, 3)
    assert content.exercises["forward-lean-walking"].stages == (1, 2, 3)


def test_the_advanced_tensioner_starts_with_knees_bent_and_rests_a_day_between(content):
    tensioner = content.exercises["advanced-nerve-traction"]
    assert (tensioner.caps.per_day, tensioner.caps.per_week, tensioner.caps.rest_days) == (1, 2, 1)
    assert "hips and knees are both bent" in tensioner.steps[0]
    assert tensioner.steps[3].startswith("Slowly straighten only your sore leg")
    assert "Start with both knees bent, and straighten only your sore leg." in tensioner.cautions[2]
    assert "never on two days in a row" in tensioner.cautions[1]
    assert "only the sore leg straightened" in str(tensioner.drawing)


def test_the_buttock_stretch_and_swimming_say_what_the_issue_asked(content):
    buttock = content.exercises["buttock-stretch"]
    text = " ".join(buttock.cautions) + str(buttock.html)
    assert "opposite shoulder also puts some tension on the sciatic nerve" in text
    swimming = content.exercises["swimming"]
    assert any("swim on your back with a float, or walk in the water" in c for c in swimming.cautions)
    assert "Strokes that arch your back" in " ".join(swimming.cautions)
