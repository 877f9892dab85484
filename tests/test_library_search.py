"""The library search index on its own: matching, ranking, snippets and safe highlighting."""
import datetime as dt

import pytest

from webapp import PROJECT_ROOT
from webapp.content import Content
from webapp.content.articles import Article
from webapp.library.search import MAX_QUERY, SearchIndex, _pattern, clean_query, highlight, query_words


def make(slug, title, summary, text, order):
    return Article(slug=slug, title=title, summary=summary, topics=("understanding",), order=order,
                   related_exercises=(), sources=(), last_reviewed=dt.date(2026, 11, 21), html="",
                   toc=(), words=0, reading_minutes=1, text=text)


@pytest.fixture(scope="module")
def index():
    return SearchIndex([
        make("body", "Sleeping well", "Rest at night.", "Sitting for long spells hurts.\nWalking helps.", 1),
        make("summary", "Daily life", "Sitting and standing at work.", "Breaks help.", 2),
        make("title", "Sitting without pain", "A guide.", "Chairs, cushions and breaks.", 3),
        make("quotes", "Words", "Odd text.", "Don’t panic: 5 < 6 & R&D.", 4),
    ])


def slugs(hits):
    return [h.article.slug for h in hits]


def test_title_outranks_summary_outranks_body(index):
    assert slugs(index.search("sitting")) == ["title", "summary", "body"]


def test_every_word_must_match_anywhere_in_the_article(index):
    assert slugs(index.search("sitting walking")) == ["body"]
    assert slugs(index.search("SITTING breaks")) == ["title", "summary"]
    assert index.search("sitting unicorn") == []


def test_matching_is_case_insensitive_and_finds_word_starts(index):
    assert slugs(index.search("SIT")) == slugs(index.search("sitting"))


def test_either_apostrophe_matches(index):
    assert slugs(index.search("don't")) == ["quotes"]


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "'", '"', ".*", "()", "<>", "%_%"])
def test_punctuation_only_or_empty_queries_find_nothing(index, query):
    assert index.search(query) == []


# Each would match an article if it were read as a regular expression.
@pytest.mark.parametrize("query", ["[", "s.tting", "walk|sit", "s[aeiou]t", "sit{1}ing", "\\w+ing",
                                   "café", "神経", "&amp;"])
def test_regex_characters_and_unicode_are_plain_text(index, query):
    assert index.search(query) == []


def test_highlight_escapes_everything_and_wraps_matches_in_mark(index):
    [hit] = index.search("R&D")
    assert str(hit.snippet) == "Don’t panic: 5 &lt; 6 &amp; <mark>R&amp;D</mark>."
    assert str(highlight("<b>amp</b> &", [_pattern("amp")])) == "&lt;b&gt;<mark>amp</mark>&lt;/b&gt; &amp;"
    assert str(highlight("<script>", [_pattern("<script>")])) == "<mark>&lt;script&gt;</mark>"


def test_overlapping_matches_merge_into_one_mark():
    assert str(highlight("sitting", [_pattern("sit"), _pattern("itt")])) == "<mark>sitt</mark>ing"


def test_snippet_sits_around_the_first_body_match_with_ellipses():
    article = make("long", "Long", "Long.", " ".join(f"w{i}" for i in range(200)) + " target " +
                   " ".join(f"x{i}" for i in range(200)), 1)
    [hit] = SearchIndex([article]).search("target")
    snippet = str(hit.snippet)
    assert snippet.startswith("… ") and snippet.endswith(" …") and "<mark>target</mark>" in snippet
    assert len(snippet) < 250


def test_lines_do_not_run_together_in_snippets(index):
    [hit] = index.search("walking")
    assert "hurts. <mark>Walking</mark>" in str(hit.snippet)


def test_no_snippet_when_only_the_title_matches(index):
    [hit] = index.search("without")
    assert hit.snippet is None and "<mark>without</mark>" in hit.title


def test_queries_are_trimmed_and_tidied():
    assert clean_query("x" * 500) == "x" * MAX_QUERY
    assert clean_query("  nerve \n  slider ") == "nerve slider"
    assert clean_query(None) == ""
    assert query_words('"Sitting" sitting (walking), don\'t') == ["Sitting", "walking", "don't"]


def test_real_articles_rank_a_title_hit_first():
    content = Content(PROJECT_ROOT / "content")
    hits = SearchIndex(content.articles.values()).search("stenosis")
    assert hits[0].article.slug == "spinal-stenosis" and len(hits) > 1


@pytest.mark.parametrize("query, slug", [
    ("pregabalin", "medicines-for-sciatica"),
    ("pillow", "sleeping-with-sciatica"),
    ("fit note", "work-sitting-and-driving"),
    ("epidural", "injections-and-surgery"),
    ("pregnant", "sciatica-in-pregnancy"),
    ("foam roller", "heat-ice-and-foam-rollers"),
    ("dermatome", "words-you-may-hear"),
])
def test_real_articles_are_found_by_everyday_words(query, slug):
    content = Content(PROJECT_ROOT / "content")
    hits = SearchIndex(content.articles.values()).search(query)
    assert hits and hits[0].article.slug == slug, [h.article.slug for h in hits]


def test_every_real_article_is_found_first_by_its_own_title():
    content = Content(PROJECT_ROOT / "content")
    index = SearchIndex(content.articles.values())
    missed = [a.slug for a in content.articles.values()
              if [h.article.slug for h in index.search(a.title)][:1] != [a.slug]]
    assert missed == []


def test_the_centralisation_article_is_found_by_the_new_answer():
    content = Content(PROJECT_ROOT / "content")
    hits = SearchIndex(content.articles.values()).search("moved up")
    assert [h.article.slug for h in hits] == ["centralisation-and-peripheralisation"]
