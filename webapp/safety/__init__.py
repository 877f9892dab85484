"""Red-flag safety: the warning-sign tiers, the pages that show them, the daily quick check, the
person's country (emergency numbers) and background risks."""
import datetime as dt
import functools
import unicodedata

from babel.dates import format_date, format_skeleton
from flask_babel import get_locale, gettext
from jinja2 import pass_context

from .. import pagecache, pwa, sync
from ..content import placeholders
from ..i18n import language
from ..models import RedFlagCheck, RedFlagCorrection
from . import answers, countries, mistakes, redflags, settings, views

bp = views.bp
bp.register_blueprint(settings.bp)      # safety.settings.edit
bp.register_blueprint(mistakes.bp)      # safety.mistakes.choose, safety.mistakes.correct


def _corrected(user, uuid):
    return RedFlagCorrection.of_answer(user, uuid) is not None


def _said(check, at=None):
    """`check` with its messages in the reader's language (answers.py marks them, Flask-free)."""
    def said(*args, **kwargs):
        result = check(*args, **kwargs)
        errors = result if at is None else result[at]
        if errors:
            errors = {name: _message(text) for name, text in errors.items()}
        return errors if at is None else (*result[:at], errors)
    return said


def _message(text):
    before = answers.UNKNOWN.split("%")[0]          # "Unknown answer: ", then the codes
    if text.startswith(before):
        return gettext(answers.UNKNOWN, codes=text.removeprefix(before).removesuffix("."))
    return gettext(text)


def init_app(app):
    app.register_blueprint(bp)
    # Kept for good: signs may be added to an answer, never taken away, and it is never deleted.
    sync.register(app, "redflag", RedFlagCheck, _said(answers.validate_answer, 1), prepare=answers.prepare,
                  describe=answers.describe_answer,
                  refuse=_said(functools.partial(answers.refuse_change, corrected=_corrected)),
                  refuse_delete=_said(answers.refuse_delete))
    # Shown at once after a go-now answer, with or without a network, to anyone.
    pwa.contribute_precache(app, endpoints=("safety.red_flags", "safety.emergency", "safety.urgent"),
                            assets=("js/safety.js",))
    pagecache.keyed_on(app, lambda: views.country_for().code)     # every page carries the numbers
    app.context_processor(lambda: {"country": said_country(), "countries": countries.COUNTRIES,
                                   "background_risks": redflags.BACKGROUND})
    app.add_template_global(country_choices)
    app.add_template_global(sign_text)
    app.add_template_global(day_month)
    app.add_template_global(pause_reason)
    # `said(text)`, a text marked elsewhere (N_) in the reader's language, escaped like any other
    # text, is webapp.i18n.say (registered there, with the Said texts of the rule modules).
    app.add_template_global(answers.contact_tier_of, "contact_tier")
    app.add_template_filter(filled)


@pass_context
def filled(context, text, lang="en"):
    """`{{ article.html|filled(article.lang) }}`: content and rule texts with the person's numbers
    put in, in the words of the text's language (its numbers are always the person's country's)."""
    country = views.country_for()
    if lang != "en":
        country = countries.spoken(country, gettext)
    return placeholders.fill(text, country)


def said_country():
    """The person's country for the page: its own English words, or said in the page's language
    (the number is the country's in every language; the language never chooses the country)."""
    country = views.country_for()
    return country if language() == "en" else countries.spoken(country, gettext)


def country_choices():
    """(code, name, number) for the country control, in the page's language and its order (the
    catch-alls last)."""
    if language() == "en":
        return [(code, c.name, c.number) for code, c in countries.COUNTRIES.items()]
    said = [countries.spoken(c, gettext) for c in countries.COUNTRIES.values()]
    named = sorted(said[:-2], key=lambda c: unicodedata.normalize("NFKD", c.name).casefold())
    return [(c.code, c.name, c.number) for c in named + said[-2:]]


def day_month(value, weekday=False):
    """"6 December" ("6 de diciembre"), or with the weekday, as the reader's language writes it."""
    locale = get_locale()
    day = format_skeleton("MMMMd", value, locale=locale)
    if not weekday:
        return day
    return gettext("%(weekday)s %(date)s", weekday=format_date(value, "EEEE", locale=locale), date=day)


def pause_reason(user):
    """Why the exercises are paused, in the reader's language (the stage engine says it in English:
    webapp/program/engine.py), from the person's earliest go-now answer still waiting; None if none."""
    first = min((a.local_date for a in RedFlagCheck.unconfirmed_alarms(user)), default=None)
    if first is None:
        return None
    today = user.local_today()
    if first == today:
        return gettext("Today you answered yes to an emergency warning sign. Your exercises stay paused until "
                       "you confirm a doctor has checked you.")
    if first == today - dt.timedelta(days=1):
        return gettext("Yesterday you answered yes to an emergency warning sign. Your exercises stay paused "
                       "until you confirm a doctor has checked you.")
    return gettext("On %(date)s you answered yes to an emergency warning sign. Your exercises stay paused until "
                   "you confirm a doctor has checked you.", date=format_skeleton("MMMd", first, locale=get_locale()))


def sign_text(flag):
    """A warning sign's headline and examples as one line, in the page's language."""
    flag = redflags.FLAGS[flag] if isinstance(flag, str) else flag
    if not flag.examples:
        return gettext("%(sign)s.", sign=gettext(flag.headline))
    return gettext("%(sign)s. %(examples)s", sign=gettext(flag.headline), examples=gettext(flag.examples))
