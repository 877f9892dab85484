"""Past one machine (`make scale`, and the "scale" part of `make bench`): app servers on one
PostgreSQL and one Redis (bench/cluster.py), one person's requests spread across them.

1. What the servers must agree on (bench/cluster_checks.py, also asserted in tests/test_servers.py):
   no stale page after a write on another server, the sign-in throttle, ended sessions, the
   limits per address.
2. 50 people for 60 s over two servers, syncing (with replays) and reading history, each request
   to the next server: every acknowledged write in the database exactly once, no 5xx.
3. Requests per second on Today with one server and with two side by side, in the same run: wrk
   on each server at once (8 connections each for two, 16 for one), beside a bare Flask route.
"""
import threading
import uuid

from . import cluster_checks, concurrency, seed
from .cluster import Cluster
from .harness import Gunicorn, sign_in
from .throughput import wrk


def checks(database_url, redis_url):
    """Every agreement check through two fresh servers: {check: figures}."""
    tag = uuid.uuid4().hex[:6]
    with Cluster(database_url, redis_url, servers=2, workers=1) as servers:
        return {"fresh pages": cluster_checks.fresh_pages(servers, f"fresh-{tag}"),
                "throttle": cluster_checks.throttle(servers, f"throttle-{tag}"),
                "sessions": cluster_checks.sessions(servers, f"sessions-{tag}"),
                "limits": cluster_checks.rate_limits(servers, f"limits-{tag}")}


def workload(database_url, redis_url, clients=50, seconds=60):
    """`clients` people for `seconds` over two servers; the rows counted against acknowledgements."""
    from webapp import create_app
    from webapp import db as dbmod
    from webapp.models import CheckIn
    create_app({"DATABASE_URL": database_url, "SECRET_KEY": "scale", "TESTING": True})
    with Cluster(database_url, redis_url, servers=2, workers=2) as servers:
        stats = concurrency.run_clients(servers.ports, clients, seconds)
    acked = list(stats["acked"])
    found = sum(CheckIn.select().where(CheckIn.uuid.in_(acked[i:i + 500])).count()
                for i in range(0, len(acked), 500))
    duplicates = CheckIn.select().count() - CheckIn.select(CheckIn.uuid).distinct().count()
    dbmod.close_all(dbmod.database.obj)
    return {"servers": 2, "clients": clients, "seconds": seconds, "requests": stats["requests"],
            "errors": stats["errors"], "5xx": stats["5xx"], "acknowledged": len(acked),
            "lost": len(acked) - found, "duplicates": duplicates}


def side_by_side(database_url, redis_url, duration=10, connections=16):
    """Today's requests per second with one server, then two (each 2 workers), in one run, and a
    bare Flask route on one server first: {"hello": rps, "1 server": rps, "2 servers": rps}."""
    hello = Gunicorn("bench.hello:app", {})
    try:
        wrk(f"{hello.url}/hello", duration=3)
        out = {"hello": wrk(f"{hello.url}/hello", duration)["rps"]}
    finally:
        hello.stop()
    for count in (1, 2):
        with Cluster(database_url, redis_url, servers=count, workers=2) as servers:
            cookie, _ = sign_in(servers.ports[0], seed.PERSON, seed.PASSWORD)
            for port in servers.ports:
                wrk(f"http://127.0.0.1:{port}/", duration=3, cookie=cookie)        # warm every worker
            found = []
            threads = [threading.Thread(target=_load, args=(found, f"http://127.0.0.1:{port}/", duration,
                                                            connections // count, cookie))
                       for port in servers.ports]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            out[f"{count} server{'s' if count > 1 else ''}"] = {
                "rps": round(sum(f["rps"] for f in found)), "p99_ms": max(f["p99_ms"] for f in found),
                "non_2xx": sum(f["non_2xx"] for f in found)}
    return out


def _load(found, url, duration, connections, cookie):
    found.append(wrk(url, duration, connections, cookie=cookie))


def run(database_url, redis_url, seconds=60, duration=10):
    print("[bench] several servers: what they must agree on …", flush=True)
    out = {"checks": checks(database_url, redis_url)}
    print("[bench] several servers: 1 against 2 side by side …", flush=True)
    out["side_by_side"] = side_by_side(database_url, redis_url, duration)
    print(f"[bench] several servers: 50 clients for {seconds} s over two …", flush=True)
    out["workload"] = workload(database_url, redis_url, seconds=seconds)
    return out


def rows(s, row):
    """The budget table's rows for the several-servers part."""
    c = s["checks"]
    fresh, throttle, limits = c["fresh pages"], c["throttle"], c["limits"]
    out = [row("a write on one server shows on the next request to another: 0 stale pages",
               f"{fresh['checks']} checks, {len(fresh['stale'])} stale {fresh['stale'] or ''}", not fresh["stale"]),
           row("wrong passwords over both servers count as one (first wait after 5)",
               f"first refused: guess {throttle['first_refused']} (servers {throttle['servers']})",
               throttle["first_refused"] == 6),
           row("a session ended on one server is ended on all (302 to sign-in)",
               "; ".join(f"{k}: {v}" for k, v in c["sessions"].items()),
               all(v == [302] for v in c["sessions"].values()))]
    for name, found in limits.items():
        out.append(row(f"{name}, counted across the servers", f"first refused: {found['first_refused']}",
                       found["first_refused"] == found["tries"]))
    w = s["workload"]
    out.append(row(f"{w['clients']} clients × {w['seconds']} s over 2 servers: 0 lost, 0 duplicated, no 5xx",
                   f"{w['requests']} requests, {w['acknowledged']} acknowledged, lost {w['lost']}, duplicated "
                   f"{w['duplicates']}, 5xx {w['5xx']}, other errors {w['errors'] - w['5xx']}",
                   w["lost"] == 0 and w["duplicates"] == 0 and w["5xx"] == 0))
    t = s["side_by_side"]
    one, two = t["1 server"], t["2 servers"]
    out.append(row("Today, 1 server against 2 on the same 2 cores (same run; no budget)",
                   f"hello {t['hello']:.0f} req/s; 1 server {one['rps']} req/s (p99 {one['p99_ms']:.0f} ms); "
                   f"2 servers {two['rps']} req/s (p99 {two['p99_ms']:.0f} ms) = {two['rps'] / one['rps']:.2f}×; "
                   f"non-2xx {one['non_2xx'] + two['non_2xx']}", None))
    return out
