"""Many people syncing and logging at once: every acknowledged write must be in the database
exactly once, on SQLite (WAL) and on PostgreSQL."""
import http.client
import itertools
import json
import os
import threading
import time
import uuid

from . import harness
from .harness import Gunicorn


def client_loop(port, seconds, index, stats, lock):
    """One person: sign up, then for `seconds` sync new check-ins, replay the last batch, and read
    history. The clock starts after sign-up: on a loaded machine the password hashing of ten
    sign-ups at once could otherwise eat the whole window, and this measures syncing. `port` may
    be a list (several servers, bench/scale.py): each request then goes to the next in turn."""
    ports = itertools.cycle(port if isinstance(port, list) else [port])
    server_errors = 0

    def send(*args, **kwargs):
        nonlocal server_errors
        response, data = harness.request(next(ports), *args, **kwargs)
        server_errors += response.status >= 500
        return response, data

    def fresh_token(cookie):
        return harness.session_token(next(ports), cookie)

    email = f"load{index}-{uuid.uuid4().hex[:6]}@example.com"
    acked, errors, requests, previous = set(), 0, 0, None
    try:
        response, html = send("GET", "/account/signup")
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = html.split(b'name="csrf_token" type="hidden" value="')[1].split(b'"')[0].decode()
        response, _ = send("POST", "/account/signup",
                           f"csrf_token={token}&email={email}&password=load+test+password&privacy=y",
                           {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        cookie, csrf = fresh_token(response.getheader("Set-Cookie").split(";")[0])
        deadline = time.time() + seconds
        headers = {"Cookie": cookie, "X-CSRFToken": csrf, "Content-Type": "application/json"}
        while time.time() < deadline:
            batch = previous if previous and requests % 5 == 4 else [
                {"kind": "checkin", "op": "upsert", "uuid": str(uuid.uuid4()),
                 "client_updated_at": "2026-11-20T08:00:00Z", "local_date": "2026-11-20",
                 "local_time": "08:00", "tz_offset_minutes": 0, "data": {"leg_pain": requests % 11}}
                for _ in range(1 + requests % 3)]
            response, data = send("POST", "/api/sync", json.dumps({"records": batch}), headers)
            requests += 1
            if response.status != 200:
                errors += 1
                continue
            acked.update(a["uuid"] for a in json.loads(data)["results"] if a["status"] in ("stored", "unchanged"))
            previous = batch
            if requests % 4 == 0:
                response, _ = send("GET", "/log/history", headers={"Cookie": cookie})
                requests += 1
                errors += response.status != 200
    except (OSError, http.client.HTTPException, IndexError, KeyError, ValueError):
        errors += 1
    with lock:
        stats["acked"].update(acked)
        stats["errors"] += errors
        stats["requests"] += requests
        stats["5xx"] += server_errors


def run_clients(port, clients, seconds):
    """Run `clients` people against the server on `port` (or the servers on a list of ports, each
    request to the next) for `seconds`; their combined tallies."""
    stats, lock = {"acked": set(), "errors": 0, "requests": 0, "5xx": 0}, threading.Lock()
    threads = [threading.Thread(target=client_loop, args=(port, seconds, i, stats, lock))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats


def run(database_url, tmp, clients=50, seconds=30):
    """Start the app on `database_url`, run the clients, then count rows against acknowledgements."""
    from webapp import create_app
    from webapp import db as dbmod
    from webapp.models import CheckIn
    create_app({"DATABASE_URL": database_url, "SECRET_KEY": "load", "TESTING": True})
    dbmod.upgrade()
    server = Gunicorn("webapp:create_app()", {"DATABASE_URL": database_url, "SECRET_KEY": "load-secret",
                                              "INSTANCE_PATH": str(tmp), "RATELIMIT_ENABLED": "false",
                                              "THROTTLE_ADDRESS_FREE": "100000"})   # 50 sign-ups, 1 address
    try:
        stats = run_clients(server.port, clients, seconds)
    finally:
        server.stop()
    rows = CheckIn.select().where(CheckIn.uuid.in_(list(stats["acked"]))).count() if stats["acked"] else 0
    total = CheckIn.select().count()
    distinct = CheckIn.select(CheckIn.uuid).distinct().count()
    dbmod.close_all(dbmod.database.obj)
    return {"clients": clients, "seconds": seconds, "requests": stats["requests"], "errors": stats["errors"],
            "5xx": stats["5xx"], "acknowledged": len(stats["acked"]), "found": rows, "lost": len(stats["acked"]) - rows,
            "duplicates": total - distinct}


def run_backends(tmp, seconds):
    out = {"sqlite": run(f"sqlite:///{tmp / 'load.db'}", tmp, seconds=seconds)}
    pg = os.environ.get("BENCH_PG_URL")
    out["postgresql"] = run(pg, tmp, seconds=seconds) if pg else {"skipped": "no BENCH_PG_URL"}
    return out
