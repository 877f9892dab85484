"""Country placeholders in content ({{number}}, {{hospital}}, ...): filled for the person's country
when a page is drawn, and checked at start-up, so a typo stops the app naming the file and field."""
import shutil
from types import SimpleNamespace

import pytest
import yaml

from webapp import PROJECT_ROOT, create_app
from webapp.content import ContentError, placeholders
from webapp.content.articles import load_article
from webapp.content.exercises import load_exercise
from webapp.content.markdown import render_markdown
from webapp.safety import countries

CONTENT = PROJECT_ROOT / "content"
ARTICLE = {"title": "A test article", "summary": "A short summary.", "topics": ["safety"], "order": 1,
           "sources": [{"title": "NHS — Sciatica", "url": "https://www.nhs.uk/conditions/sciatica/"}]}


def write_article(root, body, **changes):
    path = root / "test-article.md"
    front = yaml.safe_dump({**ARTICLE, **changes}, sort_keys=False)
    path.write_text(f"---\n{front}last_reviewed: 2026-12-01\n---\n\n{body}", encoding="utf-8")
    return path


def exercise_copy(root, old, new, slug="positions-of-ease"):
    shutil.copy(CONTENT / "exercises" / f"{slug}.svg", root / f"{slug}.svg")
    text = (CONTENT / "exercises" / f"{slug}.md").read_text()
    assert old in text
    (root / f"{slug}.md").write_text(text.replace(old, new, 1))
    return root / f"{slug}.md"

LINE = "Numbness between your legs is an emergency: go to {{hospital}} or call {{number}} now."


def test_a_placeholder_becomes_a_span_filled_for_each_country():
    html, _headings, text = render_markdown(LINE + "\n")
    assert '<span data-c="hospital"></span> or call <span data-c="number"></span> now' in html
    assert "go to the emergency department or call the emergency number now" in text   # search, word counts
    us = placeholders.fill(html, countries.get("US"))
    assert ('go to <span data-c="hospital">the emergency room</span> or call '
            '<span data-c="number">911</span>') in us
    gb = placeholders.fill(html, countries.get("GB"))
    assert '<span data-c="hospital">A&amp;E</span>' in gb and '<span data-c="number">999</span>' in gb


def test_filled_words_are_escaped_and_plain_text_is_escaped_too():
    odd = SimpleNamespace(number="<b>1</b>", hospital="A&E")
    assert placeholders.fill(placeholders.line(LINE), odd).count("&lt;b&gt;1&lt;/b&gt;") == 1
    assert placeholders.fill("Tom & Jerry <3", odd) == "Tom &amp; Jerry &lt;3"
    assert placeholders.line("No numbers here.") == "No numbers here."       # left as it was


def test_a_placeholder_in_a_link_or_emphasis_works():
    html, _, _ = render_markdown("**Go to {{hospital}} now** or [call {{number}}](/emergency).\n")
    assert '<strong>Go to <span data-c="hospital"></span> now</strong>' in html
    assert '<a href="/emergency">call <span data-c="number"></span></a>' in html


@pytest.mark.parametrize("body, problem", [
    ("Go to {{hosptal}} now.\n", "unknown placeholder {{hosptal}}"),
    ("Call {{ 999 }} now.\n", "unknown placeholder {{999}}"),
    ("Call {number} now.\n", "stray brace"),
    ("Call {{number} now.\n", "stray brace"),
    ("Call {{number}}} now.\n", "stray brace"),
    ("## Call {{number}}\n\nText.\n", "in a heading"),
    ("{{hospital}} is where to go.\n", "starts a sentence"),
    ("Act fast. {{hospital}} is where to go.\n", "starts a sentence"),
    ("- {{hospital}} now\n", "starts a sentence"),
])
def test_a_bad_placeholder_in_an_article_names_the_file_and_the_field(tmp_path, body, problem):
    path = write_article(tmp_path, "## Heading\n\nSome words.\n\n" + body)
    with pytest.raises(ContentError) as error:
        load_article(path, set())
    message = str(error.value)
    assert message.startswith(f"{path}: field 'body' ") and problem in message and "(line " in message


@pytest.mark.parametrize("field", ["title", "summary"])
def test_titles_and_summaries_cannot_hold_a_placeholder(tmp_path, field):
    path = write_article(tmp_path, "## Heading\n\nWords.\n", **{field: "Call {{number}} now"})
    with pytest.raises(ContentError, match="cannot hold a placeholder") as error:
        load_article(path, set())
    assert f"{path}: field '{field}'" in str(error.value)


def test_a_typo_in_an_exercise_caution_names_the_file_and_the_field(tmp_path):
    path = exercise_copy(tmp_path, "contact your {{doctor}} today", "contact your {{docter}} today")
    with pytest.raises(ContentError) as error:
        load_exercise(path)
    assert str(error.value).startswith(
        f"{path}: field 'stop_rules[1]' has an unknown placeholder {{{{docter}}}}")


def test_a_placeholder_in_an_exercises_steps_is_refused(tmp_path):
    path = exercise_copy(tmp_path, "1. First, notice", "1. Call {{number}} if you need to. First, notice")
    with pytest.raises(ContentError, match="placeholder in its Steps"):
        load_exercise(path)


def test_a_typo_stops_the_app_at_start_up(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = content / "library" / "sex-and-sciatica.md"
    article.write_text(article.read_text().replace("{{number}}", "{{numbr}}", 1))
    with pytest.raises(ContentError) as error:
        create_app({"TESTING": True, "SECRET_KEY": "x", "CONTENT_DIR": str(content),
                    "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert f"{article}: field 'body' has an unknown placeholder {{{{numbr}}}}" in str(error.value)


def test_the_content_uses_placeholders_and_names_no_number_or_service():
    """Every emergency and urgent instruction comes from the person's country."""
    files = sorted(CONTENT.glob("*/*.md"))
    uses = sum(f.read_text().count("{{") for f in files)
    assert uses >= 60
    for path in files:
        text = path.read_text()
        for words in ("A&E", "999", "911", "NHS 111", "Samaritans", "116 123", "urgent care",
                      "emergency room"):
            assert words not in text, (path.name, words)
