"""Library articles (content/library/*.md): read and checked once. No Flask here."""
import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..translatable import N_
from .fields import read_front_matter, slug_of
from .markdown import count_words, reading_minutes, render_markdown
from .placeholders import check

TOPICS = {
    "understanding": N_("Understanding sciatica"),
    "safety": N_("Safety and red flags"),
    "recovery": N_("Recovery and what to expect"),
    "exercise": N_("Exercise and movement"),
    "daily-life": N_("Daily life"),
    "treatments": N_("Treatments and care"),
}


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
    lang: str = "en"          # the language of the words (content/es/ for "es": translations.py)


def load_article(path, exercise_slugs):
    f, body = read_front_matter(path)
    slug = slug_of(path)
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
    check(body, f"{path}: field 'body'")
    html, headings, text = render_markdown(body)
    words = count_words(text)
    return Article(
        slug=slug, title=f.text("title", 70), summary=f.text("summary", 200), topics=tuple(topics),
        order=f.get("order", int), related_exercises=related, sources=f.sources(),
        last_reviewed=reviewed, html=html, toc=tuple(h for h in headings if h.level == 2),
        words=words, reading_minutes=reading_minutes(words), text=text)
