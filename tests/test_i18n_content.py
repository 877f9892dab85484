"""Spanish content and the offline copies per language: articles and exercises from content/es/
(English per file where a translation is missing, marked as English), accent-folding search on
the server and in the offline index, and the service worker's shell in the page's language."""
import json
import re
import shutil

from webapp.library.search import SearchIndex

from .helpers import make_app

ES = {"Accept-Language": "es"}


def test_a_spanish_reader_gets_the_spanish_article_marked_as_spanish(client):
    page = client.get("/library/what-is-sciatica", headers=ES).get_data(as_text=True)
    assert re.search(r'<html lang="es"', page)
    assert "<h1>¿Qué es la ciática?</h1>" in page or "ciática" in re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert '<article class="article">' in page                  # the page's own language: no lang of its own
    assert "not in your language yet" not in page
    english = client.get("/library/what-is-sciatica").get_data(as_text=True)
    assert re.search(r"<h1>(.*?)</h1>", english).group(1) != re.search(r"<h1>(.*?)</h1>", page).group(1)


def test_an_article_not_translated_yet_is_the_english_one_marked_as_english(tmp_path):
    content = tmp_path / "content"
    shutil.copytree("content", content)
    (content / "es" / "library" / "what-is-sciatica.md").unlink()
    app = make_app(f"sqlite:///{tmp_path / 'fallback.db'}", CONTENT_DIR=str(content))
    client = app.test_client()
    page = client.get("/library/what-is-sciatica", headers=ES).get_data(as_text=True)
    assert '<article class="article" lang="en">' in page
    assert '<p class="notice" lang="es">' in page and "todavía" in page.split('<p class="notice" lang="es">')[1][:200]
    index = client.get("/library/", headers=ES).get_data(as_text=True)
    card = re.search(r'<li class="article-card" lang="en">.*?</li>', index, re.DOTALL).group(0)
    assert "/library/what-is-sciatica" in card


def test_search_folds_accents_both_ways(client, content):
    spanish = client.get("/library/search?q=ciatica", headers=ES).get_data(as_text=True)
    assert "<mark>ciática</mark>" in spanish.lower() or "<mark>Ciática</mark>" in spanish
    found = [a.slug for a in content.articles_in("es").values() if "ciática" in a.text.lower()]
    assert len(found) > 3
    index = SearchIndex(content.articles_in("es").values())
    assert {hit.article.slug for hit in index.search("ciatica")} == {hit.article.slug for hit in index.search("ciática")}
    assert {hit.article.slug for hit in index.search("ciatica")} >= set(found)
    hit = index.search("CIATICA")[0]
    assert "<mark>" in str(hit.title) + str(hit.summary) + str(hit.snippet)
    # Typed with an accent, a word found without one (and the ñ as n).
    assert index.search("nino") == index.search("niño")


def test_the_offline_index_is_per_language_and_carries_the_folding_table(client):
    spanish_page = client.get("/library/search", headers=ES).get_data(as_text=True)
    english_page = client.get("/library/search").get_data(as_text=True)
    es_url = re.search(r'data-search-index="([^"]+)"', spanish_page).group(1).replace("&amp;", "&")
    en_url = re.search(r'data-search-index="([^"]+)"', english_page).group(1).replace("&amp;", "&")
    assert es_url != en_url
    data = json.loads(client.get(es_url, headers=ES).data)
    assert data["limits"]["folds"]["a"].startswith("aá") and "ñ" in data["limits"]["folds"]["n"]
    assert any("ciática" in a["title"].lower() for a in data["articles"])
    assert "caminar" in " ".join(data["suggestions"]).lower() or "sentado" in " ".join(data["suggestions"]).lower()


def test_the_worker_keeps_its_copies_in_the_language_it_was_registered_in(client):
    body = client.get("/sw.js?lang=es").get_data(as_text=True)
    assert 'const LANG = "es";' in body
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", body, re.MULTILINE).group(1))
    assert "/library/what-is-sciatica?lang=es" in precache and "/offline?lang=es" in precache
    assert "/library/what-is-sciatica?lang=en" not in precache
    catalogue = [u for u in precache if u.startswith("/i18n/es.json?v=")]
    assert len(catalogue) == 1
    assert client.get(catalogue[0]).status_code == 200
    # The worker fetches them without cookies, and gets them in its language, whatever the browser says.
    fresh = client.application.test_client()
    page = fresh.get("/library/what-is-sciatica?lang=es", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es"' in page
    assert 'const LANG = "en";' in client.get("/sw.js?lang=en").get_data(as_text=True)
    assert 'const LANG = "en";' in client.get("/sw.js?lang=xx").get_data(as_text=True)


def test_spanish_exercises_come_from_content_es_with_their_drawings_named_in_spanish(content):
    english, spanish = content.exercises, content.exercises_in("es")
    assert set(english) == set(spanish)
    for slug, exercise in spanish.items():
        assert exercise.lang == "es" and exercise.title != english[slug].title
        assert exercise.dose == english[slug].dose and exercise.caps == english[slug].caps
        assert len(exercise.stop_rules) == len(english[slug].stop_rules)
        title = re.search(r"<title>(.*?)</title>", str(exercise.drawing), re.DOTALL).group(1)
        assert "Inicio" in title and "Final" in title


def test_each_languages_index_is_served_by_its_hash_whatever_the_request_language(client):
    spanish_page = client.get("/library/search", headers=ES).get_data(as_text=True)
    es_url = re.search(r'data-search-index="([^"]+)"', spanish_page).group(1).replace("&amp;", "&")
    # The worker fetches it with no cookie and no ?lang=, from a browser set to English.
    data = json.loads(client.application.test_client().get(es_url, headers={"Accept-Language": "en"}).data)
    assert any("ciática" in a["title"].lower() for a in data["articles"])


def test_a_spanish_exercise_drawing_labels_its_halves_in_spanish(app):
    """The words over the drawing's two halves are the translation's (a half-English drawing on a
    Spanish page would read as English); the lines of the drawing stay the English file's."""
    content = app.extensions["content"]
    english, spanish = content.exercises["knees-rocking"], content.exercises_in("es")["knees-rocking"]
    assert '>Start</text>' in str(english.drawing) and '>End</text>' in str(english.drawing)
    assert '>Inicio</text>' in str(spanish.drawing) and '>Final</text>' in str(spanish.drawing)
    assert '>Start</text>' not in str(spanish.drawing) and '>End</text>' not in str(spanish.drawing)
    strip = re.compile(r"<title>.*?</title>|<text[^>]*>[^<]*</text>", re.DOTALL)
    assert strip.sub("", str(english.drawing)) == strip.sub("", str(spanish.drawing))
