"""The education library: public articles by topic, search, and a copy kept for offline reading."""
from .. import pwa
from . import views
from .search import SearchIndex

bp = views.bp


def init_app(app):
    app.register_blueprint(bp)
    app.extensions["library_search"] = SearchIndex(app.extensions["content"].articles.values())
    pwa.contribute_precache(app, urls=views.precache_urls)
