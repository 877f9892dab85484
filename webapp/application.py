"""The Flask class the app runs on: Flask, with two of the methods Flask leaves to be overridden."""
from flask import Flask, g
from peewee import DatabaseError, InterfaceError

from . import db
from .security import busy_page

SYNC_KEPT = 1024        # functions; the app registers about 60 hooks, views and context processors


class App(Flask):
    """Answers 503 rather than 500 when the write that finishes a response cannot be made, and
    remembers which functions need no wrapping to run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync_of = {}

    def finalize_request(self, rv, from_error_handler=False):
        """Saving the session (the first page after a sign-in) with the database read-only or the
        disk full happens after the view, where Flask's error handlers do not reach."""
        try:
            return super().finalize_request(rv, from_error_handler)
        except (DatabaseError, InterfaceError) as error:
            if from_error_handler or not db.unavailable(error):
                raise
            self.logger.exception("database unavailable while finishing a response")
            g.database_unwritable = True        # the session is not saved again, nor a cookie set
            return super().finalize_request(busy_page(), from_error_handler=True)

    def ensure_sync(self, func):
        """Flask's answer, kept per function: Flask asks `inspect` about every hook, view and
        context processor on every request (some fifteen a page), and here each is a plain
        function registered once. Bounded, in case something registers a function per request."""
        try:
            return self._sync_of[func]
        except KeyError:
            pass
        except TypeError:               # unhashable: asked every time, as Flask does
            return super().ensure_sync(func)
        sync = super().ensure_sync(func)
        if len(self._sync_of) < SYNC_KEPT:
            self._sync_of[func] = sync
        return sync
