"""Several app servers on one database and one Redis, started as a deployment past one machine
runs them: each its own gunicorn with its own processes and memory, the same SECRET_KEY, VAPID key
and PUBLIC_BASE_URL, its own instance folder. A Visitor is one browser (one cookie jar) whose
requests go to each server in turn, so one person's requests are spread over all of them. Used by
the several-servers tests (tests/test_servers.py) and by `make bench` (bench/scale.py)."""
import datetime as dt
import itertools
import re
import shutil
import tempfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from .harness import Gunicorn

PUBLIC_BASE_URL = "https://sciatica.example.org"       # passkeys need a host name, never an address
PASSWORD = "several servers password"
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


class Cluster:
    """`servers` gunicorn servers (`workers` each) on `database_url` and `redis_url`."""

    def __init__(self, database_url, redis_url, servers=2, workers=1, env=None):
        from webapp.push.keys import new_private_key
        self.tmp = Path(tempfile.mkdtemp(prefix="sciatica-cluster-"))
        # Every visitor comes from 127.0.0.1: the sign-in throttle's count per address would hold up
        # the sign-ups the checks make (the count per account, which the checks test, stays as set).
        shared = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "SECRET_KEY": "several-servers-secret",
                  "VAPID_PRIVATE_KEY": new_private_key(), "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
                  "THROTTLE_ADDRESS_FREE": "100000", **(env or {})}
        self.servers = []
        try:
            for n in range(servers):            # all start at once, then each is waited for
                instance = self.tmp / f"instance-{n}"
                self.servers.append(Gunicorn("webapp:create_app()", {**shared, "INSTANCE_PATH": str(instance)},
                                             workers=workers, wait=False))
            for server in self.servers:
                server.wait()
        except BaseException:
            self.stop()
            raise

    @property
    def ports(self):
        return [server.port for server in self.servers]

    def url(self, n):
        return self.servers[n].url

    def stop(self):
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)       # the instance folders

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Visitor:
    """One browser: one cookie jar, one CSRF token, each request to the next server in turn (or to
    `on=n`). `last` is the index of the server that answered the last request."""

    def __init__(self, cluster, address=None):
        self.cluster = cluster
        self.http = requests.Session()
        self.turn = itertools.cycle(range(len(cluster.servers)))
        self.csrf = None
        self.last = None
        # Behind a proxy every server would see the visitor's own address; here they all come from
        # 127.0.0.1, which is what the limits and the throttle count.
        self.headers = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36"}
        self.address = address

    def _url(self, path, on):
        self.last = next(self.turn) if on is None else on
        return self.cluster.url(self.last) + path

    def get(self, path, on=None, **kwargs):
        response = self.http.get(self._url(path, on), headers=self.headers, allow_redirects=False, timeout=120,
                                 **kwargs)
        found = CSRF_META.search(response.text) if "text/html" in response.headers.get("Content-Type", "") else None
        if found:
            self.csrf = found.group(1)
        return response

    def post(self, path, data=None, json=None, on=None):
        if self.csrf is None:
            self.get("/account/signin", on=on)
        headers = {**self.headers, "X-CSRFToken": self.csrf}
        return self.http.post(self._url(path, on), data=data, json=json, headers=headers, allow_redirects=False,
                              timeout=120)

    def fresh_token(self, on=None):
        """The CSRF token for the session now (a sign-in gives the browser a new session)."""
        self.csrf = self.get("/api/session", on=on).json()["csrf_token"]

    def sign_up(self, email, password=PASSWORD, on=None):
        response = self.post("/account/signup", {"email": email, "password": password, "privacy": "y"}, on=on)
        assert response.status_code == 302, (response.status_code, response.text[:300])
        self.fresh_token()
        return response

    def sign_in(self, email, password=PASSWORD, on=None):
        """The sign-in page and the form's post, both to server `on` (default: the next in turn)."""
        on = next(self.turn) if on is None else on
        self.get("/account/signin", on=on)
        response = self.post("/account/signin", {"email": email, "password": password}, on=on)
        if response.status_code == 302:
            self.fresh_token()
        return response

    def start_program(self, stage=3, weeks=20, zone="Europe/London"):
        """Answer the welcome as a person would: no warning signs, the questions, a stage."""
        response = self.post("/welcome/safety", {"redflag": "none"})
        assert response.status_code == 303, response.status_code
        start = (dt.datetime.now(ZoneInfo(zone)).date() - dt.timedelta(weeks=weeks)).isoformat()
        response = self.post("/welcome/confirm", {
            "side": "left", "leg_pain": "4", "tingling": "no", "weakness": "no", "background_none": "yes",
            "pregnant": "no", "country": "GB", "episode_start": start, "pattern_answer": "disc",
            "timezone": zone, "stage": str(stage), "pattern": "disc", "override": "Chosen by the physio"})
        assert response.status_code == 303, (response.status_code, response.text[:300])

    def sync(self, records, on=None):
        """POST records to /api/sync; the response."""
        return self.post("/api/sync", json={"records": records}, on=on)


def checkin(note, leg_pain=4, day=None):
    """A new check-in record for /api/sync, with `note` in it (so a page can be searched for it),
    on the person's day in London (where Visitor.start_program puts them)."""
    day = day or dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    return {"kind": "checkin", "op": "upsert", "uuid": str(uuid.uuid4()), "client_updated_at": f"{day}T08:00:00Z",
            "local_date": day, "local_time": "08:00", "tz_offset_minutes": 0,
            "data": {"leg_pain": leg_pain, "notes": note}}
