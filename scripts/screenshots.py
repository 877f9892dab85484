"""Take the screenshots the web app manifest offers the browser's install dialog, from the real
app in Debian's Chromium: Today on a phone (narrow) and the report on a computer (wide).

    .venv/bin/python scripts/screenshots.py        # writes static/screenshots/*.jpg; commit them

A made-up person with six weeks of check-ins and exercises on a throw-away SQLite database;
JPEG at a modest quality, so each stays well under 100 kB (the browser fetches them only for the
install dialog, never on a visit).
"""
import datetime as dt
import random
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import browser_metrics
from bench.seed import _stamp, history, insert
from webapp import create_app
from webapp import db as dbmod
from webapp.models import CheckIn, Completion, RedFlagCheck, StageChange, User, utcnow

OUT = ROOT / "static" / "screenshots"
EMAIL, PASSWORD = "sam@example.com", "screenshots only, not a real account"
# (file, page, viewport): the sizes the manifest names are these, at one pixel per CSS pixel.
SHOTS = [("today-narrow.jpg", "/", {"width": 390, "height": 844}),
         ("report-wide.jpg", "/report/", {"width": 1280, "height": 800})]
CHROMIUM = "/usr/bin/chromium"
# The installed app hides "Add to home screen"; so do its pictures.
AS_INSTALLED = "[data-install-entry] { display: none !important; }"


def done_as_planned(user, plan, today, days, rng):
    """Most of each day's prescribed exercises ticked off, as a person keeping to the plan would."""
    rows = []
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        sessions, _extras = plan.for_day(day)
        for hour, (session, entries) in zip((9, 13, 19), sessions.items()):
            for n, entry in enumerate(entries):
                if rng.random() < 0.85:
                    rows.append(dict(user=user, exercise=entry.exercise, session=session,
                                     response=rng.choice(["better", "same", "same", "better"]),
                                     **_stamp(day, hour, 10 + n)))
    return rows


def person(plan, days=42):
    today = utcnow().date()
    user = User.register(EMAIL, PASSWORD)
    User.update(stage=2, pattern="disc", side="left", timezone="Europe/London", country="GB", display_name="Sam",
                episode_start=today - dt.timedelta(days=days + 20), onboarded_at=utcnow(),
                background_answered_at=utcnow(), recovery_offered_at=utcnow(),
                both_legs_checked_on=today).where(User.id == user.id).execute()
    rng = random.Random(3)
    checkins, _, checks = history(user, days, rng, today - dt.timedelta(days=1))
    completions = done_as_planned(user, plan, today, days, rng)
    for model, rows in ((CheckIn, checkins), (Completion, completions), (RedFlagCheck, checks)):
        insert(model, rows)
    StageChange.record(user, 2, "disc", "person", "Leg pain settling")
    StageChange.update(changed_at=utcnow() - dt.timedelta(days=days + 1)).where(StageChange.user == user).execute()


def main():
    folder = Path(tempfile.mkdtemp())
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'shots.db'}", "SECRET_KEY": "screenshots",
                      "TESTING": False, "WTF_CSRF_ENABLED": True})
    dbmod.upgrade()
    with dbmod.database.connection_context():
        person(app.extensions["program"].plan(2, "disc"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, path, viewport in SHOTS:
                context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London",
                                              service_workers="block", bypass_csp=True)
                page = context.new_page()
                page.goto(base + "/account/signin")
                page.fill("#email", EMAIL)
                page.fill("#password", PASSWORD)
                page.click("form.stack button[type=submit]")
                page.wait_for_url(base + "/")
                page.goto(base + path)
                browser_metrics.wait_until(page, browser_metrics.SCRIPTS_READY)
                page.add_style_tag(content=AS_INSTALLED)
                page.screenshot(path=str(OUT / name), type="jpeg", quality=72)
                print(f"{OUT / name}: {(OUT / name).stat().st_size // 1024} kB")
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
