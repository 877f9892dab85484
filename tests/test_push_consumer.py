"""The queue as `make run` runs it: scripts/serve.sh starts gunicorn and a huey consumer on SQLite
storage in the instance folder (a second server's consumer beside it), against the test's database.
The periodic task finds a reminder due and it reaches a real push endpoint once, whichever
consumer claims it; a test notification pressed over HTTP goes through the consumer; a push
service that fails is retried with back-off and the message arrives once; Ctrl-C stops it all.
With REDIS_URL set in the environment the same test runs the queue on that Redis instead."""
import dataclasses
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from webapp.models import PsfsRating, User

from .helpers import PASSWORD, TEST_VAPID_KEY, add_checkin, csrf_token_from, free_port, new_uuid, onboard
from .push_endpoint import PushEndpoint

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent
STARTUP = 120           # seconds: two apps start on a shared, busy machine


def searches(*logs):
    """How many times the periodic search for due reminders ran, over these consumers' logs."""
    return sum(len(re.findall(r"push_find_due.*executed", log.read_text())) for log in logs)


def environment(app, tmp_path, service, port):
    return {**os.environ, "VENV": str(VENV), "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "1",
            "QUEUE_WORKERS": "2", "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "consumer-test",
            "DATABASE_URL": app.config["DATABASE_URL"], "VAPID_PRIVATE_KEY": TEST_VAPID_KEY,
            "PUSH_SERVICE_HOSTS": "127.0.0.1", "REQUESTS_CA_BUNDLE": service.ca_file,
            "PUSH_RETRY_DELAY": "2", "PYTHONUNBUFFERED": "1"}


def start(command, env, log):
    """A process group of its own, as a terminal runs `make run` (Ctrl-C reaches the whole group)."""
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(check, timeout, what, log_path):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; log:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.2)
    return value


def healthy(url):
    try:
        return requests.get(url + "/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def stop(process, timeout=60):
    """Ctrl-C, as a terminal sends it: SIGINT to the whole process group. Returns the exit code, or
    None when it had not stopped in time (then the group is killed, so nothing is left behind)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        return None
    finally:
        if group_alive(process):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def group_alive(process):
    try:
        os.killpg(process.pid, 0)
        return True
    except ProcessLookupError:
        return False


def test_make_run_starts_the_queue_which_sends_what_is_due_once_retries_and_stops_with_ctrl_c(
        app, client, auth, tmp_path):
    with PushEndpoint(app.extensions["push"].public_key) as service:
        # A person whose midday time is this minute; nothing else is due for them now.
        user = onboard(client, auth)
        zone = ZoneInfo("Europe/London")
        now = dt.datetime.now(zone)
        User.update(midday_time=now.strftime("%H:%M"), morning_time=None, evening_time=None,
                    quiet_start="00:00", quiet_end="00:00").where(User.id == user.id).execute()
        add_checkin(user, now.date(), 3)
        monday = now.date() - dt.timedelta(days=now.date().weekday())
        PsfsRating.create(user=user, uuid=new_uuid(), week_start=monday, local_date=now.date(), activity="Walking",
                          score=5)
        push = app.extensions["push"]
        app.extensions["push"] = dataclasses.replace(push, hosts=("127.0.0.1",))
        assert client.post("/reminders/push/subscribe",
                           json={"subscription": service.subscribe("phone")}).status_code == 201

        port = free_port()
        env = environment(app, tmp_path, service, port)
        (tmp_path / "instance").mkdir()
        log_path, other_log = tmp_path / "serve.log", tmp_path / "second-server.log"
        with open(log_path, "w") as log, open(other_log, "w") as other:
            served = start(["bash", "scripts/serve.sh"], env, log)
            # A second server's consumer on the same queue and database.
            second = start([str(VENV / "bin" / "huey_consumer"), "webapp.worker.huey", "-w", "2", "-k", "thread",
                            "--max-delay", "2"], env, other)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_for(lambda: healthy(url), STARTUP, "gunicorn", log_path)
                [message] = service.wait_for("phone", 1, timeout=STARTUP)
                assert message["payload"] == {"title": "Midday exercises", "body": "Time for your midday exercises.",
                                              "url": "/#session-midday", "tag": "session-midday"}
                # Each server's scheduler queues the minute's search for what is due; whichever
                # consumer is polling first runs it (with both idle on the same 2-second poll, one
                # can take every search for minutes), so the searches are counted over both logs.
                for log_file in (log_path, other_log):
                    wait_for(lambda: re.search(r"Enqueueing periodic task webapp\.push\.tasks\.push_find_due",
                                               log_file.read_text()), STARTUP, "each consumer's schedule", log_file)
                wait_for(lambda: searches(log_path, other_log) >= 2, STARTUP, "both searches run", log_path)

                # Over HTTP, through gunicorn: sign in on a tablet, turn reminders on, press the test.
                tablet = requests.Session()
                token = csrf_token_from(tablet.get(url + "/account/signin").text)
                r = tablet.post(url + "/account/signin", data={"email": "ana@example.com", "password": PASSWORD,
                                                               "csrf_token": token})
                assert r.status_code == 200 and r.url.endswith("/"), r.url
                token = csrf_token_from(tablet.get(url + "/reminders").text)
                r = tablet.post(url + "/reminders/push/subscribe", json={"subscription": service.subscribe("tablet")},
                                headers={"X-CSRFToken": token})
                assert r.status_code == 201, r.text
                service.answer("tablet", 500)               # the push service fails once
                page = tablet.post(url + "/reminders/push/test", data={"csrf_token": token}).text
                assert "A test notification is on its way" in page
                [test] = service.wait_for("tablet", 1, timeout=60)
                assert test["payload"]["title"] == "Reminders are on"
                (failed, status), (accepted, ok) = service.attempts["tablet"]
                assert (status, ok) == (500, 201) and accepted - failed >= 1.9      # PUSH_RETRY_DELAY=2

                # Both servers' searches ran while the midday reminder was due: it still arrived once.
                assert searches(log_path, other_log) >= 2
                assert len(service.arrived("phone")) == 1 and len(service.arrived("tablet")) == 1
                assert service.refused == []
            finally:
                codes = stop(served), stop(second)
        assert not group_alive(served) and not group_alive(second)
        assert codes[0] in (0, 130, 143) and codes[1] in (0, 130, -2), codes    # stopped, not killed
        if not os.environ.get("REDIS_URL"):        # REDIS_URL=redis://... runs the same test on Redis
            assert oct((tmp_path / "instance" / "queue.db").stat().st_mode & 0o777) == "0o600"



def test_ctrl_c_while_make_run_is_still_starting_stops_both(app, tmp_path):
    """A background job in a script ignores SIGINT until it installs its own handlers: Ctrl-C in the
    first seconds must still stop the consumer and gunicorn, not leave them running."""
    with PushEndpoint(app.extensions["push"].public_key) as service:
        env = environment(app, tmp_path, service, free_port())
        (tmp_path / "instance").mkdir()
        log_path = tmp_path / "serve.log"
        with open(log_path, "w") as log:
            served = start(["bash", "scripts/serve.sh"], env, log)
            time.sleep(0.5)                         # both are still importing the app
            code = stop(served)
        assert not group_alive(served), log_path.read_text()[-2000:]
        assert code in (0, 130, 143), code                  # stopped in time, not killed
