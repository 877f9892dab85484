"""Manifest, service worker, offline page, static caching and compression."""
import json
import re


def test_manifest_has_what_install_needs(client):
    r = client.get("/manifest.webmanifest")
    assert r.mimetype == "application/manifest+json"
    m = json.loads(r.data)
    assert m["name"] == "Sciatica Companion" and m["short_name"]
    assert m["display"] == "standalone" and m["scope"] == "/" and m["start_url"].startswith("/")
    assert m["theme_color"] and m["background_color"] and m["description"]
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in m["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert {s["url"] for s in m["shortcuts"]} == {"/", "/log/"}
    for icon in m["icons"]:
        png = client.get(icon["src"])
        assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_service_worker_is_served_from_the_root_uncached(client):
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r.mimetype == "text/javascript"
    assert r.headers["Cache-Control"] == "no-cache"
    body = r.get_data(as_text=True)
    version = re.search(r'^const VERSION = "([0-9a-f]{12})";', body, re.M).group(1)
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", body, re.M).group(1))
    assert "/offline" in precache and "/red-flags" in precache
    assert any(u.startswith("/static/vendor/htmx-4.0.1.min.js?v=") for u in precache)
    assert any(u.startswith("/static/css/app.css?v=") for u in precache)
    assert "sciatica-shell-${VERSION}" in body or "`${PREFIX}shell-${VERSION}`" in body
    assert version
    for url in precache:
        assert client.get(url).status_code == 200, url


def test_worker_never_caches_posts_or_fragments(client):
    body = client.get("/sw.js").get_data(as_text=True)
    assert "request.method !== 'GET'" in body
    assert "request.mode === 'navigate'" in body
    assert "name.startsWith(PREFIX)" in body  # only our own old caches are deleted


def test_versioned_static_files_are_immutable(client):
    page = client.get("/red-flags").get_data(as_text=True)
    css = re.search(r'href="(/static/css/app.css\?v=[0-9a-f]{12})"', page).group(1)
    r = client.get(css)
    assert "immutable" in r.headers["Cache-Control"] and "max-age=31536000" in r.headers["Cache-Control"]
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "no-cache"


def test_pages_are_private_and_revalidated(client):
    assert client.get("/red-flags").headers["Cache-Control"] == "no-cache, private"


def test_responses_are_compressed(client):
    r = client.get("/static/vendor/htmx-4.0.1.min.js", headers={"Accept-Encoding": "br, gzip"})
    assert r.headers["Content-Encoding"] == "br"
    assert len(r.data) < 16_000
    r = client.get("/red-flags", headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"


def test_offline_page(client):
    r = client.get("/offline")
    assert r.status_code == 200 and b"You're offline" in r.data


def test_build_version_changes_with_content(tmp_path):
    import shutil

    from webapp import PROJECT_ROOT, create_app
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    app1 = create_app({"TESTING": True, "SECRET_KEY": "x", "CONTENT_DIR": str(tmp_path / "content"),
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'v.db'}"})
    article = next((tmp_path / "content" / "library").glob("*.md"))
    article.write_text(article.read_text() + "\nOne more sentence.\n")
    app2 = create_app({"TESTING": True, "SECRET_KEY": "x", "CONTENT_DIR": str(tmp_path / "content"),
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'v.db'}"})
    assert app1.extensions["build_version"] != app2.extensions["build_version"]
