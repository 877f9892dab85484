"""Sync throughput: `clients` people each sending batches of `batch` new check-ins to /api/sync as
fast as the server answers, against gunicorn (2 workers) on SQLite or PostgreSQL. Reports records
acknowledged per second, the p50/p95/max time per request, and checks every acknowledged record
is stored exactly once."""
import json
import statistics
import threading
import time
import uuid

from .harness import Gunicorn, request, session_token


def _sign_up(port, email):
    response, html = request(port, "GET", "/account/signup")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = html.split(b'name="csrf_token" type="hidden" value="')[1].split(b'"')[0].decode()
    response, _ = request(port, "POST", "/account/signup",
                          f"csrf_token={token}&email={email}&password=sync+load+password&privacy=y",
                          {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 302, response.status
    return session_token(port, response.getheader("Set-Cookie").split(";")[0])


def _records(n, today):
    return [{"kind": "checkin", "op": "upsert", "uuid": str(uuid.uuid4()),
             "client_updated_at": f"{today}T08:00:00Z", "local_date": today, "local_time": "08:00",
             "tz_offset_minutes": 0, "data": {"leg_pain": i % 11, "notes": "sync load"}}
            for i in range(n)]


def _client(port, index, ready, clock, batch, out, lock):
    cookie, csrf = _sign_up(port, f"sync{index}-{uuid.uuid4().hex[:6]}@example.com")
    headers = {"Cookie": cookie, "X-CSRFToken": csrf, "Content-Type": "application/json"}
    today = time.strftime("%Y-%m-%d")
    acked, latencies, errors = [], [], 0
    ready.wait()          # everyone signed up: all start sending at once
    while time.time() < clock["deadline"]:
        began = time.perf_counter()
        response, data = request(port, "POST", "/api/sync", json.dumps({"records": _records(batch, today)}),
                                 headers)
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status != 200:
            errors += 1
            continue
        acked += [a["uuid"] for a in json.loads(data)["results"] if a["status"] == "stored"]
    with lock:
        out["acked"] += acked
        out["latencies"] += latencies
        out["errors"] += errors


def run(database_url, tmp, clients=20, batch=10, seconds=15):
    from webapp import create_app
    from webapp import db as dbmod
    from webapp.models import CheckIn
    create_app({"DATABASE_URL": database_url, "SECRET_KEY": "load", "TESTING": True})
    dbmod.upgrade()
    server = Gunicorn("webapp:create_app()", {"DATABASE_URL": database_url, "SECRET_KEY": "sync-secret",
                                              "INSTANCE_PATH": str(tmp), "RATELIMIT_ENABLED": "false"})
    out, lock = {"acked": [], "latencies": [], "errors": 0}, threading.Lock()
    clock = {}

    def go():   # run once, as the last person is signed up, before anyone is released
        clock["began"] = time.time()
        clock["deadline"] = clock["began"] + seconds

    ready = threading.Barrier(clients + 1, action=go)
    try:
        threads = [threading.Thread(target=_client, args=(server.port, i, ready, clock, batch, out, lock))
                   for i in range(clients)]
        for t in threads:
            t.start()
        ready.wait()
        for t in threads:
            t.join()
        elapsed = time.time() - clock["began"]
    finally:
        server.stop()
    acked = set(out["acked"])
    found = sum(CheckIn.select().where(CheckIn.uuid.in_(chunk)).count()
                for chunk in _chunks(sorted(acked), 500))
    total, distinct = CheckIn.select().count(), CheckIn.select(CheckIn.uuid).distinct().count()
    dbmod.close_all(dbmod.database.obj)
    lat = sorted(out["latencies"])
    return {"clients": clients, "batch": batch, "seconds": round(elapsed, 1), "requests": len(lat),
            "errors": out["errors"], "acknowledged": len(acked),
            "records_per_s": round(len(acked) / elapsed), "p50_ms": round(statistics.median(lat), 1),
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1), "max_ms": round(lat[-1], 1),
            "lost": len(acked) - found, "duplicates": total - distinct}


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]
