"""The practitioner report: the summary and charts, visits, weekly function ratings, exports and
imports, and read-only share links."""
from .. import pwa
from ..i18n import date_as, gettext, say
from ..translatable import Said, translated
from . import exports, ratings, sharing, terminology, titles, views, visits

bp = views.bp                                   # /report  -> report.index
for child in (visits.bp, ratings.bp, sharing.bp, exports.bp):
    bp.register_blueprint(child)                # report.visits.add, report.ratings.index, ...
public_bp = sharing.public_bp                   # /shared/<token> stays outside /report


def tr(text, names=None):
    """A rule module's message (N_, Text, ...) in the reader's language, for templates; `names`
    are the exercises' names in that language. A Said (the program's rule texts) goes to say()."""
    if isinstance(text, Said):
        return say(text)
    return translated(text, gettext, date_as, names)


def init_app(app):
    app.add_template_global(tr, "tr")
    app.add_template_global(titles.chart_titles, "chart_titles")
    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(terminology.bp)      # /fhir/CodeSystem/<id>: the export's own codes
    # app.js imports report.js without a version, so installed copies keep it for offline use.
    pwa.contribute_precache(app, assets=("js/report.js",))

