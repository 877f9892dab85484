"""The practitioner's side: practitioner accounts land on their caseload; a person links a
practitioner with a one-use code (care.py, at /care); the practitioner sees linked people's live
report and visits, records visits, changes their program within content/program.yaml's limits,
and exports FHIR. Every look is recorded for the person to see. Nothing imports this package
except create_app."""
from . import care, changes, link, person, reading, views

bp = views.bp                                   # /practice -> practice.caseload
for child in (link.bp, person.bp, changes.bp):
    bp.register_blueprint(child)                # practice.link.enter, practice.person.show, ...


def init_app(app):
    app.before_request(views.gate)              # after auth's: it needs g.user
    app.extensions["caseload_cache"] = reading.Kept()
    app.register_error_handler(views.LinkEnded, views.ended_page)
    app.register_blueprint(bp)
    app.register_blueprint(care.bp)             # /care: the person's own side
    app.add_template_global(care.changes_to_tell, "practitioner_changes_to_tell")
