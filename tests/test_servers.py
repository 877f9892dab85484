"""Several servers, one truth: two app servers, each its own gunicorn process with its own memory,
on one database and one Redis, as a deployment past one machine runs them (bench/cluster.py);
every request of one person goes to the next server in turn. A write made through one shows on
the next request to the other (every kept page), wrong passwords spread over both count as one,
a session ended on one is ended on both, and the coarse limits per address count across both.

On SQLite (both servers on one file, as on one machine) and on PostgreSQL when DATABASE_URL is set.
Redis is REDIS_URL's (.ci/run starts one with scripts/redis-throwaway.sh), else a throw-away
redis-server started here; without either the module is skipped, saying how to get one."""
import itertools
import os
import shutil
import subprocess
import time

import pytest
import redis

from bench import cluster_checks
from bench.cluster import Cluster
from bench.harness import free_port
from webapp import db as dbmod

from .conftest import database_url
from .helpers import make_app

# A Redis database of its own for each cluster (the queue's tests use database 0).
_databases = itertools.count(1)


@pytest.fixture(scope="module")
def redis_base():
    """redis://host:port of a Redis for these tests."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"].rsplit("/", 1)[0]
        return
    if not shutil.which("redis-server"):
        pytest.skip("needs Redis: set REDIS_URL, or install redis-server (scripts/test-deps.sh --redis)")
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.time() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.time() > deadline:
                server.kill()
                raise
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}"
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module", params=["sqlite"] + (["postgres"] if os.environ.get("DATABASE_URL", "").startswith(
    ("postgres", "psycopg")) else []))
def cluster(request, redis_base, tmp_path_factory):
    url = database_url(request.param, tmp_path_factory.mktemp("servers"))
    app = make_app(url)                    # migrates the database the servers share
    dbmod.close_all(app.extensions["database"])
    redis_url = f"{redis_base}/{next(_databases) % 16}"
    redis.Redis.from_url(redis_url).flushdb()
    with Cluster(url, redis_url, servers=2, workers=1) as servers:
        yield servers


def test_a_write_on_one_server_shows_on_the_next_request_to_the_other(cluster):
    """Each page kept on both servers first; then a check-in, a tick, a stage change, a visit, a
    weekly rating and a go-now answer, each through one server, and the next request to the other
    shows it: Today, the day plan, the log, the exercise page, the report, the caseload and the
    practitioner's page about the person."""
    found = cluster_checks.fresh_pages(cluster, "fresh")
    assert found["stale"] == []
    assert found["checks"] == 13


def test_wrong_passwords_spread_over_the_servers_count_as_one(cluster):
    found = cluster_checks.throttle(cluster, "throttle")
    assert found["servers"] == [0, 1]
    assert found["guesses"][:5] == [401] * 5          # the sign-in page again: "don't match"
    assert found["first_refused"] == 6 and set(found["guesses"][5:]) == {429}


def test_a_session_ended_on_one_server_is_ended_on_the_other(cluster):
    found = cluster_checks.sessions(cluster, "sessions")
    assert found == {"signed out": [302], "password changed on another device": [302],
                     "device removed from the Account page": [302]}


def test_the_limits_per_address_count_across_the_servers(cluster):
    """Flask-Limiter keeps its counts in the queue's Redis (REDIS_URL; no RATELIMIT_STORAGE_URI is
    set): the 61st opening of a share link and the 31st passkey ceremony in a minute are refused,
    whichever server they reach."""
    found = cluster_checks.rate_limits(cluster, "limits")
    assert found["share link, 60 a minute"]["first_refused"] == 61
    assert found["passkey challenge, 30 a minute"]["first_refused"] == 31
    assert found["passkey signature, 30 a minute"]["first_refused"] == 31
    assert found["share link, 60 a minute"]["statuses"] == [200, 429]
