"""The education library (public: no account needed to read), its search, and its offline copy."""
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from .. import pagecache
from ..content.articles import TOPICS
from ..htmx import render
from ..i18n import language
from ..security import public
from ..translatable import N_
from .search import clean_query

bp = Blueprint("library", __name__, url_prefix="/library")

TOC_MIN_HEADINGS = 4
# Offered when a search finds nothing or nothing has been typed yet.
# Each language has its own words (the catalogue), which must find articles in that language.
SUGGESTED_SEARCHES = (N_("sitting"), N_("walking"), N_("nerve slider"), N_("flare-up"), N_("bladder"))


def precache_urls():
    """The library index, every topic and every article, so the whole library reads offline; the
    search page and its index, so search works offline too."""
    content = current_app.extensions["content"]
    return ([url_for("library.index"), url_for("library.search"), search_index_url()]
            + [url_for("library.topic", topic=t) for t in TOPICS if _articles_in(content, t)]
            + [url_for("library.article", slug=s) for s in content.articles])


def search_index_url():
    """The offline search index's address, named by its hash (templates put it on the search form)."""
    return url_for("library.search_index", v=current_app.extensions["library_offline_index"][language()][1])


def _content():
    return current_app.extensions["content"]


def _articles(content):
    """The articles in this page's language (English where one is not translated yet)."""
    return content.articles_in(language())


def _articles_in(content, topic):
    return [a for a in _articles(content).values() if topic in a.topics]


def _groups(content):
    """Articles under their first (main) topic, in TOPICS order, so each appears once."""
    groups = {t: [] for t in TOPICS}
    for article in _articles(content).values():
        groups[article.topics[0]].append(article)
    return [(t, TOPICS[t], articles) for t, articles in groups.items() if articles]


@bp.get("/")
@public
def index():
    """Articles grouped by topic, with a search box; ?topic= narrows to one topic. Kept for a
    signed-in person like their other pages (webapp/pagecache.py): it carries their numbers."""
    topic = request.args.get("topic")
    if topic:
        return _topic_page(topic)
    content = _content()
    return pagecache.serve(lambda: (render_template("library/index.html", groups=_groups(content),
                                                    topics=_topic_links(content), current_topic=None), []))


@bp.get("/topic/<topic>")
@public
def topic(topic):
    """Every article on one topic."""
    return _topic_page(topic)


def _topic_page(topic):
    """The index narrowed to one topic; 404 for a topic that does not exist."""
    if topic not in TOPICS:
        abort(404)
    content = _content()
    articles = _articles_in(content, topic)
    if not articles:
        abort(404)
    return render_template("library/index.html", groups=[(topic, TOPICS[topic], articles)],
                           topics=_topic_links(content), current_topic=topic)


def _topic_links(content):
    return [(t, label) for t, label in TOPICS.items() if _articles_in(content, t)]


@bp.get("/search")
@public
def search():
    """Search results: the whole page, or only the results for htmx as the person types."""
    query = clean_query(request.args.get("q", ""))
    hits = current_app.extensions["library_search"][language()].search(query)
    return render("library/search.html", "library/_results.html", query=query, hits=hits,
                  suggestions=SUGGESTED_SEARCHES, first_articles=list(_articles(_content()).values())[:3])


@bp.get("/search-index.json")
@public
def search_index():
    """The index static/js/library.js searches offline. The hash in ?v= names this version, which
    may be kept for a year; any other (an old page after an update) gets the current one, unkept."""
    # The hash names one language's index (the worker fetches it without cookies or ?lang=).
    indexes = current_app.extensions["library_offline_index"]
    named = [found for found in indexes.values() if found[1] == request.args.get("v")]
    data, version = named[0] if named else indexes[language()]
    cache = "public, max-age=31536000, immutable" if request.args.get("v") == version else "no-cache"
    return Response(data, mimetype="application/json", headers={"Cache-Control": cache})


@bp.get("/<slug>")
@public
def article(slug):
    """One article: contents, related exercises, sources, and the next article."""
    content = _content()
    article = _articles(content).get(slug)
    if article is None:
        abort(404)
    exercises = [content.exercises_in(language())[s] for s in article.related_exercises]
    toc = article.toc if len(article.toc) >= TOC_MIN_HEADINGS else ()
    return pagecache.serve(lambda: (render_template(
        "library/article.html", article=article, toc=toc, exercises=exercises,
        topics=[(t, TOPICS[t]) for t in article.topics], next_article=content.next_article(slug, language())), []))
