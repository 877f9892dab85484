"""Today and the exercise program."""
from flask import Blueprint, render_template

bp = Blueprint("program", __name__)


@bp.get("/")
def today():
    """Today: the stage, the day's exercises and a quick check-in."""
    return render_template("program/today.html")


@bp.get("/program")
def overview():
    """The week's plan for the current stage and why it is built that way."""
    return render_template("program/overview.html")
