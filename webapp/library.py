"""The education library (public: no account needed to read)."""
from flask import Blueprint, render_template

bp = Blueprint("library", __name__, url_prefix="/library")


@bp.get("/")
def index():
    """Articles by topic."""
    return render_template("library/index.html")
