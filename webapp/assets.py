"""Static assets: content-hashed URLs, long cache headers, compression, and the build version."""
import base64
import hashlib
import re
from pathlib import Path

import brotli
from flask import g, request, url_for
from flask_compress import Compress
from markupsafe import Markup

HTMX_FILE = "vendor/htmx-4.0.1.min.js"
INLINE_SCRIPTS = ("js/boot.js",)      # static/js/boot.js starts the others after the first paint
SHELL_FILES = ("css/app.css", "js/app.js", "js/outbox-core.js", "js/outbox.js", "js/log.js", "js/pwa.js", "js/i18n.js",
               HTMX_FILE,
               "icons/icon-192.png", "icons/icon-512.png", "icons/maskable-512.png")
COMPRESSIBLE = ["text/html", "text/css", "text/javascript", "application/javascript",
                "application/json", "application/manifest+json", "image/svg+xml", "text/calendar",
                "text/csv"]

# Tells static/sw.js that a no-store page may still be kept on the phone for offline use.
KEEP_OFFLINE = {"X-Keep-Offline": "1"}

compress = Compress()
STATIC_BR_LEVEL = 11   # static files are compressed once per build, so the smallest form is cheap
URLS_KEPT = 4096     # far more than the pages, exercises and sessions there are


def init_app(app):
    static = Path(app.static_folder)
    hashes = {str(p.relative_to(static)): _digest(p.read_bytes())
              for p in sorted(static.rglob("*")) if p.is_file()}
    app.extensions["asset_hashes"] = hashes
    app.extensions["build_version"] = _build_version(app, hashes)

    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSIBLE)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    # Pages are packed per request: level 6 takes about a millisecond on Today (57 kB) and sends
    # 9% less than flask-compress's 4 (static files get 11, once: _static_at_best_compression).
    app.config.setdefault("COMPRESS_BR_LEVEL", 6)
    compress.init_app(app)

    urls = {}     # resolved once per build and site root, not on every page

    def asset(filename):
        """URL of a static file with its content hash, so it can be cached for a year."""
        key = ("static", filename, request.script_root)
        if key not in urls:
            urls[key] = url_for("static", filename=filename, v=hashes.get(filename, "0"))
        return urls[key]

    def url_of(endpoint, **values):
        """url_for(endpoint, **values), kept: for the navigation and the banner, and rows drawn
        many times a page with values from a short, fixed list (an exercise and a session).
        Never for values a visitor chooses, which would grow the list without end."""
        key = (endpoint, tuple(sorted(values.items())) if values else None, request.script_root)
        found = urls.get(key)
        if found is None:
            found = url_for(endpoint, **values)
            if len(urls) < URLS_KEPT:
                urls[key] = found
        return found

    # Scripts inlined in every page (the CSP allows exactly these texts, by hash).
    # Its whole-line comments stay in the file: every page would carry them.
    inline = {name: "".join(line for line in (static / name).read_text().splitlines(keepends=True)
                            if not line.lstrip().startswith("//"))
              for name in INLINE_SCRIPTS}
    app.extensions["inline_script_hashes"] = tuple(
        base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() for text in inline.values())

    def inline_script(name):
        return Markup(inline[name])

    app.jinja_env.globals["inline_script"] = inline_script
    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["url_of"] = url_of
    app.jinja_env.globals["build_version"] = app.extensions["build_version"]

    packed = {}   # (file, mtime, size): its brotli bytes, made on the file's first request

    # Registered after Compress, so it runs first: flask-compress leaves a response that already
    # has a Content-Encoding alone, and keeps compressing pages at its quicker default level.
    # Modules that a module imports come without ?v=, so every static file is packed here.
    @app.after_request
    def _static_at_best_compression(response):
        filename = request.view_args.get("filename") if request.endpoint == "static" else None
        if (filename not in hashes or response.status_code != 200 or response.mimetype not in COMPRESSIBLE
                or "br" not in request.accept_encodings):
            return response
        path = static / filename
        stat = path.stat()
        key = (filename, stat.st_mtime_ns, stat.st_size)
        if key not in packed:
            data = path.read_bytes()
            if response.mimetype == "text/css":
                data = css_without_comments(data)
            packed[key] = brotli.compress(data, quality=STATIC_BR_LEVEL)
        response.direct_passthrough = False
        response.set_data(packed[key])
        response.headers["Content-Encoding"] = "br"
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:br")
        return response.make_conditional(request)

    @app.after_request
    def _cache_headers(response):
        if request.endpoint == "static" and request.args.get("v"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        elif request.endpoint == "static":
            response.headers["Cache-Control"] = "no-cache"
        elif "Cache-Control" not in response.headers and g.get("user") is not None:
            # A signed-in person's page: no browser or proxy cache may keep it. The service worker
            # keeps its own copy for offline use (KEEP_OFFLINE) and drops it at every way out.
            response.headers["Cache-Control"] = "no-store, private"
            response.headers.update(KEEP_OFFLINE)
        elif "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-cache, private"
        return response


CSS_COMMENT = re.compile(rb"/\*.*?\*/", re.DOTALL)


def css_without_comments(css):
    """The stylesheet as the browser needs it: its comments are for us, and a sixth of its weight
    on the wire. (No string or URL in app.css holds "/*"; tests/test_pwa.py checks.)"""
    return CSS_COMMENT.sub(b"", css)


def _digest(data):
    return hashlib.sha256(data).hexdigest()[:12]


def _build_version(app, hashes):
    """One hash over static files, templates and content: it names the service worker's caches."""
    h = hashlib.sha256()
    for name, digest in sorted(hashes.items()):
        h.update(f"{name}:{digest}\n".encode())
    for folder in (Path(app.template_folder), Path(app.config["CONTENT_DIR"])):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(folder)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]
