"""The catalogues: Spanish complete (every string marked in the code now has a Spanish entry,
neither empty nor fuzzy, with the same placeholders, and the glossary's words), the JavaScript
catalogue built from it, and plural forms by Babel's rules: Spanish, and Welsh's six through a
tiny catalogue written here."""
import json
import re

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from webapp import PROJECT_ROOT

from .helpers import make_app
from .i18n_helpers import extract

SPANISH = PROJECT_ROOT / "translations" / "es" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(domain):
    with open(SPANISH / f"{domain}.po", "rb") as handle:
        return read_po(handle, locale="es")


@pytest.mark.parametrize("domain", ["messages", "js"])
def test_every_string_in_the_code_has_a_spanish_entry_neither_empty_nor_fuzzy(domain):
    po = catalogue(domain)
    problems = []
    for message, places in sorted(extract(domain).items(), key=lambda item: str(item[0])):
        key = message[0] if isinstance(message, tuple) else message
        entry = po.get(key)
        where = min(places)
        if entry is None:
            problems.append(f"missing: {key!r} ({where})")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {key!r} ({where})")
        elif isinstance(message, tuple) != isinstance(entry.id, tuple):
            problems.append(f"plural forms do not match: {key!r}")
        else:
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if not all(strings) or len(strings) != (po.num_plurals if isinstance(entry.id, tuple) else 1):
                problems.append(f"not translated: {key!r} ({where})")
            wanted = set(PLACEHOLDER.findall(" ".join(message if isinstance(message, tuple) else [message])))
            if any(set(PLACEHOLDER.findall(s)) - wanted for s in strings) or \
                    not all(set(PLACEHOLDER.findall(s)) >= {p for p in wanted if p != "%(num)d"} for s in strings):
                problems.append(f"placeholders differ: {key!r}")
    assert problems == []


def test_the_spanish_uses_the_glossary_words():
    texts = " ".join(str(m.string) for m in catalogue("messages") if m.id)
    assert "bandera roja" not in texts.lower()            # a warning sign is a "señal de alarma"
    assert " app " not in f" {texts} "                     # "la aplicación", never "app" alone
    assert "señal de alarma" in texts.lower() or "señales de alarma" in texts.lower()
    assert "ordenador" not in texts and "vosotros" not in texts


def test_a_spanish_percentage_keeps_its_sign_on_the_same_line():
    """Spanish writes "30 %" with a space; a no-break one, so a narrow screen never leaves the sign
    alone at the start of a line. In the catalogues and in the translated articles and exercises."""
    loose = re.compile(r"(\d|%\(\w+\)[sd]) (%%|%(?!\())")
    texts = [(f"{domain}.po", " ".join(map(str, m.string if isinstance(m.string, tuple) else (m.string,))))
             for domain in ("messages", "js") for m in catalogue(domain) if m.id]
    texts += [(str(path), path.read_text(encoding="utf-8")) for path in (PROJECT_ROOT / "content" / "es").rglob("*.md")]
    assert [(where, found.group(0)) for where, text in texts for found in loose.finditer(text)] == []
    assert any("\u00a0%" in text for _where, text in texts)        # the check reads what it should


def test_the_javascript_catalogue_is_the_js_domain_of_the_page_language(client):
    page = client.get("/library/search", headers={"Accept-Language": "es"}).get_data(as_text=True)
    url = re.search(r'data-i18n="([^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.get(url)
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    messages = json.loads(response.data)
    assert messages["All articles"] == "Todos los artículos"
    assert len(messages["%(num)d min read"]) == len(Locale.parse("es").plural_form.tags) + 1     # and "other"
    assert isinstance(messages["%(num)d article mentions “%(query)s”"], list)
    assert "data-i18n" not in client.get("/library/search").get_data(as_text=True)   # English: nothing to load
    assert client.get("/i18n/xx.json").status_code == 404


def test_spanish_plurals_follow_babels_rules(client):
    page = client.get("/library/search?q=ciatica", headers={"Accept-Language": "es"}).get_data(as_text=True)
    count = int(re.search(r'<h2 class="search-count">(\d+) ', page).group(1))
    assert count > 1 and f"{count} artículos hablan de «ciatica»" in page


WELSH = {0: "Dim cod ar ôl", 1: "Un cod ar ôl", 2: "Dau god ar ôl", 3: "Tri chod ar ôl", 6: "Chwe chod ar ôl",
         4: "%(num)d cod ar ôl"}


def test_welsh_plural_forms_come_from_babels_rules_through_ngettext(tmp_path):
    locale = Locale.parse("cy")
    tags = [tag for tag in ("zero", "one", "two", "few", "many") if tag in locale.plural_form.tags] + ["other"]
    assert tags == ["zero", "one", "two", "few", "many", "other"]       # six forms
    forms = {"zero": WELSH[0], "one": WELSH[1], "two": WELSH[2], "few": WELSH[3], "many": WELSH[6],
             "other": WELSH[4]}
    po = Catalog(locale="cy", domain="messages")
    po.add(("%(num)d code left", "%(num)d codes left"), tuple(forms[tag] for tag in tags))
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.po", "wb") as handle:
        write_po(handle, po)
    app = make_app(f"sqlite:///{tmp_path / 'cy.db'}", LANGUAGES=("en", "cy"), EXTRA_TRANSLATIONS=[str(tmp_path)])
    from flask_babel import ngettext

    from webapp.i18n import in_language
    with app.test_request_context(), in_language("cy"):
        said = {n: ngettext("%(num)d code left", "%(num)d codes left", n) for n in (0, 1, 2, 3, 4, 6, 10)}
    assert said == {0: "Dim cod ar ôl", 1: "Un cod ar ôl", 2: "Dau god ar ôl", 3: "Tri chod ar ôl",
                    4: "4 cod ar ôl", 6: "Chwe chod ar ôl", 10: "10 cod ar ôl"}
