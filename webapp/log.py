"""The daily log."""
from flask import Blueprint, render_template

bp = Blueprint("log", __name__, url_prefix="/log")


@bp.get("/")
def index():
    """Check in: how the leg and back are now."""
    return render_template("log/index.html")
