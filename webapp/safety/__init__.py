"""Red-flag safety: the warning-sign tiers, the pages that show them, the daily quick check, the
person's country (emergency numbers) and background risks."""
from flask import g, has_request_context, request

from .. import pwa, sync
from ..models import RedFlagCheck
from . import answers, countries, redflags, settings, views

bp = views.bp
bp.register_blueprint(settings.bp)      # safety.settings.edit


def country_for(user):
    """The person's chosen country, else the one their browser's languages point to."""
    if user is not None and user.country in countries.COUNTRIES:
        return countries.get(user.country)
    tags = [tag for tag, _quality in request.accept_languages] if has_request_context() else []
    return countries.get(countries.from_languages(tags))


def init_app(app):
    app.register_blueprint(bp)
    sync.register(app, "redflag", RedFlagCheck, answers.validate_answer, prepare=answers.prepare,
                  describe=answers.describe_answer)
    # Shown at once after a go-now answer, with or without a network, to anyone.
    pwa.contribute_precache(app, endpoints=("safety.red_flags", "safety.emergency", "safety.urgent"),
                            assets=("js/safety.js",))
    app.context_processor(lambda: {"country": country_for(g.get("user")),
                                   "countries": countries.COUNTRIES,
                                   "background_risks": redflags.BACKGROUND})
