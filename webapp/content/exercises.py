"""Exercise files (content/exercises/*.md + a drawing .svg): read and checked once. No Flask here."""
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

from .fields import ContentError, read_front_matter, slug_of
from .markdown import render_markdown
from .placeholders import check, line
from .plans import PATTERNS, STAGES

# An exercise may suit one pattern or both; a person's plan is always one pattern.
EXERCISE_PATTERNS = PATTERNS + ("both",)
KINDS = ("slider", "tensioner", "stretch", "mobility", "strength", "aerobic", "position-of-ease")
# The position it is done in ("varied": its steps offer a choice, e.g. on your side or sitting).
# Pregnancy leaves "front" off at any stage and "back" after the first 3 months (program.yaml).
POSITIONS = ("back", "front", "side", "sitting", "standing", "hands-knees", "water", "varied")
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_FORBIDDEN = ("script", "style", "foreignObject", "image", "use", "a")


@dataclass(frozen=True)
class Dose:
    reps: int | None
    sets: int | None
    hold_seconds: int | None
    seconds_per_cycle: int | None
    minutes: float | None


@dataclass(frozen=True)
class Caps:
    per_day: int | None
    per_week: int | None
    rest_days: int | None = None    # days to leave between two days it is done (1: never two in a row)


@dataclass(frozen=True)
class Exercise:
    slug: str
    title: str
    summary: str
    stages: tuple
    pattern: str
    kind: str
    position: str
    dose: Dose
    caps: Caps
    practitioner_only: bool
    cautions: tuple
    stop_rules: tuple
    sources: tuple
    steps: tuple
    html: Markup
    drawing: Markup
    lang: str = "en"          # the language of the words (content/es/ for "es": translations.py)

    def suits(self, stage, pattern):
        return stage in self.stages and (self.pattern == "both" or pattern in (self.pattern, None))


def _steps(path, body):
    match = re.search(r"^## Steps\s*\n+((?:\d+\.\s.*\n?)+)", body, re.MULTILINE)
    if not match:
        raise ContentError(f"{path}: body must have a '## Steps' heading followed by a numbered list")
    steps = tuple(re.sub(r"^\d+\.\s+", "", step).strip() for step in match.group(1).strip().splitlines())
    if any("{{" in step for step in steps):
        raise ContentError(f"{path}: field 'body' has a placeholder in its Steps; keep the numbers "
                           "for cautions, stop_rules and the text below the steps")
    return steps


def _texts(f, field, required=True):
    """A list field whose lines may hold placeholders (placeholders.py), each checked."""
    return tuple(line(text, f"{f.path}: field '{field}[{i}]'")
                 for i, text in enumerate(f.texts(field, required)))


def _drawing(md_path):
    path = md_path.with_suffix(".svg")
    if not path.exists():
        raise ContentError(f"{md_path}: drawing {path.name} is missing")
    text = path.read_text(encoding="utf-8")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ContentError(f"{path}: not valid SVG ({error})") from error
    first = next(iter(root), None)
    if root.tag != f"{SVG_NS}svg" or root.get("role") != "img" or first is None \
            or first.tag != f"{SVG_NS}title" or not (first.text or "").strip():
        raise ContentError(f"{path}: must be <svg role=\"img\"> with a <title> as its first child")
    for element in root.iter():
        name = element.tag.replace(SVG_NS, "")
        if name in SVG_FORBIDDEN or "style" in element.attrib or "id" in element.attrib \
                or any(k.startswith("on") for k in element.attrib):
            raise ContentError(f"{path}: <{name}> uses a script, style, id or link, which is not allowed")
    _check_figure(path, root, first.text)
    return Markup(text.strip())


def _classes(element):
    return set((element.get("class") or "").split())


def _check_figure(path, root, title):
    """The parts static/css/app.css animates (and shows side by side with reduced motion)."""
    def within(cls, scope=root):
        return [e for e in scope.iter() if cls in _classes(e)]
    start, end = within("fig-start"), within("fig-end")
    missing = [what for what, ok in (
        ('class="exercise-figure"', "exercise-figure" in _classes(root)),
        ("a fig-start group with a fig-pose and an arrow (fig-arrow)",
         start and within("fig-pose", start[0]) and within("fig-arrow", start[0])),
        ("a fig-end group with a fig-pose", end and within("fig-pose", end[0])),
        ("the moving part marked fig-move", within("fig-move")),
        ('a fig-tween group hidden with display="none"',
         any(e.get("display") == "none" for e in within("fig-tween"))),
        ("a title that says what the start and the end are", "Start" in title and "End" in title),
    ) if not ok]
    if missing:
        raise ContentError(f"{path}: the drawing needs " + "; ".join(missing))


def load_exercise(path):
    f, body = read_front_matter(path)
    slug = slug_of(path)
    stages = f.get("stages", list)
    if not stages or any(s not in STAGES for s in stages):
        f.fail("stages", "must be a non-empty list of 1, 2 or 3")
    for section in ("dose", "caps"):
        if not isinstance(f.meta.get(section), dict):
            f.fail(section, "must be a mapping")
    dose = Dose(f.positive("dose", "reps"), f.positive("dose", "sets"), f.positive("dose", "hold_seconds"),
                f.positive("dose", "seconds_per_cycle"), f.positive("dose", "minutes", float))
    if dose.reps is None and dose.minutes is None:
        f.fail("dose", "needs reps or minutes")
    practitioner_only = f.get("practitioner_only", bool, required=False) or False
    stop_rules = _texts(f, "stop_rules")
    if not stop_rules:
        f.fail("stop_rules", "needs at least one stop rule")
    check(body, f"{path}: field 'body'")
    html, _, _ = render_markdown(body)
    return Exercise(
        slug=slug, title=f.text("title", 60), summary=f.text("summary", 160),
        stages=tuple(sorted(stages)), pattern=f.choice("pattern", EXERCISE_PATTERNS),
        kind=f.choice("kind", KINDS), position=f.choice("position", POSITIONS), dose=dose,
        caps=Caps(f.positive("caps", "per_day"), f.positive("caps", "per_week"),
                  f.positive("caps", "rest_days")),
        practitioner_only=practitioner_only, cautions=_texts(f, "cautions", required=False),
        stop_rules=stop_rules, sources=f.sources(), steps=_steps(path, body), html=html,
        drawing=_drawing(path))
