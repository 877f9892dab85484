"""Measure the budgets in product.md in one run and print each beside its figure.

Run through `make bench` (bench/run installs wrk, Chromium, Lighthouse and PostgreSQL first).
Figures are ratios within this run where the budget is a ratio; nothing here is a unit test.
"""
import json
import os
import tempfile
import time
from pathlib import Path

from . import (
    browser_metrics,
    budgets,
    concurrency,
    forgot_timing,
    inprocess,
    lighthouse,
    practice,
    scale,
    seed,
    sync_load,
    throughput,
)
from .harness import ROOT, Gunicorn, sign_in

RESULTS = ROOT / "bench" / "results"


PARTS = ("throughput", "inprocess", "practice", "report", "browser", "lighthouse", "sync", "concurrency", "forgot", "scale")


def backends(tmp):
    """{name: database URL} for every figure that touches the database: SQLite always, PostgreSQL
    beside it when bench/run started one (BENCH_PG_URL)."""
    out = {"sqlite": f"sqlite:///{tmp / 'bench.db'}"}
    if os.environ.get("BENCH_PG_URL"):
        out["postgresql"] = os.environ["BENCH_PG_URL"]
    return out


def main():
    """Every part, or only those named in BENCH_ONLY (e.g. BENCH_ONLY=inprocess,sync)."""
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(","))) or set(PARTS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    duration = int(os.environ.get("BENCH_SECONDS", "10"))
    tmp = Path(tempfile.mkdtemp(prefix="sciatica-bench-"))
    urls = backends(tmp)
    for backend, url in urls.items():
        print(f"[bench] seeding {backend} …", flush=True)
        print("[bench]", seed.seed(url), flush=True)
    database_url = urls["sqlite"]
    env = throughput.app_env(database_url, tmp)
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count()}
    if "inprocess" in only:
        print("[bench] in-process: every signed-in page …", flush=True)
        results["inprocess"] = {backend: inprocess.run(url) for backend, url in urls.items()}
    if "practice" in only:
        print("[bench] the caseload of 200 people, in-process …", flush=True)
        results["practice"] = {}
        for backend, url in urls.items():
            practice.link_people(url)
            results["practice"][backend] = practice.inprocess(url)
    if "report" in only:
        print("[bench] report render time …", flush=True)
        results["report_ms"] = {backend: inprocess.report_ms(url) for backend, url in urls.items()}
    if "throughput" in only:
        print("[bench] wrk, every page, each backend beside hello …", flush=True)
        hello_server = Gunicorn("bench.hello:app", {})
        try:
            results["throughput"] = {backend: throughput.run(url, tmp, hello_server, duration)
                                     for backend, url in urls.items()}
        finally:
            hello_server.stop()
    if only & {"browser", "lighthouse"}:
        app_server = Gunicorn("webapp:create_app()", env)
        try:
            cookie, _ = sign_in(app_server.port, seed.PERSON, seed.PASSWORD)
            if "browser" in only:
                print("[bench] page weight, replay and axe in Chromium …", flush=True)
                results["browser"] = browser_metrics.run(app_server.url, seed.PERSON, seed.PASSWORD,
                                                         replay_as=("other2@example.com", seed.OTHER_PASSWORD))
            if "lighthouse" in only:
                print("[bench] Lighthouse …", flush=True)
                results["lighthouse"] = lighthouse.run(app_server.url, cookie)
        finally:
            app_server.stop()
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
    if "scale" in only:
        if "postgresql" in urls and os.environ.get("BENCH_REDIS_URL"):
            results["scale"] = scale.run(urls["postgresql"], os.environ["BENCH_REDIS_URL"],
                                         int(os.environ.get("BENCH_SCALE_SECONDS", "60")), duration)
        else:
            results["scale"] = {"skipped": "needs BENCH_PG_URL and BENCH_REDIS_URL (bench/run starts both)"}
    (RESULTS / "results.json").write_text(json.dumps(results, indent=1))
    print(budgets.table(results))
    for backend, figures in results.get("inprocess", {}).items():
        print(f"\nToday on {backend}, top ten functions by cumulative time (in-process):")
        print("\n".join(figures["today_profile"]))
    print(f"\n[bench] figures written to {RESULTS / 'results.json'}")


if __name__ == "__main__":
    main()
