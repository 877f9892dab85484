"""Red-flag safety: the warning-sign tiers, the pages that show them, and the daily quick check."""
from .. import pwa, sync
from ..models import RedFlagCheck
from . import redflags, views

bp = views.bp


def init_app(app):
    app.register_blueprint(bp)
    sync.register(app, "redflag", RedFlagCheck, redflags.validate_answer,
                  describe=redflags.describe_answer)
    # Shown at once after a go-now answer, with or without a network, to anyone.
    pwa.contribute_precache(app, endpoints=("safety.red_flags", "safety.emergency", "safety.urgent"))
