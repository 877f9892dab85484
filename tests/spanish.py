"""What a Spanish reader sees, checked against the Spanish catalogues as they are in the repository:
`es(text)` is the Spanish for an English message, and `english_left(lines)` the lines of a page that
are, word for word, an English message whose Spanish is different: text drawn without passing
through the catalogue, or put there by a script that skipped it. Used by the browser journeys in
Chromium and WebKit, where the page's text includes what JavaScript wrote."""
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

FOLDER = Path(__file__).resolve().parent.parent / "translations" / "es" / "LC_MESSAGES"
# Words spelled the same in both languages, or names, that a Spanish page may show as they are.
SAME = {"Sciatica Companion", "OK", "Email", "PDF", "CSV", "FHIR", "Total"}


@cache
def spanish():
    """{English message: Spanish} for every singular message of both domains."""
    out = {}
    for domain in ("messages", "js"):
        with open(FOLDER / f"{domain}.po", "rb") as handle:
            for message in read_po(handle):
                if message.id and isinstance(message.id, str) and message.string:
                    out[message.id] = message.string
    return out


def es(text, **values):
    """The Spanish for an English message (KeyError if the catalogue has none), with its values."""
    string = spanish()[text]
    return string % values if values else string


@cache
def english_messages():
    return {english for english, string in spanish().items()
            if string != english and "%(" not in english and "<" not in english
            and english not in SAME and any(c.isalpha() for c in english)}


def english_left(text):
    """The lines of a page's visible text (innerText) that are an English message untranslated."""
    lines = {line.strip() for line in text.splitlines()}
    return sorted(line for line in lines if line in english_messages())
