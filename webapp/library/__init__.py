"""The education library: public articles by topic, search, and a copy kept for offline reading
(the articles, and the search index as a versioned file static/js/library.js searches offline)."""
import hashlib
import json

from .. import pwa
from . import views
from .search import SearchIndex

bp = views.bp


def init_app(app):
    app.register_blueprint(bp)
    index = SearchIndex(app.extensions["content"].articles.values())
    app.extensions["library_search"] = index
    # Built once at start-up; its hash names it, so the phone keeps it until the articles change.
    data = json.dumps(index.offline_copy(views.SUGGESTED_SEARCHES), ensure_ascii=False,
                      separators=(",", ":")).encode()
    app.extensions["library_offline_index"] = (data, hashlib.sha256(data).hexdigest()[:12])
    app.jinja_env.globals["search_index_url"] = views.search_index_url
    pwa.contribute_precache(app, urls=views.precache_urls, assets=("js/library.js",))
