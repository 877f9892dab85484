"""The library through the test client: index, topics, articles, search and the offline list."""
import json
import re
import shutil

import pytest
from markupsafe import escape

from webapp import PROJECT_ROOT, create_app
from webapp.content.articles import TOPICS


@pytest.fixture
def content(app):
    return app.extensions["content"]


def text(response):
    return response.get_data(as_text=True)


def article_links(page, content):
    return [s for s in re.findall(r'href="/library/([a-z0-9-]+)"', page) if s in content.articles]


def test_index_lists_every_article_once_with_reading_time(client, content):
    page = text(client.get("/library/"))
    assert sorted(article_links(page, content)) == sorted(content.articles)
    assert page.count("min read") == len(content.articles)
    for article in content.articles.values():
        assert escape(article.title) in page
        assert escape(article.summary) in page
        assert f"{article.reading_minutes} min read" in page
    for slug, label in TOPICS.items():
        assert label in page and f'href="/library/topic/{slug}"' in page


def test_index_has_a_labelled_search_form_that_works_without_javascript(client):
    page = text(client.get("/library/"))
    form = re.search(r'<form[^>]*action="/library/search"[^>]*>', page).group(0)
    assert 'method="get"' in form
    assert '<label for="library-q">' in page
    field = re.search(r'<input type="search" id="library-q"[^>]*>', page, re.DOTALL).group(0)
    assert 'name="q"' in field and 'hx-get="/library/search"' in field
    assert 'hx-trigger="input changed delay:300ms, search"' in field
    assert 'hx-target="#search-results"' in field
    assert '<div id="search-results"' in page


@pytest.mark.parametrize("url", ["/library/topic/exercise", "/library/?topic=exercise"])
def test_topic_filter_shows_only_that_topic(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    expected = [s for s, a in content.articles.items() if "exercise" in a.topics]
    assert article_links(text(response), content) == expected
    assert 'aria-current="page">Exercise and movement' in text(response)


@pytest.mark.parametrize("url", ["/library/topic/astrology", "/library/?topic=astrology",
                                 "/library/topic/%3Cscript%3E"])
def test_unknown_topic_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_every_article_page_has_its_parts(client, content):
    for slug, article in content.articles.items():
        response = client.get(f"/library/{slug}")
        assert response.status_code == 200, slug
        page = text(response)
        assert f"<h1>{escape(article.title)}</h1>" in page
        assert f"{article.reading_minutes} min read" in page
        assert f'<time datetime="{article.last_reviewed.isoformat()}">' in page
        for heading in article.toc:
            assert f'href="#{heading.anchor}"' in page and f'id="{heading.anchor}"' in page
        for exercise in article.related_exercises:
            title = escape(content.exercises[exercise].title)
            assert f'<a href="/exercises/{exercise}">{title}</a>' in page
        for source in article.sources:
            assert (f'<a href="{escape(source.url)}" rel="noopener noreferrer">'
                    f'{escape(source.title)}</a>') in page
        following = content.next_article(slug)
        if following:
            assert f'href="/library/{following.slug}" rel="next"' in page
        else:
            assert "Back to the library" in page


def test_article_page_details(client, content):
    page = text(client.get("/library/what-is-sciatica"))
    assert '<nav class="toc" aria-labelledby="article-toc">' in page
    assert "Last reviewed <time datetime=\"2026-11-27\">27 November 2026</time>" in page
    assert "Related exercises" in page and "Sources" in page
    assert 'href="/library/nerve-roots-and-the-sciatic-nerve" rel="next"' in page
    assert "<script" not in page.split("<body", 1)[1]  # no inline script, ever
    assert " style=" not in page


def test_links_inside_articles_lead_somewhere(client, content):
    for article in content.articles.values():
        for href in re.findall(r'href="(/[^"#]*)', str(article.html)):
            assert client.get(href).status_code == 200, (article.slug, href)


@pytest.mark.parametrize("slug", ["no-such-article", "WHAT-IS-SCIATICA", "what-is-sciatica.md"])
def test_unknown_article_is_not_found(client, slug):
    response = client.get(f"/library/{slug}")
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_search_finds_articles_title_hits_first(client, content):
    page = text(client.get("/library/search?q=stenosis"))
    found = article_links(page, content)
    assert found[0] == "spinal-stenosis" and len(found) > 1
    assert re.search(r"\d+ articles mention “stenosis”", page)
    assert "<mark>stenosis</mark>" in page.lower()
    assert 'value="stenosis"' in page


def test_search_needs_every_word(client, content):
    page = text(client.get("/library/search?q=bladder+walking"))
    for slug in article_links(page, content):
        body = (content.articles[slug].title + content.articles[slug].summary
                + content.articles[slug].text).lower()
        assert "bladder" in body and "walking" in body


def test_search_without_a_match_says_so_and_suggests(client):
    page = text(client.get("/library/search?q=zebrafish"))
    assert "No articles mention “zebrafish”" in page
    assert 'href="/library/search?q=walking"' in page and 'href="/library/"' in page


def test_empty_search_invites_a_query(client):
    page = text(client.get("/library/search?q="))
    assert "Type a word or two" in page and "No articles mention" not in page
    assert client.get("/library/search").status_code == 200


@pytest.mark.parametrize("query", ["%", "_", "'", '"', "%_%", "' OR 1=1 --", "\\", ".*", "(", "[a-",
                                   "ünïcødé", "神経痛", "🦵 leg", "\x00", "a" * 101])
def test_special_characters_are_safe(client, query):
    response = client.get("/library/search", query_string={"q": query})
    assert response.status_code == 200
    assert client.get("/library/search", query_string={"q": query},
                      headers={"HX-Request": "true"}).status_code == 200


def test_script_in_the_query_is_escaped(client):
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    for headers in ({}, {"HX-Request": "true"}):
        page = text(client.get("/library/search", query_string={"q": attack}, headers=headers))
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_very_long_query_is_trimmed_not_an_error(client):
    response = client.get("/library/search", query_string={"q": "sciatica " * 1000})
    assert response.status_code == 200
    value = re.search(r'id="library-q" name="q" value="([^"]*)"', text(response)).group(1)
    assert 0 < len(value) <= 100


def test_htmx_search_returns_only_the_results_fragment(client):
    response = client.get("/library/search?q=walking", headers={"HX-Request": "true"})
    fragment = text(response)
    assert response.status_code == 200
    assert "<html" not in fragment and "<form" not in fragment
    assert "articles mention “walking”" in fragment
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/library/search?q=walking")
    assert "<html" in text(full) and "HX-Request" in full.headers["Vary"]


def test_library_needs_no_sign_in(client, auth, content):
    urls = ["/library/", "/library/topic/safety", "/library/search?q=leg",
            "/library/what-is-sciatica", "/library/red-flags-and-cauda-equina"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    auth.signup()
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_service_worker_precaches_the_whole_library(client, content):
    body = text(client.get("/sw.js"))
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", body, re.MULTILINE).group(1))
    assert "/library/?lang=en" in precache
    for slug in content.articles:
        assert f"/library/{slug}?lang=en" in precache
    for topic in TOPICS:
        assert f"/library/topic/{topic}?lang=en" in precache
    assert len(precache) == len(set(precache))


def build_version(content_dir, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "CONTENT_DIR": str(content_dir),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'version.db'}"})
    return app.extensions["build_version"]


def test_editing_an_article_changes_the_build_version(tmp_path):
    content_dir = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content_dir)
    before = build_version(content_dir, tmp_path)
    assert build_version(content_dir, tmp_path) == before  # stable while nothing changes
    article = content_dir / "library" / "what-is-sciatica.md"
    article.write_text(article.read_text(encoding="utf-8").replace("scared", "frightened", 1),
                       encoding="utf-8")
    assert build_version(content_dir, tmp_path) != before


def test_every_suggested_search_finds_something(client):
    from webapp.library.views import SUGGESTED_SEARCHES
    for word in SUGGESTED_SEARCHES:
        page = text(client.get("/library/search", query_string={"q": word}))
        assert "No articles mention" not in page and "mention" in page, word
