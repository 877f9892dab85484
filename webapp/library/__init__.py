"""The education library: public articles by topic, search, and a copy kept for offline reading
(the articles, and the search index as a versioned file static/js/library.js searches offline)."""
import hashlib
import json

from flask_babel import gettext

from .. import pwa
from ..i18n import in_language
from . import views
from .search import SearchIndex

bp = views.bp


def init_app(app):
    app.register_blueprint(bp)
    # One index per language, built once at start-up; its hash names it, so the phone keeps it
    # until the articles change. The suggestions are in the index's language.
    content = app.extensions["content"]
    app.extensions["library_search"], app.extensions["library_offline_index"] = {}, {}
    for code in app.config["LANGUAGES"]:
        index = SearchIndex(content.articles_in(code).values())
        app.extensions["library_search"][code] = index
        with app.test_request_context(), in_language(code):
            suggestions = [gettext(word) for word in views.SUGGESTED_SEARCHES]
        data = json.dumps(index.offline_copy(suggestions), ensure_ascii=False, separators=(",", ":")).encode()
        app.extensions["library_offline_index"][code] = (data, hashlib.sha256(data).hexdigest()[:12])
    app.jinja_env.globals["search_index_url"] = views.search_index_url
    pwa.contribute_precache(app, urls=views.precache_urls, assets=("js/library.js",))
