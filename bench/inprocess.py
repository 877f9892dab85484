"""Server time per request in-process (the Flask test client: no network, no gunicorn, no wrk):
Today over three years of one person's data, and the static /red-flags page, which costs what
every kept page pays (session, the kept page's key, CSRF token, filling it in), and drawn for
someone signed out, what drawing the base template, banner and navigation costs; every other signed-in
page, the practitioner's person page and caseload (200 linked people); the report over its default
range and over three years. Also a profile of Today: the ten functions with the most cumulative
time."""
import cProfile
import datetime as dt
import io
import pstats
import statistics
import time

from . import seed

WARMUP = 20
SKIP = ("bench/", "werkzeug/test.py", "flask/testing.py", "flask/app.py")


def _client(database_url, email=seed.PERSON):
    from webapp import create_app
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    response = client.post("/account/signin", data={"email": email, "password": seed.PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def median_ms(client, path, runs, warmup=WARMUP):
    """Median wall time of `runs` GETs of `path`, after a warm-up; every answer must be a 200."""
    for _ in range(warmup):
        client.get(path)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return round(statistics.median(samples), 3)


def profile(client, path, runs=100, top=10):
    """The `top` functions by cumulative time over `runs` GETs of `path`, as text lines."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative")
    rows = []
    for func, (_cc, calls, _tt, cumtime, _callers) in sorted(
            stats.stats.items(), key=lambda item: item[1][3], reverse=True):
        filename, line, name = func
        # The test client and Flask's dispatch wrap every request; show the work inside them.
        if any(part in filename for part in SKIP) or name in ("<module>", "enable", "disable"):
            continue
        where = filename.split("site-packages/")[-1].split("/webapp/")[-1] if filename != "~" else "builtin"
        rows.append(f"{cumtime / runs * 1000:8.3f} ms/request  {calls / runs:7.1f} calls  {where}:{line} {name}")
        if len(rows) == top:
            break
    return rows


def run(database_url, runs=300, page_runs=60):
    from .throughput import PAGES
    client = _client(database_url)
    out = {"today_ms": median_ms(client, "/", runs), "red_flags_ms": median_ms(client, "/red-flags", runs),
           # Signed out, nothing is kept: the base template, banner and navigation drawn every time.
           "red_flags_drawn_ms": median_ms(client.application.test_client(), "/red-flags", runs),
           "today_profile": profile(client, "/")}
    out["pages_ms"] = {name: median_ms(client, path, page_runs) for name, path in PAGES.items() if name != "today"}
    practitioner = _client(database_url, seed.PRACTITIONER)
    out["pages_ms"]["person page"] = median_ms(practitioner, seed.person_page(database_url), page_runs)
    out["caseload_ms"] = median_ms(practitioner, "/practice/", 7, warmup=2)
    out["changed_ms"] = {name: changed_ms(client, path, database_url) for name, path in PAGES.items()}
    return out


def changed_ms(client, path, database_url, runs=15):
    """Median server time of `path` just after the person's records changed (their data_version
    moved, as every check-in, answer or exercise done moves it): the page drawn afresh, as the
    first view after a write is. The kept figures above are every later view."""
    from webapp.models import User
    app = client.application
    samples = []
    for _ in range(runs):
        with app.app_context():
            User.update(data_version=User.data_version + 1).where(User.email == seed.PERSON).execute()
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return round(statistics.median(samples), 2)


def report_ms(database_url, runs=7):
    """Median server time to render the report over its default range and over three years."""
    client = _client(database_url)
    today = dt.date.today()
    three_years = f"?from={today - dt.timedelta(days=3 * 365)}&to={today}"
    return {label: round(median_ms(client, path, runs, warmup=1), 1)
            for label, path in (("default range", "/report/"), ("three years", "/report/" + three_years))}
