"""Sciatica Companion: an offline-first companion for people with sciatica."""
import os
import secrets
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

# static/, templates/ and content/ sit at the top of a checkout (editable installs too); a built
# wheel carries them inside the package, in webapp/_site/ (setup.py maps them there).
_PACKAGED = Path(__file__).resolve().parent / "_site"
PROJECT_ROOT = _PACKAGED if (_PACKAGED / "static").is_dir() else Path(__file__).resolve().parent.parent

# Settings read from the environment when set; everything else keeps its default.
ENV_SETTINGS = ("SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URI", "PUBLIC_BASE_URL",
                "TRUSTED_PROXIES", "MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER",
                "SOURCE_URL", "CONTACT_EMAIL",
                # the background queue and Web Push reminders (webapp/queue.py, webapp/push/)
                "REDIS_URL", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT", "PUSH_QUIET_HOURS", "PUSH_SERVICE_HOSTS")
ENV_FLAGS = ("SESSION_COOKIE_SECURE", "PREFERRED_URL_SCHEME_HTTPS", "RATELIMIT_ENABLED",
             "MAIL_USE_TLS", "MAIL_USE_SSL")
ENV_NUMBERS = ("THROTTLE_ACCOUNT_FREE", "THROTTLE_ADDRESS_FREE", "THROTTLE_LONGEST_WAIT",
               "MAIL_PORT", "MAIL_TIMEOUT", "PUSH_DAILY_CAP", "PUSH_RETRIES", "PUSH_RETRY_DELAY")


def create_app(test_config=None):
    """Build the application: defaults, then environment or test config, then the parts."""
    from .application import App
    app = App(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("INSTANCE_PATH") or None,
        static_folder=str(PROJECT_ROOT / "static"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{Path(app.instance_path) / 'sciatica.db'}",
        CONTENT_DIR=str(PROJECT_ROOT / "content"),
        PERMANENT_SESSION_LIFETIME=timedelta(days=90),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        SESSION_COOKIE_NAME="sc_session",
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=False,  # the token, bound to the session, is the protection
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        # The coarse limits per address (webapp/security.py: LIMITS) count in RATELIMIT_STORAGE_URI,
        # else in REDIS_URL when it is set (every server then counts as one), else in this process.
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=None,
        RATELIMIT_HEADERS_ENABLED=False,
        # Sign-in and sign-up (webapp/throttle.py): failures allowed per account and per address
        # before each new one doubles the wait, up to THROTTLE_LONGEST_WAIT seconds.
        THROTTLE_ACCOUNT_FREE=5,
        THROTTLE_ADDRESS_FREE=20,
        THROTTLE_LONGEST_WAIT=15 * 60,
        TRUSTED_PROXIES="",         # addresses of proxies whose X-Forwarded-For is believed
        PUBLIC_BASE_URL=None,       # e.g. https://sciatica.example.org: share and calendar links
        # Password-reset mail (webapp/auth/reset.py): offered only when MAIL_SERVER and
        # MAIL_DEFAULT_SENDER are set. Always real SMTP, in tests too (they run a local server).
        MAIL_SERVER=None,
        MAIL_PORT=587,
        MAIL_USE_TLS=True,
        MAIL_USE_SSL=False,
        MAIL_DEFAULT_SENDER=None,
        MAIL_TIMEOUT=10,
        MAIL_BACKEND="smtp",
        # The About and accessibility pages: where the code is developed (the running code is always
        # a download at /source), and who to write to about the app or a problem using it.
        SOURCE_URL=None,
        CONTACT_EMAIL=None,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        _load_environment(app)
    else:
        app.config.from_mapping(test_config)
    _must_be_writable(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    from . import (
        assets,
        chrome,
        content,
        db,
        i18n,
        maintenance,
        pagecache,
        pwa,
        queue,
        schema,
        security,
        sync,
    )
    app.url_map.converters["int"] = db.RowIdConverter
    db.init_app(app)
    pagecache.init_app(app)
    queue.init_app(app)
    security.init_app(app)
    i18n.init_app(app)              # the person's language (Flask-Babel)
    assets.init_app(app)
    chrome.init_app(app)
    content.init_app(app)           # before any area: every area reads the same, valid content
    app.register_blueprint(pwa.bp)
    app.register_blueprint(sync.bp)
    app.cli.add_command(schema.cli)
    app.cli.add_command(maintenance.purge_command)
    app.cli.add_command(maintenance.mail_test_command)
    app.cli.add_command(maintenance.notices_command)

    from . import about, auth, library, log, practice, program, push, report, safety
    for area in (auth, safety, log, library, program, report, practice, push, about):
        area.init_app(app)
    if not (app.testing or app.debug):
        compile_templates(app)
    return app


def compile_templates(app):
    """Compile every template now rather than on its first use: otherwise the first person each
    worker serves after a start waits for it (about a tenth of a second for Today). Tests make an
    app per test and leave it out; while developing, templates are read again when they change."""
    for name in app.jinja_env.list_templates(extensions=("html", "txt")):
        app.jinja_env.get_template(name)


def _load_environment(app):
    for name in ENV_SETTINGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    for name in ENV_FLAGS:
        if name in os.environ:
            app.config[name] = os.environ[name].strip().lower() in ("1", "true", "yes", "on")
    for name in ENV_NUMBERS:
        if os.environ.get(name):
            app.config[name] = int(os.environ[name])
    if app.config.get("SESSION_COOKIE_SECURE"):
        app.config["PREFERRED_URL_SCHEME"] = "https"


class CannotStart(SystemExit):
    """Start-up stops here, with one line on stderr saying what and why (no traceback). The exit
    status is 3, gunicorn's "worker failed to boot", so it stops rather than try again and again."""

    def __init__(self, message):
        print(message, file=sys.stderr, flush=True)
        super().__init__(3)
        self.message = message


def _must_be_writable(app):
    """The instance folder (the secret key, the VAPID key and the queue's SQLite file are made
    there, and the default SQLite database lives there), a SQLite database's folder and its file
    must take writes: otherwise stop now, saying which and why, rather than failing on the first
    sign-in. A PostgreSQL deployment with SECRET_KEY, VAPID_PRIVATE_KEY and REDIS_URL set may run
    from a read-only instance folder."""
    instance = Path(app.instance_path)
    url = app.config["DATABASE_URL"]
    path = url.split("///", 1)[1].split("?", 1)[0] if url.startswith("sqlite:///") else ""
    database = Path(path).absolute() if path and path != ":memory:" else None
    makes_files = not (app.config.get("SECRET_KEY") and app.config.get("VAPID_PRIVATE_KEY")
                       and (app.config.get("REDIS_URL") or app.config.get("QUEUE_IMMEDIATE")))
    if makes_files or (database and database.parent == instance):
        _private_folder(instance)
    if database and database.parent.is_dir():       # (a missing folder: /healthz says so)
        _writable_folder(database.parent, "the database's folder")
        try:
            if database.exists():
                open(database, "r+b").close()       # opened for writing, nothing written
        except OSError as error:
            raise CannotStart(f"Sciatica Companion cannot start: the database file {database} cannot "
                              f"be written ({error.strerror}). Make it writable by the user that runs "
                              "the app, or point DATABASE_URL elsewhere.") from None


def _private_folder(path: Path):
    """The instance folder holds the database and the secret key: only its owner may look in,
    and it must take writes."""
    _writable_folder(path, "the instance folder")
    try:
        path.chmod(0o700)
    except PermissionError:
        pass    # someone else's folder: they set its rights


def _writable_folder(path: Path, what):
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=path, prefix=".write-check-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise CannotStart(f"Sciatica Companion cannot start: {what} {path} cannot be written "
                          f"({error.strerror}). Make it writable by the user that runs the app, or set "
                          "INSTANCE_PATH to a folder that is.") from None


def _instance_secret(instance: Path) -> str:
    """Generate a secret key once and keep it in the instance folder (never in the code)."""
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()
