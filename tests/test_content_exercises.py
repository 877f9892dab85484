"""The exercise loader: a broken exercise file or drawing names the file and the field."""
import re
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


# ---- drawings people can follow (issue 23, item 5) ----

DRAWING_BUDGET = 4800      # bytes of SVG per exercise, inline in its page (aim: about 4 KB)
LOOPING = {"forward-lean-walking", "graded-walking", "stationary-cycling"}    # go on, never back


def _drawing_parts(svg):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"

    def having(cls, scope=root):
        return [e for e in scope.iter() if cls in (e.get("class") or "").split()]
    return root, ns, having


def test_every_drawing_has_a_start_an_end_and_the_moving_part_marked(content):
    assert len(content.exercises) >= 19
    for slug, exercise in content.exercises.items():
        svg = str(exercise.drawing)
        root, ns, having = _drawing_parts(svg)
        title = root.find(f"{ns}title").text
        assert "Start" in title and "End" in title, slug
        assert "exercise-figure" in root.get("class"), slug
        (start,), (end,) = having("fig-start"), having("fig-end")
        assert having("fig-pose", start) and having("fig-pose", end), slug
        assert having("fig-arrow", start), slug               # which way it moves, on the start pose
        assert having("fig-move"), slug                       # the moving part in the accent colour
        assert [t.text for t in root.iter(f"{ns}text")] == ["Start", "End"], slug
        tween = having("fig-tween")
        assert tween and tween[0].get("display") == "none", slug  # only the stylesheet shows it
        assert len(svg.encode()) <= DRAWING_BUDGET, (slug, len(svg.encode()))
        assert "<image" not in svg and "href" not in svg, slug
        # Walking and pedalling loop forward (four poses); the rest go to the end and back (three).
        assert ("fig-loop" in root.get("class")) == (slug in LOOPING), slug
        assert len(having("fig-pose", tween[0])) == (2 if slug in LOOPING else 1), slug
    sizes = [len(str(e.drawing).encode()) for e in content.exercises.values()]
    assert sum(sizes) / len(sizes) < 4200


@pytest.mark.parametrize("old, new, needs", [
    ('class="fig-end"', 'class="fig-last"', "a fig-end group"),
    ('fig-arrow', 'fig-line', "an arrow (fig-arrow)"),
    ("End:", "Then:", "a title that says what the start and the end are"),
])
def test_a_drawing_without_its_end_arrow_or_plain_title_is_refused(tmp_path, old, new, needs):
    path = _exercise_copy(tmp_path)
    drawing = path.with_suffix(".svg")
    drawing.write_text(drawing.read_text().replace(old, new))
    with pytest.raises(ContentError, match=re.escape(needs)):
        load_exercise(path)


def test_a_drawing_with_no_moving_part_marked_is_refused(tmp_path):
    path = _exercise_copy(tmp_path)
    drawing = path.with_suffix(".svg")
    drawing.write_text(drawing.read_text().replace(" fig-move", "").replace("fig-move", "fig-still"))
    with pytest.raises(ContentError, match="the moving part marked fig-move"):
        load_exercise(path)


def test_the_drawings_are_the_ones_the_script_draws():
    """scripts/draw_exercises.py is where a drawing is changed; the SVG files are its output."""
    import sys
    sys.path.insert(0, str(CONTENT.parent / "scripts"))
    try:
        from drawings import lying, upright
    finally:
        sys.path.remove(str(CONTENT.parent / "scripts"))
    scenes = {**lying.SCENES, **upright.SCENES}
    files = sorted(p.stem for p in (CONTENT / "exercises").glob("*.svg"))
    assert sorted(scenes) == files
    for slug, draw in scenes.items():
        assert draw() == (CONTENT / "exercises" / f"{slug}.svg").read_text(encoding="utf-8"), slug
