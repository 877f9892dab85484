"""The coarse limits per address (webapp/security.py: LIMITS) count in shared storage when there is
one (tests/test_servers.py counts them across two servers on Redis); when that storage cannot be
reached, the request is still answered and the limit still holds, counted in this process."""
from webapp import create_app
from webapp import db as dbmod

from .conftest import _serve, database_url
from .helpers import TEST_VAPID_KEY, make_app


def app_on(url, **settings):
    """make_app's app without its reset of the limits' storage (which would reach for Redis)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                      "QUEUE_IMMEDIATE": True, "VAPID_PRIVATE_KEY": TEST_VAPID_KEY, **settings})
    dbmod.upgrade()
    return app


def test_the_limits_go_on_in_memory_when_redis_cannot_be_reached(backend, tmp_path):
    app = next(_serve(app_on(database_url(backend, tmp_path), RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")))
    client = app.test_client()
    statuses = [client.get("/shared/no-such-link-at-all").status_code for _ in range(61)]
    assert statuses[:60] == [404] * 60          # never a 500 while Redis is away
    assert statuses[60] == 429


def test_without_shared_storage_the_limits_count_in_redis_url_when_it_is_set(backend, tmp_path):
    app = next(_serve(app_on(database_url(backend, tmp_path), REDIS_URL="redis://127.0.0.1:1/5")))
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:1/5"
    alone = next(_serve(make_app(database_url(backend, tmp_path))))
    assert alone.config["RATELIMIT_STORAGE_URI"] == "memory://"
