"""Measure the budgets in product.md in one run and print each beside its figure.

Run through `make bench` (bench/run installs wrk, Chromium, Lighthouse and PostgreSQL first).
Figures are ratios within this run where the budget is a ratio; nothing here is a unit test.
"""
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from . import (browser_metrics, budgets, concurrency, forgot_timing, inprocess, lighthouse, practice, seed,
               sync_load)
from .harness import ROOT, Gunicorn, sign_in

RESULTS = ROOT / "bench" / "results"
PAGES = {"today": "/", "log": "/log/", "article": "/library/what-is-sciatica", "report": "/report/"}


def wrk(url, duration=10, connections=16, cookie=None, script=None, env=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
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


def throughput(app_server, hello_server, cookie, duration):
    """Requests per second, p50 and p99 for each page and the sync endpoint, and the bare route.
    The sync run writes as another person, so the measured person's history is left as seeded."""
    wrk(f"{hello_server.url}/hello", duration=3)
    wrk(app_server.url + "/", duration=3, cookie=cookie)          # warm both servers up
    results = {"hello": wrk(f"{hello_server.url}/hello", duration)}
    for name, path in PAGES.items():
        results[name] = wrk(app_server.url + path, duration, cookie=cookie)
    sync_cookie, token = sign_in(app_server.port, "other1@example.com", seed.OTHER_PASSWORD)
    results["sync"] = wrk(app_server.url + "/api/sync", duration, script=ROOT / "bench" / "sync.lua",
                          env={"BENCH_COOKIE": sync_cookie, "BENCH_CSRF": token,
                               "BENCH_TODAY": time.strftime("%Y-%m-%d")})
    hello = results["hello"]["rps"]
    for name, figures in results.items():
        figures["ratio_to_hello"] = round(figures["rps"] / hello, 3)
    return results


def report_render_ms(database_url, runs=7):
    """Median server time to render the report over three years of data (in-process)."""
    from webapp import create_app
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    client.post("/account/signin", data={"email": seed.PERSON, "password": seed.PASSWORD})
    range_args = "?from={}&to={}".format(time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 365 * 86400)),
                                         time.strftime("%Y-%m-%d"))
    timings = {}
    for label, path in (("default range", "/report/"), ("three years", "/report/" + range_args)):
        client.get(path)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        timings[label] = round(statistics.median(samples), 1)
    return timings


PARTS = ("throughput", "inprocess", "practice", "report", "browser", "lighthouse", "sync", "concurrency", "forgot")


def main():
    """Every part, or only those named in BENCH_ONLY (e.g. BENCH_ONLY=inprocess,sync)."""
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(","))) or set(PARTS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    duration = int(os.environ.get("BENCH_SECONDS", "10"))
    tmp = Path(tempfile.mkdtemp(prefix="sciatica-bench-"))
    database_url = f"sqlite:///{tmp / 'bench.db'}"
    print(f"[bench] seeding {database_url} …", flush=True)
    print("[bench]", seed.seed(database_url), flush=True)
    env = {"DATABASE_URL": database_url, "SECRET_KEY": "bench-secret", "INSTANCE_PATH": str(tmp),
           "RATELIMIT_ENABLED": "false"}
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count()}
    if "inprocess" in only:
        print("[bench] in-process Today and /red-flags …", flush=True)
        results["inprocess"] = inprocess.run(database_url)
    if "practice" in only:
        print("[bench] the caseload of 200 people, in-process …", flush=True)
        practice.link_people(database_url)
        results["practice"] = practice.inprocess(database_url)
    if "report" in only:
        print("[bench] report render time …", flush=True)
        results["report_ms"] = report_render_ms(database_url)
    if only & {"throughput", "browser", "lighthouse"}:
        app_server, hello_server = Gunicorn("webapp:create_app()", env), Gunicorn("bench.hello:app", {})
        try:
            cookie, _ = sign_in(app_server.port, seed.PERSON, seed.PASSWORD)
            if "throughput" in only:
                print("[bench] wrk …", flush=True)
                results["throughput"] = throughput(app_server, hello_server, cookie, duration)
            if "browser" in only:
                print("[bench] page weight, replay and axe in Chromium …", flush=True)
                results["browser"] = browser_metrics.run(app_server.url, seed.PERSON, seed.PASSWORD,
                                                         replay_as=("other2@example.com", seed.OTHER_PASSWORD))
            if "lighthouse" in only:
                print("[bench] Lighthouse …", flush=True)
                results["lighthouse"] = lighthouse.run(app_server.url, cookie)
        finally:
            app_server.stop()
            hello_server.stop()
    if "sync" in only:
        print("[bench] sync load: 20 clients × batches of 10 …", flush=True)
        seconds = int(os.environ.get("BENCH_SYNC_SECONDS", "15"))
        results["sync_load"] = {"sqlite": sync_load.run(f"sqlite:///{tmp / 'sync.db'}", tmp, seconds=seconds)}
        pg = os.environ.get("BENCH_PG_URL")
        results["sync_load"]["postgresql"] = (sync_load.run(pg, tmp, seconds=seconds) if pg
                                              else {"skipped": "no BENCH_PG_URL"})
    if "concurrency" in only:
        print("[bench] concurrency …", flush=True)
        results["concurrency"] = concurrency.run_backends(
            tmp, int(os.environ.get("BENCH_CONCURRENCY_SECONDS", "30")))
    if "forgot" in only:
        print("[bench] forgot your password: registered and unknown emails, interleaved …", flush=True)
        results["forgot"] = forgot_timing.run()
    (RESULTS / "results.json").write_text(json.dumps(results, indent=1))
    print(budgets.table(results))
    if "inprocess" in results:
        print("\nToday, top ten functions by cumulative time (in-process):")
        print("\n".join(results["inprocess"]["today_profile"]))
    print(f"\n[bench] figures written to {RESULTS / 'results.json'}")


if __name__ == "__main__":
    main()
