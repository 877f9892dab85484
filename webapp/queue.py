"""Background work: one huey queue (the task queue by peewee's author) for the whole app.

Its storage is a SQLite file in the instance folder by default, so one machine needs nothing more
(`make run` starts a consumer beside gunicorn); with several servers, REDIS_URL points every app
and consumer at one Redis, and each server runs its own consumer. Tasks are defined where their
work is (webapp/push/tasks.py) on the `huey` below; `huey_consumer webapp.worker.huey` runs them.
A task runs inside `app_context()`: the app the process built, its database connection opened for
the task and closed after it.

QUEUE_IMMEDIATE (tests only) runs a task at once, in the process that asks for it, in memory.
"""
import contextlib
import os
from pathlib import Path

from flask import current_app, has_app_context
from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from .db import database

# Until init_app points it somewhere: memory, so importing this module touches no file.
huey = Huey("sciatica-companion", storage_class=MemoryStorage, utc=True, results=False)
_state = {"app": None}


def init_app(app):
    """Point the queue at this app's storage: Redis when REDIS_URL is set, else a SQLite file in
    the instance folder (QUEUE_PATH)."""
    app.config.setdefault("REDIS_URL", None)
    app.config.setdefault("QUEUE_PATH", str(Path(app.instance_path) / "queue.db"))
    app.config.setdefault("QUEUE_IMMEDIATE", False)
    if app.config["REDIS_URL"]:
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": app.config["REDIS_URL"]}
    else:
        if not app.config["QUEUE_IMMEDIATE"]:
            _private_file(app.config["QUEUE_PATH"])
        huey.storage_class, huey.storage_kwargs = SqliteStorage, {"filename": app.config["QUEUE_PATH"]}
    # Set directly: the `immediate` setter would first rebuild the storage it is leaving.
    huey._immediate = bool(app.config["QUEUE_IMMEDIATE"])
    old, huey.storage = huey.storage, huey.create_storage()     # memory when immediate
    if hasattr(old, "close"):
        old.close()
    _state["app"] = app
    app.extensions["queue"] = huey


def _private_file(path):
    """Create the queue's file readable by its owner only, like the database (its tasks name people)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    except OSError:
        pass        # SQLite reports what matters when it opens the file


def current_app_object():
    """The app this process built (the consumer's, or the web worker's)."""
    if _state["app"] is None:
        raise RuntimeError("webapp.queue: no app yet (create_app() was not called in this process)")
    return _state["app"]


@contextlib.contextmanager
def app_context():
    """Run a task's body in the app's context, with a database connection that is closed after
    it. A task run at once (QUEUE_IMMEDIATE) is already inside the asker's context: it uses that."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    app = current_app_object()
    with app.app_context():         # its teardown closes the connection (webapp/db.py)
        database.connect(reuse_if_open=True)
        yield app
