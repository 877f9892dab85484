"""The library's search index for offline use: built at start-up from the same text the server
searches, served under its hash, named on the search form and kept by the service worker."""
import json
import re

from webapp.library.search import MAX_QUERY


def index_url(client):
    return re.search(r'data-search-index="([^"]+)"', client.get("/library/").text).group(1)


def test_the_index_holds_what_the_server_searches(app, client):
    url = index_url(client)
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    data = json.loads(r.data)
    server = app.extensions["library_search"]["en"]
    assert [a["slug"] for a in data["articles"]] == [a.slug for a, _ in sorted(server.entries, key=lambda e: e[0].order)]
    bodies = {a.slug: body for a, body in server.entries}
    for article in data["articles"]:
        assert article["body"] == bodies[article["slug"]]
        assert article["title"] and article["summary"] and article["minutes"] >= 1
    assert data["limits"]["query"] == MAX_QUERY
    assert data["suggestions"][0] == "sitting" and len(data["first"]) == 3


def test_it_is_named_by_its_hash_and_kept_offline(app, client):
    url = index_url(client)
    version = url.split("v=")[1]
    assert version == app.extensions["library_offline_index"]["en"][1] and len(version) == 12
    assert f'"{url}"' in client.get("/sw.js").text
    assert '"/library/search?lang=en"' in client.get("/sw.js").text
    assert url in client.get("/library/search?q=walking").text          # the search page has it too
    stale = client.get("/library/search-index.json?v=000000000000")
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"


def test_the_script_loads_only_where_there_is_a_search_form(client):
    assert "data-search-index" not in client.get("/library/what-is-sciatica").text
    assert "'./library.js': '[data-search-index]'" in client.get("/static/js/app.js").text
