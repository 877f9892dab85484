"""The program's words on its pages, in the reader's language: the pattern and session names
(a context processor), what a practitioner's change does (`change_words`), weekdays and lists as
the language writes them (Babel)."""
from babel.lists import format_list
from flask_babel import format_date, get_locale, gettext
from markupsafe import Markup

from ..content.plans import PATTERN_HINTS, PATTERN_NAMES, SESSION_NAMES, WEEKDAYS
from ..i18n import language, say, translations
from . import adjustments, stagewords


def init_app(app):
    app.context_processor(_words)
    app.add_template_global(_change_words(app.extensions["content"]), "change_words")
    app.add_template_filter(_weekday_name, "weekday_name")
    app.add_template_filter(_join_and, "join_and")
    app.add_template_global(_dated, "dated")
    app.add_template_filter(lambda table: {k: say(v) for k, v in table.items()}, "said_values")


_SAID = {}           # id(catalogue) -> (catalogue, the names said in it): a few languages at most


def _words():
    """The program's names, in the reader's language (drawn on many pages): said once per
    catalogue, since every page asks for them (templates only read them)."""
    catalogue = translations()
    kept = _SAID.get(id(catalogue))
    if kept is None or kept[0] is not catalogue:
        def said(table):
            return {k: gettext(v) for k, v in table.items()}
        kept = _SAID[id(catalogue)] = (catalogue, {
            "pattern_names": said(PATTERN_NAMES), "pattern_hints": said(PATTERN_HINTS),
            "session_names": said(SESSION_NAMES), "pattern_types": said(stagewords.PATTERN_TYPES)})
    return kept[1]


def _change_words(content):
    def change_words(change):
        exercises = content.exercises_in(language())
        return adjustments.describe(change, {slug: e.title for slug, e in exercises.items()})
    return change_words


def _weekday_name(code):
    """ "mon" -> "Mon", "lun" in Spanish (Babel's abbreviated day names)."""
    return get_locale().days["format"]["abbreviated"][WEEKDAYS.index(code)]


def _join_and(names):
    """ "Mon and Thu", "lun y jue": a list as the reader's language joins it (Babel)."""
    return format_list(list(names), locale=get_locale())


def _dated(value):
    """A date as the reader's language writes it ("6 Dec 2026", "6 dic 2026"), in <time>."""
    day = value.date() if hasattr(value, "date") else value
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), format_date(day, "medium", rebase=False))
