"""The practitioner report: the summary and charts, visits, weekly function ratings, exports and
imports, and read-only share links."""
from .. import pwa
from . import exports, ratings, sharing, terminology, views, visits

bp = views.bp                                   # /report  -> report.index
for child in (visits.bp, ratings.bp, sharing.bp, exports.bp):
    bp.register_blueprint(child)                # report.visits.add, report.ratings.index, ...
public_bp = sharing.public_bp                   # /shared/<token> stays outside /report


def init_app(app):
    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(terminology.bp)      # /fhir/CodeSystem/<id>: the export's own codes
    # app.js imports report.js without a version, so installed copies keep it for offline use.
    pwa.contribute_precache(app, assets=("js/report.js",))

