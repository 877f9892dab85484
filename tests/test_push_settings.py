"""The push settings at start-up: the VAPID key pair generated once into the instance folder (or
given by VAPID_PRIVATE_KEY), the queue's storage (SQLite in the instance folder, Redis with
REDIS_URL), the periodic task's schedule, and bad settings stopping the app with their name."""
import base64
import datetime as dt
import os
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from huey.storage import RedisStorage, SqliteStorage

from webapp import create_app, queue
from webapp.push import keys, settings, tasks


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a.db'}")
    for name in ("VAPID_PRIVATE_KEY", "VAPID_SUBJECT", "REDIS_URL", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_vapid_key_is_generated_once_into_the_instance_folder_and_kept(env, tmp_path):
    first, second = create_app(), create_app()
    key_file = tmp_path / "inst" / keys.KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert first.extensions["push"].public_key == second.extensions["push"].public_key
    raw = base64.urlsafe_b64decode(first.extensions["push"].public_key + "=")
    assert len(raw) == 65 and raw[0] == 4                           # what applicationServerKey takes
    assert [p.name for p in (tmp_path / "inst").iterdir() if p.name.startswith(".")] == []
    assert first.extensions["push"].subject == "mailto:reminders@localhost"


def test_a_key_and_subject_from_the_environment_win_and_nothing_is_written(env, tmp_path):
    key = keys.new_private_key()
    env.setenv("VAPID_PRIVATE_KEY", key)
    env.setenv("VAPID_SUBJECT", "mailto:care@example.org")
    app = create_app()
    assert app.extensions["push"].public_key == keys.public_key(keys.from_setting(key))
    assert app.extensions["push"].subject == "mailto:care@example.org"
    assert not (tmp_path / "inst" / keys.KEY_FILE).exists()
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    env.setenv("VAPID_PRIVATE_KEY", pem)
    assert len(create_app().extensions["push"].public_key) == 87


def test_the_subject_defaults_to_the_public_https_address(env):
    env.setenv("PUBLIC_BASE_URL", "https://sciatica.example.org")
    assert create_app().extensions["push"].subject == "https://sciatica.example.org"


@pytest.mark.parametrize("name, value, message", [
    ("VAPID_PRIVATE_KEY", "not a key", "VAPID_PRIVATE_KEY is not a P-256 private key"),
    ("VAPID_SUBJECT", "care@example.org", "VAPID_SUBJECT must be a mailto: address"),
    ("PUSH_QUIET_HOURS", "9pm-8am", "PUSH_QUIET_HOURS must look like 21:00-08:00"),
    ("PUSH_DAILY_CAP", "0", "PUSH_DAILY_CAP must be 1 or more"),
])
def test_a_bad_setting_stops_the_app_and_names_itself(env, name, value, message):
    env.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        create_app()


def test_the_queue_keeps_its_tasks_in_the_instance_folder_or_in_redis(env, tmp_path):
    create_app()
    assert isinstance(queue.huey.storage, SqliteStorage)
    assert queue.huey.storage.filename == str(tmp_path / "inst" / "queue.db")
    assert stat.S_IMODE(os.stat(tmp_path / "inst" / "queue.db").st_mode) == 0o600
    env.setenv("REDIS_URL", "redis://127.0.0.1:6399/3")
    create_app()
    assert isinstance(queue.huey.storage, RedisStorage)
    kwargs = queue.huey.storage.conn.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("127.0.0.1", 6399, 3)


def test_the_periodic_task_runs_every_minute_and_deliveries_retry_with_back_off(env):
    every_minute = [dt.datetime(2026, 3, 29, h, m) for h in (0, 1, 7, 23) for m in (0, 1, 59)]
    periodic = tasks.find_due.s()
    assert all(periodic.validate_datetime(moment) for moment in every_minute)
    assert {"push_find_due", "push_deliver"} <= {t.split(".")[-1] for t in queue.huey._registry._registry}
    env.setenv("PUSH_RETRY_DELAY", "30")
    app = create_app()
    tasks.enqueue(7, {"kind": "test"})              # queued in instance/queue.db for a consumer
    [queued] = queue.huey.pending()
    assert queued.args == (7, {"kind": "test"})
    assert (queued.retries, queued.retry_delay, queued.retry_backoff) == (app.extensions["push"].retries, 30, 2)
    assert app.extensions["push"].retries == settings.DEFAULTS["PUSH_RETRIES"] == 5
