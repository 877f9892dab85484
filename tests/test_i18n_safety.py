"""Safety in another language: a Spanish warning-sign text carries the reader's own country's
numbers (the country comes from the person's setting or the browser's region, never from the
language chosen), in Spanish words, and keeps its 'new or worsening' meaning."""
import re

from webapp.models import User
from webapp.safety import countries

ARTICLE = "/library/red-flags-and-cauda-equina"


def words(page, name):
    return {m for m in re.findall(rf'<span data-c="{name}">([^<]*)</span>', page)}


def test_a_spanish_reader_gets_their_countrys_number_not_the_languages(client, app):
    for browser, country in (("es-MX,es;q=0.9", "MX"), ("es-ES", "ES"), ("es-AR", "AR"), ("es-CO", "CO")):
        page = client.get(ARTICLE, headers={"Accept-Language": browser}).get_data(as_text=True)
        assert '<html lang="es"' in page
        wanted = countries.get(country).numbers
        assert words(page, "number") == {wanted[0] if len(wanted) == 1 else f"{wanted[0]} o {wanted[1]}"}, browser
        assert words(page, "hospital") == {"el servicio de urgencias"}
    # Spanish chosen on a phone set up in the UK: the UK's number, in Spanish words.
    visitor = app.test_client()
    visitor.set_cookie("sc_lang", "es")
    page = visitor.get(ARTICLE, headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert '<html lang="es"' in page and words(page, "number") == {"999"}
    body = page.split('<div class="article-body">')[1].split("</div>")[0]
    assert "the emergency department" not in body and "A&amp;E" not in body and "el servicio de urgencias" in body


def test_a_persons_country_setting_wins_over_the_language(auth, client):
    auth.signup("ana@example.com")
    User.update(country="AR", language="es").where(User.email == "ana@example.com").execute()
    page = client.get(ARTICLE, headers={"Accept-Language": "es-ES"}).get_data(as_text=True)
    assert words(page, "number") == {"107 o 911"}


def test_an_english_text_keeps_the_english_words_on_a_spanish_page(client, tmp_path):
    # The words follow the text's language: an English fallback is filled in English.
    page = client.get(ARTICLE, headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert words(page, "number") == {"911"} and words(page, "hospital") == {"the emergency room"}


def test_the_spanish_warning_signs_keep_new_or_worsening(content):
    article = content.articles_in("es")["red-flags-and-cauda-equina"]
    assert article.lang == "es"
    go_now = [line for line in article.text.splitlines() if "Ve ahora a" in line]     # the go-now paragraphs
    assert go_now and all(re.search(r"nuev[oa]s? o (que )?empeora", s) for s in go_now), go_now
    assert "síndrome de la cola de caballo" in article.text
    assert "nuevos o que empeoran en las dos piernas" in article.text
