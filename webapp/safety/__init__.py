"""Red-flag safety: the warning-sign tiers, the pages that show them, the daily quick check, the
person's country (emergency numbers) and background risks."""
import functools

from flask_babel import gettext
from jinja2 import pass_context

from .. import pagecache, pwa, sync
from ..content import placeholders
from ..models import RedFlagCheck, RedFlagCorrection
from . import answers, countries, mistakes, redflags, settings, views

bp = views.bp
bp.register_blueprint(settings.bp)      # safety.settings.edit
bp.register_blueprint(mistakes.bp)      # safety.mistakes.choose, safety.mistakes.correct


def _corrected(user, uuid):
    return RedFlagCorrection.of_answer(user, uuid) is not None


def init_app(app):
    app.register_blueprint(bp)
    # Kept for good: signs may be added to an answer, never taken away, and it is never deleted.
    sync.register(app, "redflag", RedFlagCheck, answers.validate_answer, prepare=answers.prepare,
                  describe=answers.describe_answer,
                  refuse=functools.partial(answers.refuse_change, corrected=_corrected),
                  refuse_delete=answers.refuse_delete)
    # Shown at once after a go-now answer, with or without a network, to anyone.
    pwa.contribute_precache(app, endpoints=("safety.red_flags", "safety.emergency", "safety.urgent"),
                            assets=("js/safety.js",))
    pagecache.keyed_on(app, lambda: views.country_for().code)     # every page carries the numbers
    app.context_processor(lambda: {"country": views.country_for(), "countries": countries.COUNTRIES,
                                   "background_risks": redflags.BACKGROUND})
    app.add_template_global(answers.contact_tier_of, "contact_tier")
    app.add_template_filter(filled)


@pass_context
def filled(context, text, lang="en"):
    """`{{ article.html|filled(article.lang) }}`: content and rule texts with the person's numbers
    put in, in the words of the text's language (its numbers are always the person's country's)."""
    country = context["country"]
    if lang != "en":
        country = countries.spoken(country, gettext)
    return placeholders.fill(text, country)
