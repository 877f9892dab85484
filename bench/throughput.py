"""Requests per second under gunicorn (2 sync workers, loopback) for every signed-in page, on SQLite
and on PostgreSQL, each beside a bare Flask "hello" route measured just before it in the same run:
wrk -t2 -c16 --latency. Ratios to hello are what the budgets use (the machine is shared)."""
import os
import re
import subprocess
import time

from . import seed
from .harness import ROOT, Gunicorn, sign_in

# The person's pages (signed in as seed.PERSON), then the practitioner's (seed.PRACTITIONER).
PAGES = {"today": "/", "log": "/log/", "history": "/log/history", "program": "/program",
         "exercise": "/exercises/sitting-nerve-slider", "library": "/library/",
         "article": "/library/what-is-sciatica", "report": "/report/"}
PRACTITIONER_PAGES = ("person page", "caseload")
# The caseload above is of everyone seeded (201 people); beside it, one of 20 (no budget of its own).
TYPICAL_CASELOAD = "caseload of 20"
COMPRESSED = "today, compressed as a browser asks"
BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br, zstd"
# Pages with a budget of their own in product.md: at least this share of hello's requests per second.
RATIO_BUDGET = 0.30
BUDGETED = ("today", "log", "history", "program", "exercise", "library", "article", "person page", "caseload")


def wrk(url, duration=10, connections=16, cookie=None, script=None, env=None, headers=()):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, env={**os.environ, **(env or {})},
                         check=True).stdout
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
            "socket_errors": bool(re.search(r"Socket errors", out))}


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def app_env(database_url, tmp):
    return {"DATABASE_URL": database_url, "SECRET_KEY": "bench-secret", "INSTANCE_PATH": str(tmp),
            "RATELIMIT_ENABLED": "false"}


def run(database_url, tmp, hello_server, duration):
    """Every page on one backend: requests per second, p50, p99 and the ratio to hello (measured
    first, on the same machine, a moment before). The sync run writes as another person, so the
    measured person's history is left as seeded."""
    server = Gunicorn("webapp:create_app()", app_env(database_url, tmp))
    try:
        cookie, _ = sign_in(server.port, seed.PERSON, seed.PASSWORD)
        practitioner, _ = sign_in(server.port, seed.PRACTITIONER, seed.PASSWORD)
        typical, _ = sign_in(server.port, seed.TYPICAL_PRACTITIONER, seed.PASSWORD)
        # Signed in before any load: a slow page leaves a queue behind wrk that a sign-in would wait out.
        sync_cookie, token = sign_in(server.port, "other1@example.com", seed.OTHER_PASSWORD)
        wrk(f"{hello_server.url}/hello", duration=3)
        wrk(server.url + "/", duration=3, cookie=cookie)          # warm both servers up
        results = {"hello": wrk(f"{hello_server.url}/hello", duration)}
        for name, path in PAGES.items():
            results[name] = wrk(server.url + path, duration, cookie=cookie)
        # wrk asks for no compression; a browser does, and packing each page costs the server more
        # than drawing a kept one (no budget: printed so the capacity figures can count it).
        results[COMPRESSED] = wrk(server.url + "/", duration, cookie=cookie, headers=[BROWSER_ENCODING])
        paths = dict(zip(PRACTITIONER_PAGES, (seed.person_page(database_url), "/practice/")))
        for name, path in paths.items():
            results[name] = wrk(server.url + path, duration, cookie=practitioner)
        results[TYPICAL_CASELOAD] = wrk(server.url + "/practice/", duration, cookie=typical)
        results["sync"] = wrk(server.url + "/api/sync", duration, script=ROOT / "bench" / "sync.lua",
                              env={"BENCH_COOKIE": sync_cookie, "BENCH_CSRF": token,
                                   "BENCH_TODAY": time.strftime("%Y-%m-%d")})
    finally:
        server.stop()
    hello = results["hello"]["rps"]
    for figures in results.values():
        figures["ratio_to_hello"] = round(figures["rps"] / hello, 3)
    return results


def rows(results, row):
    """The budget table's rows for every backend's figures."""
    out = []
    for backend, t in results.items():
        hello = t["hello"]
        out.append(row(f"bare Flask hello (baseline, just before the {backend} pages)",
                       f"{hello['rps']:.0f} req/s, p50 {hello['p50_ms']:.1f} ms, p99 {hello['p99_ms']:.1f} ms", None))
        for name, f in t.items():
            if name == "hello":
                continue
            text = (f"{f['rps']:.0f} req/s = {f['ratio_to_hello']:.0%} of hello, p50 {f['p50_ms']:.1f} ms, "
                    f"p99 {f['p99_ms']:.1f} ms, non-2xx {f['non_2xx']}")
            clean = f["non_2xx"] == 0
            if name == "today":
                out.append(row(f"Today ≥ 30% of hello req/s (aim 60%), p99 < 25 ms at 16 connections, {backend}",
                               text, clean and f["ratio_to_hello"] >= RATIO_BUDGET and f["p99_ms"] < 25))
            elif name in BUDGETED:
                out.append(row(f"{name} ≥ 30% of hello req/s, {backend}", text,
                               clean and f["ratio_to_hello"] >= RATIO_BUDGET))
            else:
                out.append(row(f"{name} (no budget; same run), {backend}", text, None))
    return out
