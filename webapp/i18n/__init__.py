"""The app in the person's language (Flask-Babel): which language a request is answered in, the
catalogues (read from translations/*.po, compiled in memory), `lang` and `dir` for the page, the
language control and setting (views.py) and the JavaScript catalogue (script.py).

A request's language: the signed-in person's setting, else the visitor's cookie, else `?lang=`
(the service worker's copies are fetched without cookies and name their language), else the best
match for the browser's languages, else English."""
import contextlib
import contextvars
import datetime as dt
import functools
import re
from urllib.parse import urlencode

from babel import dates
from babel.lists import format_list
from flask import current_app, g, request
from flask_babel import Babel, Domain, force_locale, format_date, format_time, get_locale, get_translations
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from .. import PROJECT_ROOT
from ..content.placeholders import line
from ..translatable import Dated, DateText, Joined, Name, Own, Said, Text, translated
from . import catalogues

LANGUAGES = ("en", "es")          # what a person may choose; the first is the default
COOKIE = "sc_lang"
# <html lang>: the English text is written in British English (and dates are written so).
LANG_TAGS = {"en": "en-GB"}
REGIONS = {"en": "en_GB"}


class PoDomain(Domain):
    """Flask-Babel's domain, reading the .po files instead of compiled .mo files. The request's
    catalogue is kept in Flask-Babel's own slot for it (`babel_translations`, which force_locale
    empties and puts back), so a page saying a few thousand strings (the caseload of 200) looks up
    its language once, not once a string."""

    def get_translations(self):
        ctx = g.get("_flask_babel") if g else None
        found = getattr(ctx, "babel_translations", None)
        if found is not None:
            return found
        locale = get_locale()
        if locale is None:
            return catalogues.NullTranslations()
        key = (str(locale), self.domain[0])
        if key not in self.cache:
            self.cache[key] = catalogues.load(self.translation_directories, locale, self.domain[0])
        g._flask_babel.babel_translations = self.cache[key]
        return self.cache[key]


# The catalogue a block of drawing holds on to (one_catalogue): set only inside it.
_HELD = contextvars.ContextVar("held_catalogue", default=None)


@contextlib.contextmanager
def one_catalogue():
    """Inside this block, translations() answers the catalogue it found on entry without asking
    Flask for it again: the caseload's 200 cards and rows say some 2,500 strings, and each asking
    went through two of Flask's context proxies. Nothing inside may change the language
    (in_language): it would not be heard."""
    token = _HELD.set(translations())
    try:
        yield
    finally:
        _HELD.reset(token)


def translations():
    """This request's catalogue: the one held by one_catalogue, else the slot PoDomain fills, else
    the domain's lookup."""
    held = _HELD.get()
    if held is not None:
        return held
    try:
        found = g._flask_babel.babel_translations
    except (AttributeError, RuntimeError):
        found = None
    return found if found is not None else get_translations()


def gettext(string, **values):
    """Flask-Babel's gettext, through translations()."""
    out = translations().ugettext(string)
    return out % values if values else out


def ngettext(singular, plural, num, **values):
    return translations().ungettext(singular, plural, num) % {"num": num, **values}


def supported():
    return tuple(current_app.config["LANGUAGES"])


def choose():
    """The language code for this request (see the module's docstring)."""
    codes = supported()
    user = g.get("user")
    for code in (getattr(user, "language", None), request.cookies.get(COOKIE), request.args.get("lang")):
        if code in codes:
            return catalogues.locale_of(REGIONS.get(code, code))
    return _best_for(request.headers.get("Accept-Language", ""), codes)


@functools.lru_cache(maxsize=512)
def _best_for(header, codes):
    """The locale a browser's Accept-Language asks for: the same few headers come again and again,
    and parsing one costs more than the rest of choosing."""
    best = parse_accept_header(header, LanguageAccept).best_match([c for c in codes if "_X" not in c]) or codes[0]
    return catalogues.locale_of(REGIONS.get(best, best))


def in_language(code):
    """A block spoken in `code` ("es"), whatever the request's language: Flask-Babel's
    force_locale, with the same locale a request in that language gets."""
    return force_locale(catalogues.locale_of(REGIONS.get(code, code)))


def language():
    """The code of this request's language ("en", "es"): worked out once per locale, since a page
    asks a dozen times (the kept page's key, the language control, the scripts' catalogue)."""
    locale = get_locale()
    if locale is None:
        return supported()[0]
    ctx = g._flask_babel
    kept = getattr(ctx, "language_of", None)
    if kept is None or kept[0] is not locale:        # force_locale sets another locale for a while
        code = str(locale)
        kept = ctx.language_of = (locale, code if code in supported() else locale.language)
    return kept[1]


def html_lang():
    code = language()
    return LANG_TAGS.get(code, code.replace("_", "-"))


# Query parameters that only say where a visit came from (static/sw.js leaves them out too).
NOT_KEPT = re.compile(r"^(lang|source|utm_\w+|fbclid|gclid|msclkid|ref)$")


def here_without_lang():
    """This page's path and query, without `lang` and tracking-only parameters, to come back to
    after choosing (so a page drawn for ?source=home-screen is the same page)."""
    query = urlencode([(k, v) for k, v in request.args.items(multi=True) if not NOT_KEPT.match(k)])
    return request.path + (f"?{query}" if query else "")


def html_dir():
    locale = get_locale()
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def language_names():
    """(code, the language's own name, BCP 47 tag) for the control, each name in its own language."""
    out = []
    for code in supported():
        locale = catalogues.locale_of(code)
        name = locale.get_display_name(locale) or code
        out.append((code, name[:1].upper() + name[1:], LANG_TAGS.get(code, code.replace("_", "-"))))
    return out


def init_app(app):
    app.config.setdefault("LANGUAGES", LANGUAGES)
    directories = [str(PROJECT_ROOT / "translations")] + list(app.config.get("EXTRA_TRANSLATIONS", ()))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(directories)
    babel = Babel(app, locale_selector=choose)
    babel.domain_instance = PoDomain(translation_directories=directories)
    # Flask-Babel's own callables ask for the domain and the locale on every string.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s), ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n), newstyle=True)
    app.jinja_env.globals.update(html_lang=html_lang, html_dir=html_dir, language=language,
                                 language_names=language_names, format_date=_format_date, format_moment=_format_moment,
                                 here_without_lang=here_without_lang)
    from .. import pagecache
    from . import script, views
    pagecache.keyed_on(app, language)         # a kept page is in one language
    app.register_blueprint(views.bp)
    script.init_app(app)
    app.add_template_filter(say, "said")
    app.add_template_global(say, "said")


def date_as(day, pattern):
    """A date by a Babel pattern ("d MMM") in the reader's language: the same few dates are said
    hundreds of times on one caseload, and Babel parses the pattern each time."""
    return _date_as(day, pattern, get_locale())


@functools.lru_cache(maxsize=4096)
def _date_as(day, pattern, locale):
    return dates.format_date(day, pattern, locale=locale)


def _format_date(value, format="medium"):
    """A date as the reader's language writes it ("6 Dec 2026", "6 dic 2026")."""
    return format_date(value, format, rebase=False)


def _format_moment(value):
    """A date and time to the minute, as the reader's language writes it ("6 Dec 2026, 21:30")."""
    locale = get_locale()
    glue = str(locale.datetime_formats.get("medium", "{1}, {0}"))     # CLDR's own joining pattern
    return glue.replace("{1}", format_date(value, "medium", rebase=False)).replace(
        "{0}", format_time(value, "short", rebase=False))


def say(text):
    """A rule module's text in the reader's language (the Jinja filter `said`). A string marked
    with N_ is looked up as it is; a Said (webapp/translatable.py) by its message, filled with its
    values, each said in turn (a date as the language writes it); someone's Own words and text not
    in the catalogue come back unchanged."""
    if isinstance(text, Own):
        return str(text)
    if isinstance(text, (Text, DateText, Name, Joined)):        # the report's and the inputs' kind
        return translated(text, gettext, date_as)
    if isinstance(text, Dated):
        return format_date(text.date, "d MMM" if text.short else "medium", rebase=False)
    if isinstance(text, Said) and text.msgid is None:      # Said.listed, Said.sentences
        parts = [say(p) for p in text.parts]
        return text.sep.join(parts) if text.sep is not None else format_list(parts, locale=get_locale())
    if isinstance(text, Said) or getattr(text, "placeheld", False):
        values = {k: _value(v) for k, v in text.values.items()}
        if text.plural is not None:
            out = ngettext(text.msgid, text.plural, values.pop("num"), **values)
        else:
            out = gettext(text.msgid, **values)
        if text.capital:
            out = out[:1].upper() + out[1:]
    elif isinstance(text, str) and text:
        out = gettext(str(text))
    else:
        return text
    if getattr(text, "placeheld", False):       # a SaidLine (program/words.py): spans to fill
        return line(out)
    return Markup(out) if isinstance(text, Markup) else out


def _value(value):
    if isinstance(value, dt.date):
        return format_date(value, "d MMM", rebase=False)
    return say(value) if isinstance(value, str) else value
