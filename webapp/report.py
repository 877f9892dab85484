"""The practitioner report."""
from flask import Blueprint, render_template

bp = Blueprint("report", __name__, url_prefix="/report")


@bp.get("/")
def index():
    """A summary of the log for a visit."""
    return render_template("report/index.html")
