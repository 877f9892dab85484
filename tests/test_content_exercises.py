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
