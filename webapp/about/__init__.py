"""The public pages a health app owes the people who use it and run it: about (what it is and is
not, its version and its source code), the privacy notice, help, and the accessibility statement.
Readable signed out and offline; the source code of the running server is a download (AGPL §13)."""
from .. import pwa
from . import views

bp = views.bp
PAGES = ("about.about", "about.privacy", "about.help", "about.accessibility")


def init_app(app):
    app.register_blueprint(bp)
    pwa.contribute_precache(app, endpoints=PAGES)
