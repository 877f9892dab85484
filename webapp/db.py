"""The database: one peewee proxy, a connection per request from a small pool, migrated by the
`flask db` commands (webapp/schema.py)."""
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request
from peewee import DatabaseError, DatabaseProxy, InterfaceError, OperationalError
from playhouse import db_url
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase
from playhouse.postgres_ext import PooledPsycopg3Database
from werkzeug.routing import IntegerConverter

database = DatabaseProxy()
# Static files need no connection; the health and readiness checks open their own so they can
# answer 503.
NO_DATABASE_ENDPOINTS = {"static", "pwa.healthz", "pwa.readyz"}
# PostgreSQL's words (SQLSTATE) for "no write can be made now", which its driver does not report
# as an OperationalError: a read-only transaction (default_transaction_read_only, a standby), no
# permission (a read-only role), and the connection classes (08...). SQLite reports a read-only
# file or folder and a full disk as OperationalError.
CANNOT_WRITE_NOW = {"25006", "42501", "53100", "53200", "53300", "57P01", "57P02", "57P03"}
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    # Deleted rows are overwritten, not just unlinked: a deleted account is gone from the file
    # too, whatever this SQLite build's own default is.
    "secure_delete": 1,
}
# Connections are kept open between requests (playhouse.pool): opening one costs more than most
# requests (SQLite runs its pragmas, and closing the last one checkpoints the WAL). A request
# still takes one at its start and gives it back at teardown, so nothing outlives a request.
POOL = {"max_connections": 32, "stale_timeout": 300}
ROW_ID_MAX = 2**31 - 1      # PostgreSQL's serial ids; SQLite cannot even hold a 20-digit number


class RowIdConverter(IntegerConverter):
    """<int:...> in every route: a number too large to be a row id is a 404, not a database error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", ROW_ID_MAX)
        super().__init__(map, *args, **kwargs)


class _TrustedUntilUsed:
    """peewee's pool without its round trip per request: it asks PostgreSQL "SELECT 1" each time
    it hands out a connection, a statement's worth of time on every page. Here a connection that
    died while kept (PostgreSQL restarted, a proxy's idle timeout) shows itself on its first
    statement instead, and that statement is sent again, once, on a new connection when it only
    reads and no transaction has begun. A first statement that writes is never sent twice (it
    may have been carried out before the connection broke): that request answers 503, like any
    other lost connection (unavailable()), and the next one gets a new connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unproven = threading.local()      # the connection just handed out, not yet used

    def _is_closed(self, conn):
        if conn.closed or not self._adapter.is_connection_reusable(conn):     # no round trip
            return True
        self._unproven.conn = conn
        return False

    def execute_sql(self, sql, params=None, **options):     # PostgresqlExtDatabase: named_cursor
        if self._state.closed and self.autoconnect:
            self.connect()          # here, not in the cursor: this first statement is watched too
        conn = self._state.conn
        if conn is None or getattr(self._unproven, "conn", None) is not conn:
            return super().execute_sql(sql, params, **options)
        self._unproven.conn = None
        try:
            return super().execute_sql(sql, params, **options)
        except (OperationalError, InterfaceError):
            if not (conn.closed or conn.broken) or self.in_transaction() or not _reads_only(sql):
                raise
        self.close()            # gives the broken connection back: the pool drops it
        self.connect()
        return super().execute_sql(sql, params, **options)


class PostgresPool(_TrustedUntilUsed, PooledPostgresqlDatabase):
    pass


class Psycopg3Pool(_TrustedUntilUsed, PooledPsycopg3Database):
    pass


POSTGRES_POOLS = {"postgres": PostgresPool, "postgresql": PostgresPool, "psycopg3": Psycopg3Pool}


def _reads_only(sql):
    return sql.lstrip()[:6].upper() == "SELECT"


def connect_url(url, pooled=True):
    """Open a peewee database for a URL; SQLite gets WAL, foreign keys and a busy timeout.
    `pooled` keeps connections for reuse. PostgreSQL is reached through psycopg 3, whether the URL
    says postgresql:// or psycopg3://."""
    scheme, sep, rest = url.partition("://")
    extra = dict(POOL) if pooled and (scheme == "sqlite" or scheme in POSTGRES_POOLS) else {}
    if pooled and scheme == "sqlite":
        url = f"sqlite+pool{sep}{rest}"
        # A pooled connection may serve another thread later (one thread at a time).
        extra["check_same_thread"] = False
    if scheme.startswith("sqlite"):
        _private_file(urlsplit(url).path[1:])
        # Transactions take the write lock when they begin: in WAL mode a transaction that has
        # read and then writes gets "database is locked" at once, without waiting on the timeout.
        return db_url.connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", **extra)
    if pooled and scheme in POSTGRES_POOLS:
        parsed = db_url.parse(url)
        return POSTGRES_POOLS[scheme](parsed.pop("database"), **parsed, **extra)
    return db_url.connect(url, **extra)


def close_all(database_obj):
    """Close every connection a pool keeps (tests and benchmarks make many apps)."""
    if hasattr(database_obj, "close_all"):
        database_obj.close_all()


def _private_file(path):
    """Create the SQLite file readable by its owner only (0600) before SQLite makes it with the
    umask's rights; its -wal and -shm files take the same rights from it."""
    if not path or path == ":memory:":
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        for name in (path, f"{path}-wal", f"{path}-shm"):
            if os.path.exists(name) and os.stat(name).st_uid == os.getuid():
                os.chmod(name, 0o600)
    except OSError:
        pass    # a read-only or someone else's file: SQLite reports what matters when it opens


def init_app(app):
    database.initialize(connect_url(app.config["DATABASE_URL"]))
    app.extensions["database"] = database.obj

    @app.before_request
    def _open():
        if request.endpoint not in NO_DATABASE_ENDPOINTS:
            database.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def _close(exc):
        if not database.is_closed():
            database.close()



def runner():
    return Runner(database.obj, str(MIGRATIONS_DIR))


def upgrade():
    """Apply pending migrations; returns the names applied (empty when up to date)."""
    with database.connection_context():
        return runner().up()


def unavailable(error):
    """True when `error` says the database cannot answer or cannot be written right now (down,
    busy, read-only, full): nothing the request sent was wrong, so it is a 503, never a 500."""
    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    if not isinstance(error, DatabaseError):
        return False
    original = error.__cause__ or error.__context__       # the driver's own error, peewee's wrapped
    # psycopg 3 names the SQLSTATE `sqlstate`; psycopg2 named it `pgcode`.
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None) or ""
    return code in CANNOT_WRITE_NOW or code.startswith("08")


def is_reachable():
    """True when a trivial query succeeds (for /healthz)."""
    try:
        with current_app.app_context():
            database.connect(reuse_if_open=True)
            database.execute_sql("SELECT 1").fetchone()
        return True
    except Exception:  # any driver error means "not reachable"
        return False
