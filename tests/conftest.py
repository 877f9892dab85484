"""Fixtures: a real database file per test (SQLite always; PostgreSQL too when DATABASE_URL is set).
Shared helpers are in tests/helpers.py; browser fixtures in tests/browser/conftest.py."""
import os

import pytest

from webapp import PROJECT_ROOT
from webapp import db as dbmod
from webapp.content import load
from webapp.models import User

from .helpers import Auth, make_app, practitioner_signup, reset_postgres

PG_URL = os.environ.get("DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL.startswith(("postgres", "psycopg")) else [])


def database_url(backend, tmp_path):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


def _serve(app):
    yield app
    if not dbmod.database.is_closed():
        dbmod.database.close()
    dbmod.close_all(app.extensions["database"])     # the pool's idle connections too


@pytest.fixture
def app(backend, tmp_path):
    yield from _serve(make_app(database_url(backend, tmp_path)))


@pytest.fixture
def csrf_app(backend, tmp_path):
    """The same app with CSRF protection switched on, as in production."""
    yield from _serve(make_app(database_url(backend, tmp_path), WTF_CSRF_ENABLED=True))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    """The database, for asserting on rows directly (peewee reconnects on demand)."""
    yield dbmod.database


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture(scope="session")
def content():
    """Everything under content/, as the app loads it (no app, no database)."""
    return load(PROJECT_ROOT / "content")


@pytest.fixture(scope="session")
def rules(content):
    """The program rules in content/program.yaml."""
    return content.program


@pytest.fixture
def jo(app):
    """A signed-in practitioner, in a browser of their own."""
    c = app.test_client()
    assert practitioner_signup(c).status_code == 303
    return c


@pytest.fixture
def ana(auth):
    """A signed-in person who has not answered the welcome questions."""
    auth.signup("ana@example.com")
    return User.by_email("ana@example.com")
