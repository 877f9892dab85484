"""About, privacy, help and accessibility (public, kept offline), and /source, the code this
server runs as a download."""
from importlib import metadata
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template

from .. import PROJECT_ROOT
from ..security import public
from . import source

bp = Blueprint("about", __name__)
PACKAGE = Path(__file__).resolve().parent.parent


def version():
    """The installed release (pyproject's version) and the build: a hash of the files served."""
    try:
        release = metadata.version("sciatica-companion")
    except metadata.PackageNotFoundError:
        release = "not installed"
    return release, current_app.extensions["build_version"]


def source_url():
    """Where the code is developed, if the server says (SOURCE_URL); the download is always offered."""
    return current_app.config.get("SOURCE_URL") or None


@bp.get("/about")
@public
def about():
    release, build = version()
    return render_template("about/about.html", release=release, build=build, source_url=source_url())


@bp.get("/privacy")
@public
def privacy():
    return render_template("about/privacy.html",
                           session_days=current_app.permanent_session_lifetime.days)


@bp.get("/help", endpoint="help")
@public
def help_page():
    return render_template("about/help.html")


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("about/accessibility.html", source_url=source_url())


@bp.get("/licence")
@public
def licence():
    """The GNU AGPL v3 as the FSF publishes it: the LICENSE file the source archive carries."""
    return Response((PROJECT_ROOT / "LICENSE").read_text(), mimetype="text/plain",
                    headers={"Cache-Control": "no-cache"})


@bp.get("/source")
@public
def download_source():
    """The running code as a .tar.gz: what AGPL-3.0 section 13 promises every user."""
    release, build = version()
    top = f"sciatica-companion-{release}-{build}"
    data = source.archive(str(PACKAGE), str(PROJECT_ROOT), top)
    return Response(data, mimetype="application/gzip", headers={
        "Content-Disposition": f'attachment; filename="{top}.tar.gz"', "Cache-Control": "no-cache"})
