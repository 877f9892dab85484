"""The message catalogues, read from the .po files in translations/ and compiled in memory when a
language is first used: a fresh clone, an editable install and a wheel all work with no .mo file
and no build step (`make compile` is the check that every catalogue compiles). No Flask here."""
import functools
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = ("NullTranslations", "load", "locale_of", "messages_of", "read_catalogue")

# Region codes CLDR reserves for pseudo-locales (accented, bidi): Babel has no data for them, so
# such a locale borrows its language's data. Used only by the tests' pseudo-locale.
PSEUDO_REGIONS = ("XA", "XB")


@functools.lru_cache(maxsize=64)
def locale_of(code):
    """The babel Locale for a code ("es", "en_XA"); a pseudo-locale keeps its region in its name.
    Kept per code: every request asks for its language's, and callers only read it."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        language, _, region = str(code).partition("_")
        if region not in PSEUDO_REGIONS:
            raise
        locale = Locale.parse(language)
        locale._data            # noqa: B018 - load the language's data before the name changes
        locale.territory = region
        return locale


def read_catalogue(path: Path, locale):
    """A compiled catalogue from one .po file (fuzzy entries left out, as pybabel compile does)."""
    with open(path, "rb") as handle:
        # The language alone sets the plural rule (a pseudo-locale's region has no data).
        catalogue = read_po(handle, locale=str(locale).split("_")[0])
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=path.stem)


def load(directories, locale, domain="messages"):
    """Every catalogue for `locale` and `domain` in `directories`, merged (the first wins)."""
    found = None
    for directory in directories:
        path = Path(directory) / str(locale) / "LC_MESSAGES" / f"{domain}.po"
        if not path.is_file():
            continue
        catalogue = read_catalogue(path, locale)
        if found is None:
            found = catalogue
        else:
            found.merge(catalogue)
    return found or NullTranslations()


def messages_of(translations):
    """{msgid: msgstr or [forms]} of a compiled catalogue, for the JavaScript catalogue."""
    out, plurals = {}, {}
    for key, value in getattr(translations, "_catalog", {}).items():
        if isinstance(key, tuple):
            plurals.setdefault(key[0], {})[key[1]] = value
        elif key:
            out[key] = value
    out.update({key: [forms[n] for n in sorted(forms)] for key, forms in plurals.items()})
    return out
