"""Quality gates from the budgets, fast enough for CI: counts and sizes, never times.
The timed runs live in `make bench` (bench/); the browser gates are in tests/browser/test_gates.py."""
from bench import concurrency
from webapp.models import CheckIn

from .helpers import LiveServer


def test_concurrent_clients_lose_and_duplicate_nothing(app):
    """Ten people syncing, replaying and reading at once for a few seconds, on each backend."""
    app.config.update(RATELIMIT_ENABLED=False, WTF_CSRF_ENABLED=True)
    server = LiveServer(app)
    server.start()
    try:
        stats = concurrency.run_clients(server.port, clients=10, seconds=4)
    finally:
        server.stop()
    assert stats["errors"] == 0
    assert stats["requests"] > 20 and len(stats["acked"]) > 20
    found = CheckIn.select().where(CheckIn.uuid.in_(list(stats["acked"]))).count()
    assert found == len(stats["acked"])
    assert CheckIn.select().count() == CheckIn.select(CheckIn.uuid).distinct().count()
