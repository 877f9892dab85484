"""Content files: every one validates, bad ones are refused by name, and none copies a seed."""
import re
from pathlib import Path

import pytest
import yaml

from webapp import PROJECT_ROOT
from webapp.content import Content, ContentError
from webapp.content.articles import load_article
from webapp.content.markdown import count_words, reading_minutes

CONTENT = PROJECT_ROOT / "content"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SHINGLE = 12
EXERCISE = "knees-rocking"

ARTICLE = {
    "title": "A test article",
    "summary": "A short summary of the test article.",
    "topics": ["understanding"],
    "order": 1,
    "related_exercises": [EXERCISE],
    "sources": [{"title": "NHS — Sciatica", "url": "https://www.nhs.uk/conditions/sciatica/"}],
    "last_reviewed": "2026-11-21",
}


def write_article(root, body="## First heading\n\nSome words.\n", slug="test-article", **changes):
    """A library folder with one article built from ARTICLE plus changes."""
    (root / "library").mkdir(exist_ok=True)
    meta = {k: v for k, v in {**ARTICLE, **changes}.items() if v is not None}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    # An unquoted ISO date, so YAML reads it as a date the way authors write it.
    front = front.replace("'2026-11-21'", "2026-11-21")
    path = root / "library" / f"{slug}.md"
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def load_library(root):
    """The articles written by write_article, read by the article loader alone."""
    return {p.stem: load_article(p, {EXERCISE}) for p in sorted((root / "library").glob("*.md"))}


def test_every_content_file_validates():
    content = Content(CONTENT)
    assert set(content.articles) == {p.stem for p in (CONTENT / "library").glob("*.md")}
    assert set(content.exercises) == {p.stem for p in (CONTENT / "exercises").glob("*.md")}
    assert len(content.articles) >= 17 and len(content.exercises) >= 18
    for article in content.articles.values():
        assert 2 <= article.reading_minutes <= 5, article.slug  # short articles, as promised


@pytest.mark.parametrize("words, minutes", [(0, 1), (1, 1), (200, 1), (201, 2), (450, 3), (1000, 5)])
def test_reading_minutes_round_up_at_200_words_a_minute(words, minutes):
    assert reading_minutes(words) == minutes


def test_reading_minutes_are_computed_from_the_text(tmp_path):
    write_article(tmp_path, body="## Heading\n\n" + "word " * 449 + "\n")
    article = load_library(tmp_path)["test-article"]
    assert article.words == 450 == count_words(article.text)
    assert article.reading_minutes == 3


def test_typed_reading_minutes_are_refused(tmp_path):
    path = write_article(tmp_path, reading_minutes=2)
    with pytest.raises(ContentError, match="reading_minutes") as error:
        load_library(tmp_path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("field", ["title", "summary", "topics", "sources", "last_reviewed", "order"])
def test_a_missing_field_names_the_file_and_the_field(tmp_path, field):
    path = write_article(tmp_path, **{field: None})
    with pytest.raises(ContentError) as error:
        load_library(tmp_path)
    message = str(error.value)
    assert str(path) in message and f"'{field}'" in message


def test_a_broken_related_exercise_is_named(tmp_path):
    path = write_article(tmp_path, related_exercises=[EXERCISE, "no-such-exercise"])
    with pytest.raises(ContentError, match="no-such-exercise") as error:
        load_library(tmp_path)
    assert str(path) in str(error.value) and "related_exercises" in str(error.value)


@pytest.mark.parametrize("raw", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">'])
def test_raw_html_in_markdown_is_escaped(tmp_path, raw):
    write_article(tmp_path, body=f"## Heading\n\nBefore {raw} after.\n\n{raw}\n")
    html = str(load_library(tmp_path)["test-article"].html)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_headings_get_anchors_and_a_table_of_contents(tmp_path):
    body = "## What it is\n\nText.\n\n### A detail\n\nMore.\n\n## When to get help\n\nText.\n"
    write_article(tmp_path, body=body)
    article = load_library(tmp_path)["test-article"]
    assert '<h2 id="what-it-is">' in article.html and '<h3 id="a-detail">' in article.html
    assert [(h.anchor, h.text) for h in article.toc] == [
        ("what-it-is", "What it is"), ("when-to-get-help", "When to get help")]


# ---- Our own words: no run of 12 words shared with any seed document ----

def words_of(text):
    """Lowercased words with punctuation stripped (apostrophes too: don't -> dont)."""
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))


def shingles(words):
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_the_shingle_check_catches_a_copied_run():
    seed = shingles(words_of("Nerve roots can get hung up at an area called the foramina, where they pass."))
    copied = words_of("Roots can get HUNG up at an area called the foramina — where they pass, it says.")
    assert shingles(copied) & seed
    assert not shingles(words_of("Roots can get hung up at an area we call the foramina.")) & seed


def test_no_content_file_repeats_twelve_words_from_a_seed():
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}: originality not checked")
    seed_shingles = set()
    for seed in sorted(p for p in SEEDS.iterdir() if p.is_file()):
        seed_shingles |= shingles(words_of(seed.read_text(encoding="utf-8", errors="replace")))
    assert seed_shingles, f"no readable seed text in {SEEDS}"
    copied = []
    for path in sorted(CONTENT.rglob("*.md")):  # the Spanish under content/es/ too
        shared = shingles(words_of(path.read_text(encoding="utf-8"))) & seed_shingles
        copied += [f"{path.relative_to(CONTENT)}: “{' '.join(run)}”" for run in sorted(shared)[:3]]
    assert not copied, "text copied from a seed document:\n" + "\n".join(copied)
