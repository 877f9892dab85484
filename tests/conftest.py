"""Fixtures: a real database file per test (SQLite always; PostgreSQL too when DATABASE_URL is set)."""
import itertools
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp import db as dbmod
from webapp.security import limiter

# bench/ is a folder of scripts, not a package; the gates and the browser helpers share its code.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import browser_metrics  # noqa: E402

PG_URL = os.environ.get("DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL.startswith(("postgres", "psycopg")) else [])


def reset_postgres(url):
    """Give the test an empty schema on the throw-away PostgreSQL server."""
    database = dbmod.connect_url(url)
    with database.connection_context():
        database.execute_sql("DROP SCHEMA public CASCADE")
        database.execute_sql("CREATE SCHEMA public")
    database.close()


def make_app(url, **extra):
    config = {"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
              "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True}
    config.update(extra)
    app = create_app(config)
    if app.config["RATELIMIT_ENABLED"]:
        limiter.reset()  # the throttle's memory storage would otherwise carry over between tests
    dbmod.upgrade()
    return app


def database_url(backend, tmp_path):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def app(backend, tmp_path):
    app = make_app(database_url(backend, tmp_path))
    yield app
    if not dbmod.database.is_closed():
        dbmod.database.close()


@pytest.fixture
def csrf_app(backend, tmp_path):
    """The same app with CSRF protection switched on, as in production."""
    app = make_app(database_url(backend, tmp_path), WTF_CSRF_ENABLED=True)
    yield app
    if not dbmod.database.is_closed():
        dbmod.database.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    """The database, for asserting on rows directly (peewee reconnects on demand)."""
    yield dbmod.database


class Auth:
    def __init__(self, client):
        self.client = client

    def signup(self, email="ana@example.com", password="correct horse battery"):
        return self.client.post("/account/signup", data={"email": email, "password": password,
                                                         "privacy": "y"})

    def signin(self, email="ana@example.com", password="correct horse battery"):
        return self.client.post("/account/signin", data={"email": email, "password": password})

    def signout(self):
        return self.client.post("/account/signout")


@pytest.fixture
def auth(client):
    return Auth(client)


def csrf_token_from(html):
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    return match.group(1) if match else None


# ---- Browser tests: Debian's Chromium (never a downloaded browser) against a live server ----

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": CHROMIUM_ARGS + list(browser_type_launch_args.get("args", []))}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}}


class LiveServer:
    """The app on a real HTTP port in a thread; can be stopped and started again on the same port."""

    def __init__(self, app):
        self.app = app
        self.port = None
        self.server = None

    def start(self):
        self.server = make_server("127.0.0.1", self.port or 0, self.app, threaded=True)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("live") / "live.db"
    app = make_app(f"sqlite:///{path}", TESTING=False, WTF_CSRF_ENABLED=True,
                   LOGIN_LIMITS="1000 per minute", SIGNUP_LIMITS="1000 per minute")
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live(live_server):
    """Point the shared database proxy back at the live app's database for this test."""
    dbmod.database.initialize(live_server.app.extensions["database"])
    return live_server


_signups = itertools.count(1)


def browser_signup(page, live, email=None):
    email = email or f"person{next(_signups)}-{os.getpid()}@example.com"
    page.goto(live.url + "/account/signup")
    page.fill("#email", email)
    page.fill("#password", "correct horse battery")
    page.check("#privacy")
    page.click("button[type=submit]")
    # Today sends people who have not answered the welcome questions there first.
    page.wait_for_url(lambda url: url in (live.url + "/", live.url + "/welcome"))
    return email


def wait_until(page, expression, timeout=10.0):
    """Poll a JavaScript expression in the page until it is truthy; returns its value."""
    return browser_metrics.wait_until(page, expression, timeout)


wait_for_service_worker = browser_metrics.wait_for_controller


def eventually(check, timeout=10.0, interval=0.05):
    """Poll a Python check (e.g. a row the outbox sends in the background) until it is truthy."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {check.__name__}")
        time.sleep(interval)
    return value


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
