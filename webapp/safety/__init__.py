"""Red-flag safety: the warning-sign tiers, the pages that show them, the daily quick check, the
person's country (emergency numbers) and background risks."""
from .. import pwa, sync
from ..models import RedFlagCheck
from . import answers, countries, redflags, settings, views

bp = views.bp
bp.register_blueprint(settings.bp)      # safety.settings.edit


def init_app(app):
    app.register_blueprint(bp)
    sync.register(app, "redflag", RedFlagCheck, answers.validate_answer, prepare=answers.prepare,
                  describe=answers.describe_answer)
    # Shown at once after a go-now answer, with or without a network, to anyone.
    pwa.contribute_precache(app, endpoints=("safety.red_flags", "safety.emergency", "safety.urgent"),
                            assets=("js/safety.js",))
    app.context_processor(lambda: {"country": views.country_for(), "countries": countries.COUNTRIES,
                                   "background_risks": redflags.BACKGROUND})
    app.add_template_global(answers.contact_tier_of, "contact_tier")
