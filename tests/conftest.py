"""Fixtures: a real database file per test (SQLite always; PostgreSQL too when DATABASE_URL is set)."""
import os
import re

import pytest

from webapp import create_app
from webapp import db as dbmod

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
