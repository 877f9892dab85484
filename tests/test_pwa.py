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
    version = re.search(r'^const VERSION = "([0-9a-f]{12})";', body, re.MULTILINE).group(1)
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", body, re.MULTILINE).group(1))
    assert "/offline?lang=en" in precache and "/red-flags?lang=en" in precache
    assert any(u.startswith("/static/vendor/htmx-4.0.1.min.js?v=") for u in precache)
    assert any(u.startswith("/static/css/app.css?v=") for u in precache)
    assert "`${PREFIX}shell-${LANG}-${VERSION}`" in body and 'const LANG = "en";' in body
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


def test_every_page_says_who_it_was_made_for(client, auth):
    from webapp.models import User
    assert client.get("/red-flags").headers["X-Person"] == ""
    auth.signup()
    key = client.get("/account/").headers["X-Person"]
    assert re.fullmatch(r"[0-9a-f]{24}", key)
    page = client.get("/red-flags").get_data(as_text=True)
    assert f'data-person="{key}"' in page and User.by_email("ana@example.com")
    assert "X-Person" not in client.get("/manifest.webmanifest").headers    # pages only
    assert "X-Person" not in client.get("/static/css/app.css").headers
    auth.signout()
    assert client.get("/account/signin?signed_out=1").headers["X-Person"] == ""


def test_pages_for_nobody_carry_both_navigations_the_signed_in_one_hidden(client, auth):
    page = client.get("/offline").get_data(as_text=True)
    assert page.count('data-chrome="signed-out"') == 3          # brand, Sign in, tab bar
    assert page.count('data-chrome="signed-in" hidden') == 3
    assert page.count('data-chrome="signed-in"') == 3
    assert 'data-signed-in="false"' in page and 'data-person=""' in page
    auth.signup()
    page = client.get("/red-flags").get_data(as_text=True)
    assert 'data-chrome="signed-out"' not in page and 'data-chrome="signed-in" hidden' not in page
    assert page.count('data-chrome="signed-in"') == 3


def test_home_screen_meta_tags_and_touch_icon(client):
    import struct
    page = client.get("/account/signin").get_data(as_text=True)
    for tag in ('name="apple-mobile-web-app-capable" content="yes"', 'name="apple-mobile-web-app-title"',
                'name="apple-mobile-web-app-status-bar-style"', 'name="mobile-web-app-capable"'):
        assert tag in page
    href = re.search(r'<link rel="apple-touch-icon" sizes="180x180" href="([^"]+)"', page).group(1)
    png = client.get(href).data
    width, height, _depth, colour = struct.unpack(">IIBB", png[16:26])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (180, 180)
    assert colour == 2                     # RGB, no alpha: iOS shows transparency as black


def test_install_page_for_anyone_and_linked_from_today_and_account(client, auth):
    r = client.get("/install")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    for part in ('id="install-ios"', 'id="install-other"', 'id="install-prompt"', "Add to Home Screen",
                 "7 days", "safe on the server"):
        assert part in html
    assert html.count('<svg class="drawing"') == 3
    auth.signup()
    assert 'href="/install"' in client.get("/account/").get_data(as_text=True)


def test_start_url_is_what_the_worker_strips_to_today(client):
    m = json.loads(client.get("/manifest.webmanifest").data)
    body = client.get("/sw.js").get_data(as_text=True)
    query = m["start_url"].split("?", 1)[1]
    name = query.split("=")[0]
    assert m["start_url"].startswith("/?")
    tracking = re.search(r"^const TRACKING = /(.*)/;$", body, re.MULTILINE).group(1)
    assert re.fullmatch(tracking, name)
    assert "'forget-person'" in body


def test_a_page_kept_in_the_background_leaves_the_message_for_the_page_the_person_sees(client, auth):
    auth.signup()
    with client.session_transaction() as session:
        session["_flashes"] = [("message", "Your passkey is added.")]
    warmed = client.get("/account/", headers={"X-Warm": "1"}).get_data(as_text=True)
    assert "Your passkey is added." not in warmed
    assert "Your passkey is added." in client.get("/account/").get_data(as_text=True)
    assert "Your passkey is added." not in client.get("/account/").get_data(as_text=True)   # once


def test_versioned_static_files_are_packed_at_brotlis_best_level(client):
    import brotli

    from webapp.assets import STATIC_BR_LEVEL, css_without_comments

    page = client.get("/red-flags").get_data(as_text=True)
    css = re.search(r'href="(/static/css/app.css\?v=[0-9a-f]{12})"', page).group(1)
    with open("static/css/app.css", "rb") as f:
        original = f.read()
    for _ in range(2):      # the second answer comes from what the first one packed
        r = client.get(css, headers={"Accept-Encoding": "gzip, br"})
        assert r.status_code == 200 and r.headers["Content-Encoding"] == "br"
        assert "Accept-Encoding" in r.headers["Vary"]
        sent = brotli.decompress(r.data)
        assert sent == css_without_comments(original) and b"/*" not in sent and b"*/" not in sent
        # Only the comments went: every rule, selector and value is there, in order.
        assert re.sub(rb"\s+", b"", sent) == re.sub(rb"\s+", b"", re.sub(rb"/\*.*?\*/", b"", original, flags=re.DOTALL))
        assert sent.count(b"{") == original.count(b"{") - re.sub(rb"[^{]", b"", b"".join(re.findall(rb"/\*.*?\*/", original, re.DOTALL))).count(b"{")
        assert len(r.data) == len(brotli.compress(sent, quality=STATIC_BR_LEVEL)) < len(brotli.compress(original, quality=4)) - 4000
    again = client.get(css, headers={"Accept-Encoding": "br", "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    # No string was cut by a comment's opening inside it: every line's quotes still pair up.
    assert all(line.count(b'"') % 2 == 0 and line.count(b"'") % 2 == 0 for line in sent.splitlines())
    assert sent.count(b"{") == sent.count(b"}")
    # A module another imports comes without ?v= (app.js's `import './log.js'`): packed the same.
    r = client.get("/static/js/log.js", headers={"Accept-Encoding": "br"})
    with open("static/js/log.js", "rb") as f:
        assert brotli.decompress(r.data) == f.read()
    assert r.headers["Content-Encoding"] == "br" and r.headers["Cache-Control"] == "no-cache"
    # A browser without brotli gets the file as flask-compress serves it, never brotli.
    assert client.get(css, headers={"Accept-Encoding": "gzip"}).headers.get("Content-Encoding") != "br"


def test_pages_are_packed_at_brotli_level_6(client):
    import brotli

    r = client.get("/red-flags", headers={"Accept-Encoding": "br"})
    assert r.headers["Content-Encoding"] == "br"
    page = brotli.decompress(r.data)
    assert b"<html" in page and len(r.data) == len(brotli.compress(page, quality=6)) < len(brotli.compress(page, quality=4))


def test_the_worker_keeps_every_module_so_a_page_loads_its_own_offline(client):
    """app.js loads most modules only where a page needs them (and timer.js at a tap on Today):
    the installed app must have each of them before it goes offline (boot.js is inlined)."""
    from webapp import PROJECT_ROOT

    body = client.get("/sw.js").get_data(as_text=True)
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", body, re.MULTILINE).group(1))
    kept = {url.split("?")[0] for url in precache}
    modules = {f"/static/js/{p.name}" for p in (PROJECT_ROOT / "static" / "js").glob("*.js")} - {"/static/js/boot.js"}
    assert {"/static/js/outbox.js", "/static/js/timer-ready.js"} <= modules
    assert modules - kept == set()
