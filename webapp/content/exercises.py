"""Exercise files (content/exercises/*.md + a drawing .svg): read and checked once. No Flask here."""
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

from .fields import ContentError, read_front_matter, slug_of
from .markdown import render_markdown
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

    def suits(self, stage, pattern):
        return stage in self.stages and (self.pattern == "both" or pattern in (self.pattern, None))


def _steps(path, body):
    match = re.search(r"^## Steps\s*\n+((?:\d+\.\s.*\n?)+)", body, re.M)
    if not match:
        raise ContentError(f"{path}: body must have a '## Steps' heading followed by a numbered list")
    return tuple(re.sub(r"^\d+\.\s+", "", line).strip()
                 for line in match.group(1).strip().splitlines())


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
    return Markup(text.strip())


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
    stop_rules = f.texts("stop_rules")
    if not stop_rules:
        f.fail("stop_rules", "needs at least one stop rule")
    html, _, _ = render_markdown(body)
    return Exercise(
        slug=slug, title=f.text("title", 60), summary=f.text("summary", 160),
        stages=tuple(sorted(stages)), pattern=f.choice("pattern", EXERCISE_PATTERNS),
        kind=f.choice("kind", KINDS), position=f.choice("position", POSITIONS), dose=dose,
        caps=Caps(f.positive("caps", "per_day"), f.positive("caps", "per_week"),
                  f.positive("caps", "rest_days")),
        practitioner_only=practitioner_only, cautions=f.texts("cautions", required=False),
        stop_rules=stop_rules, sources=f.sources(), steps=_steps(path, body), html=html,
        drawing=_drawing(path))
