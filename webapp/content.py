"""Content: Markdown with YAML front matter, validated and rendered once at start-up. No Flask here.

A bad file stops the app with a ContentError that names the file and the field.
"""
import datetime as dt
import functools
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin

STAGES = (1, 2, 3)
PATTERNS = ("disc", "stenosis", "both")
KINDS = ("slider", "tensioner", "stretch", "mobility", "strength", "aerobic", "position-of-ease")
TOPICS = {
    "understanding": "Understanding sciatica",
    "safety": "Safety and red flags",
    "recovery": "Recovery and what to expect",
    "exercise": "Exercise and movement",
    "daily-life": "Daily life",
    "treatments": "Treatments and care",
}
WORDS_PER_MINUTE = 200
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_FORBIDDEN = ("script", "style", "foreignObject", "image", "use", "a")

# Our own Markdown, but raw HTML is still escaped, never passed through.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(
    anchors_plugin, min_level=2, max_level=3, permalink=False)


class ContentError(ValueError):
    """A content file is missing a field or has a wrong one."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


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


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Exercise:
    slug: str
    title: str
    summary: str
    stages: tuple
    pattern: str
    kind: str
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


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    topics: tuple
    order: int
    related_exercises: tuple
    sources: tuple
    last_reviewed: dt.date
    html: Markup
    toc: tuple
    words: int
    reading_minutes: int
    text: str


class _Fields:
    """Reads typed fields from front matter, naming the file and field in every error."""

    def __init__(self, path, meta):
        self.path, self.meta = path, meta

    def fail(self, field, problem):
        raise ContentError(f"{self.path}: field '{field}' {problem}")

    def get(self, field, kind, required=True):
        if field not in self.meta or self.meta[field] is None:
            if required:
                self.fail(field, "is missing")
            return None
        value = self.meta[field]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(field, f"must be a whole number, not {value!r}")
        if kind is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
            self.fail(field, f"must be a number, not {value!r}")
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.fail(field, "must be non-empty text")
        if kind in (list, dict, bool) and not isinstance(value, kind):
            self.fail(field, f"must be a {kind.__name__}")
        return value.strip() if kind is str else value

    def text(self, field, max_len):
        value = self.get(field, str)
        if len(value) > max_len:
            self.fail(field, f"is longer than {max_len} characters")
        return value

    def texts(self, field, required=True):
        values = self.get(field, list, required) or []
        if any(not isinstance(v, str) or not v.strip() for v in values):
            self.fail(field, "must be a list of non-empty text")
        return tuple(v.strip() for v in values)

    def choice(self, field, allowed):
        value = self.meta.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(map(str, allowed))}, not {value!r}")
        return value

    def sources(self):
        items = self.get("sources", list)
        if not items:
            self.fail("sources", "needs at least one source")
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("title"), str) \
                    or not str(item.get("url", "")).startswith(("https://", "http://")):
                self.fail("sources", "must be a list of {title, url} with an http(s) url")
            out.append(Source(item["title"].strip(), item["url"].strip()))
        return tuple(out)

    def positive(self, section, name, kind=int):
        value = (self.meta.get(section) or {}).get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int) \
                or value <= 0:
            self.fail(f"{section}.{name}", f"must be a positive {'number' if kind is float else 'whole number'} or null")
        return value


def _read(path):
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        raise ContentError(f"{path}: front matter cannot be read ({error})") from error
    if not post.metadata:
        raise ContentError(f"{path}: front matter is missing")
    slug = path.stem
    if not SLUG.match(slug):
        raise ContentError(f"{path}: file name must be a lowercase slug like 'knees-rocking'")
    return slug, _Fields(path, post.metadata), post.content


def render_markdown(text):
    """Markdown to HTML with raw HTML escaped; returns the HTML, its headings and plain text."""
    tokens = _markdown.parse(text)
    headings, plain = [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(Heading(int(token.tag[1]), token.attrGet("id") or "", tokens[i + 1].content))
        if token.type == "inline":
            plain.append("".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                                 for c in token.children or ()
                                 if c.type in ("text", "code_inline", "softbreak", "hardbreak")))
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return Markup(html), tuple(headings), "\n".join(plain)


def count_words(text):
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def reading_minutes(words):
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _steps(path, body):
    match = re.search(r"^## Steps\s*\n+((?:\d+\.\s.*\n?)+)", body, re.M)
    if not match:
        raise ContentError(f"{path}: body must have a '## Steps' heading followed by a numbered list")
    return tuple(re.sub(r"^\d+\.\s+", "", line).strip()
                 for line in match.group(1).strip().splitlines())


def _drawing(md_path, title):
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
    slug, f, body = _read(path)
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
    title = f.text("title", 60)
    html, _, _ = render_markdown(body)
    return Exercise(
        slug=slug, title=title, summary=f.text("summary", 160), stages=tuple(sorted(stages)),
        pattern=f.choice("pattern", PATTERNS), kind=f.choice("kind", KINDS), dose=dose,
        caps=Caps(f.positive("caps", "per_day"), f.positive("caps", "per_week")),
        practitioner_only=practitioner_only, cautions=f.texts("cautions", required=False),
        stop_rules=stop_rules, sources=f.sources(), steps=_steps(path, body), html=html,
        drawing=_drawing(path, title))


def load_article(path, exercise_slugs):
    slug, f, body = _read(path)
    topics = f.get("topics", list)
    if not topics or any(t not in TOPICS for t in topics):
        f.fail("topics", f"must be a non-empty list from: {', '.join(TOPICS)}")
    related = f.texts("related_exercises", required=False)
    unknown = [s for s in related if s not in exercise_slugs]
    if unknown:
        f.fail("related_exercises", f"names exercises that do not exist: {', '.join(unknown)}")
    if "reading_minutes" in f.meta:
        f.fail("reading_minutes", "is computed from the text; remove it")
    reviewed = f.meta.get("last_reviewed")
    if not isinstance(reviewed, dt.date):
        f.fail("last_reviewed", "must be a date like 2026-11-21")
    html, headings, text = render_markdown(body)
    words = count_words(text)
    return Article(
        slug=slug, title=f.text("title", 70), summary=f.text("summary", 200), topics=tuple(topics),
        order=f.get("order", int), related_exercises=related, sources=f.sources(),
        last_reviewed=reviewed, html=html, toc=tuple(h for h in headings if h.level == 2),
        words=words, reading_minutes=reading_minutes(words), text=text)


class Content:
    """Everything under content/, loaded once: exercises and library articles."""

    def __init__(self, root):
        root = Path(root)
        self.exercises = {p.stem: load_exercise(p) for p in sorted((root / "exercises").glob("*.md"))}
        articles = [load_article(p, self.exercises) for p in sorted((root / "library").glob("*.md"))]
        orders = [a.order for a in articles]
        if len(set(orders)) != len(orders):
            raise ContentError(f"{root / 'library'}: field 'order' must be unique across articles")
        self.articles = {a.slug: a for a in sorted(articles, key=lambda a: a.order)}

    def articles_for_exercise(self, slug):
        """Articles that explain an exercise (the other direction of related_exercises)."""
        return [a for a in self.articles.values() if slug in a.related_exercises]

    def next_article(self, slug):
        slugs = list(self.articles)
        i = slugs.index(slug)
        return self.articles[slugs[i + 1]] if i + 1 < len(slugs) else None


def fingerprint(root):
    """Names, sizes and modification times of every content file: changes when any file does."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(Path(root).rglob("*")) if p.is_file())


@functools.lru_cache(maxsize=4)
def _load(root, _fingerprint):
    return Content(root)


def load(root):
    """The content under `root`, parsed once per version of its files (app factories and tests
    create many apps; the files are read-only while the app runs)."""
    return _load(str(root), fingerprint(root))


def init_app(app):
    app.extensions["content"] = load(app.config["CONTENT_DIR"])
