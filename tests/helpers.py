"""Helpers shared by the test modules (fixtures live in the conftest files; nothing imports from them)."""
import asyncio
import contextlib
import datetime as dt
import email
import itertools
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import uuid as uuidlib
from html import unescape
from zoneinfo import ZoneInfo

from werkzeug.serving import make_server

from bench import browser_metrics
from webapp import create_app, sync
from webapp import db as dbmod
from webapp.models import CheckIn, Completion, RedFlagCheck, StageChange, User, Visit, utcnow
from webapp.push.keys import new_private_key as new_vapid_key
from webapp.security import limiter

PASSWORD = "correct horse battery"
LONDON = "Europe/London"


# ---- apps and databases ----

def reset_postgres(url):
    """Give the test an empty schema on the throw-away PostgreSQL server."""
    database = dbmod.connect_url(url, pooled=False)
    with database.connection_context():
        database.execute_sql("DROP SCHEMA public CASCADE")
        database.execute_sql("CREATE SCHEMA public")
    database.close()


# One VAPID key for the test run, so no test writes one into the project's instance folder.
TEST_VAPID_KEY = new_vapid_key()


def make_app(url, **extra):
    config = {"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
              "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True,
              "STENCIL_CHECK": True,     # every kept page is compared with a fresh one
              # The queue runs a task at once, in memory (tests/test_push_consumer.py runs real
              # consumers on SQLite storage, as `make run` does).
              "QUEUE_IMMEDIATE": True, "VAPID_PRIVATE_KEY": TEST_VAPID_KEY}
    config.update(extra)
    app = create_app(config)
    if app.config["RATELIMIT_ENABLED"]:
        limiter.reset()  # the throttle's memory storage would otherwise carry over between tests
    dbmod.upgrade()
    return app


class LiveServer:
    """The app on a real HTTP port in a thread; can be stopped and started again on the same port."""

    def __init__(self, app):
        self.app = app
        self.port = None
        self.server = None

    def start(self):
        self.server = make_server("127.0.0.1", self.port or 0, self.app, threaded=True)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is None:
            return
        self.server.shutdown()
        self.server.server_close()
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def read_only(path):
    """`path` (a file or a folder) cannot be written while inside, by anyone: as root (who ignores
    file modes) it is made immutable (chattr +i); otherwise its write bits are taken away."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(mode & ~0o222)
    try:
        yield
    finally:
        path.chmod(mode)


def drop_connections(app):
    """Close every pooled connection, so the next request opens a new one."""
    if not dbmod.database.is_closed():
        dbmod.database.close()
    dbmod.close_all(app.extensions["database"])


# ---- signing in through the test client ----

class Auth:
    def __init__(self, client):
        self.client = client

    def signup(self, email="ana@example.com", password=PASSWORD):
        return self.client.post("/account/signup", data={"email": email, "password": password,
                                                         "privacy": "y"})

    def signin(self, email="ana@example.com", password=PASSWORD):
        return self.client.post("/account/signin", data={"email": email, "password": password})

    def signout(self):
        return self.client.post("/account/signout")


def strangers_wrong_passwords(app, email="ana@example.com", count=12):
    """Someone types wrong passwords for `email` from addresses of their own, until the
    password is held up (429)."""
    stranger = app.test_client()
    statuses = [stranger.post("/account/signin", data={"email": email, "password": f"guess {i}"},
                              environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}).status_code for i in range(count)]
    assert statuses[-1] == 429


def csrf_token_from(html):
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    return match.group(1) if match else None


# A check-in as the plain HTML form sends it, with the phone's clock filled in.
CHECKIN_FORM = {"leg_pain": "6", "back_pain": "3", "extent": "below_knee", "tingling": "yes", "weakness": "no",
                "sitting_minutes": "20", "walking_minutes": "45", "sleep_disturbed": "yes",
                "medication": "paracetamol 1 g", "notes": "Bad night, better after walking.",
                "local_date": "2026-11-20", "local_time": "08:15", "tz_offset_minutes": "60",
                "client_updated_at": "2026-11-20T07:15:00Z"}


# ---- records made directly, for tests that need a history ----

def new_uuid():
    return str(uuidlib.uuid4())


def utc_today():
    return dt.datetime.now(dt.UTC).date()


def ago(days):
    return utc_today() - dt.timedelta(days=days)


def london_today():
    return dt.datetime.now(dt.UTC).astimezone(ZoneInfo(LONDON)).date()


# The four both-legs questions answered: nothing new, nothing between the legs, not there all the
# time, examined by a doctor or physio ("both legs, checked, stable").
BOTH = {"both_recent": "no", "both_saddle": "no", "both_constant": "no", "both_examined": "yes"}

# The welcome questions after the safety step, answered "no" and "none of these" throughout.
WELCOME = {"side": "left", "leg_pain": "4", "tingling": "no", "weakness": "no", "background_none": "yes",
           "pregnant": "no", "country": "GB"}


def onboard(client, auth, email="ana@example.com", stage=1, pattern="disc", weeks=None, zone=LONDON, **answers):
    """Sign up, answer the go-now step ("none of these") and the welcome questions; returns the User.
    The episode started 3 weeks ago (20 for stage 3, which waits 6 weeks from onset); a stage above
    the suggested one is chosen with a reason, as the person would have to."""
    auth.signup(email=email)
    assert client.post("/welcome/safety", data={"redflag": "none"}).status_code == 303
    weeks = weeks if weeks is not None else 20 if stage == 3 else 3
    start = (london_today() - dt.timedelta(weeks=weeks)).isoformat()
    r = client.post("/welcome/confirm", data={**WELCOME, "episode_start": start, "pattern_answer": pattern,
                                              "timezone": zone, "stage": str(stage), "pattern": pattern,
                                              "override": "Chosen in a test", **answers})
    assert r.status_code == 303 and r.headers["Location"] == "/", r.headers.get("Location")
    return User.by_email(email)


def backdate_stage(user, days):
    """Say the person's stage began `days` ago (the engine waits 14 days before moving up)."""
    StageChange.update(changed_at=utcnow() - dt.timedelta(days=days)).where(StageChange.user == user).execute()


def add_checkin(user, day, leg, back=None, extent=None, sitting=None, walking=None, time="09:00", **extra):
    return CheckIn.create(user=user, uuid=new_uuid(), local_date=day, local_time=time, tz_offset_minutes=0,
                          client_updated_at=dt.datetime(2026, 1, 1), leg_pain=leg, back_pain=back,
                          extent=extent, sitting_minutes=sitting, walking_minutes=walking, **extra)


def unlock_tensioners(user, allow_advanced=False):
    """Stage 3 for 40 days with two settled weeks (leg pain 1, no numbness or weakness), so the
    tensioner rule lets tensioners in; `allow_advanced`: a practitioner allowed the advanced one."""
    from webapp.models import Practitioner, ProgramChange
    user.stage, user.episode_start = 3, (user.episode_start or utc_today()) - dt.timedelta(weeks=20)
    user.save()
    backdate_stage(user, 40)
    for n in range(16):
        add_checkin(user, utc_today() - dt.timedelta(days=n), 1, tingling=False, weakness=False)
    if allow_advanced:
        physio = Practitioner.create(user=User.register(f"physio-{new_uuid()}@example.com", PASSWORD),
                                     name="Jo Smith", profession="physiotherapist")
        ProgramChange.make(user, physio, "allow", "Ready for it", utc_today() - dt.timedelta(days=30),
                           exercise="advanced-nerve-traction")


def add_checkins(user, pains, extents=None):
    """One check-in a day (London time) ending today: pains[-1] is today's."""
    for i, pain in enumerate(pains):
        day = london_today() - dt.timedelta(days=len(pains) - 1 - i)
        CheckIn.create(user=user, uuid=new_uuid(), local_date=day, local_time="09:00",
                       client_updated_at=utcnow(), leg_pain=pain, extent=(extents or {}).get(i))


def sync_completion(user, slug, day, response=None, uid=None, updated=None):
    return sync.apply(user, {"kind": "completion", "op": "upsert", "uuid": uid or new_uuid(),
                             "client_updated_at": (updated or utcnow()).isoformat() + "Z",
                             "local_date": day.isoformat(), "local_time": "10:00", "tz_offset_minutes": 0,
                             "data": {"exercise": slug, "session": "midday", "response": response}})


def crafted_history(user):
    """27 to 21 days ago: leg 6,6,7,5,6,6,6 (first week 6.0), back 4, extent thigh (below the knee
    on one day), sitting 20. 6 to 1 days ago: leg 4,3,4,3,4,3 and today two check-ins, 3 and 4
    (the day's average 3.5), so the last week is 3.5; back 3, extent buttock, sitting 45."""
    for i, leg in enumerate([6, 6, 7, 5, 6, 6, 6]):
        add_checkin(user, ago(27 - i), leg, 4, "below_knee" if i == 2 else "thigh", 20, 30)
    for i, leg in enumerate([4, 3, 4, 3, 4, 3]):
        add_checkin(user, ago(6 - i), leg, 3, "buttock", 45, 60)
    add_checkin(user, utc_today(), 3, 3, "back", 40, 60, time="08:00", notes="Morning: stiff")
    add_checkin(user, utc_today(), 4, 3, "buttock", 50, 60, time="20:00", medication="ibuprofen 200 mg")


def full_history(user):
    """One of everything a person can own."""
    from webapp.models import DismissedSuggestion, PsfsRating, Tombstone
    crafted_history(user)
    common = {"user": user, "local_time": "07:30", "client_updated_at": dt.datetime(2026, 11, 1, 7, 30, 0, 123456)}
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(4), tier="now", go_now="saddle",
                        assessed_at=dt.datetime(2026, 11, 19, 10), assessed_note="Seen", **common)
    Completion.create(uuid=new_uuid(), local_date=ago(2), exercise="knees-rocking", session="morning",
                      response="spread", over_cap=True, **common)
    StageChange.record(user, 2, "disc", "onboarding", "Six weeks in.")
    Visit.create(user=user, uuid=new_uuid(), visit_date=ago(20), practitioner="Physio", note="Line one\nline two")
    PsfsRating.create(user=user, uuid=new_uuid(), week_start=ago(7) - dt.timedelta(days=ago(7).weekday()),
                      local_date=ago(7), activity="Socks, shoes & \"stairs\"", score=4)
    Tombstone.create(user=user, uuid=new_uuid(), kind="checkin", client_updated_at=dt.datetime(2026, 11, 2))
    DismissedSuggestion.create(user=user, local_date=ago(1), direction="up", to_stage=3, reason="Not yet")
    user.display_name, user.side, user.episode_start = "Ana P.", "left", ago(60)
    user.save()


def text_of(html):
    """What a sighted reader sees (screen-reader-only words left out)."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def card(html, title):
    """The words of one summary card."""
    start = html.index(f"<h3>{title}")
    return text_of(html[start:html.index("</div>", start)])


class MailSink:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message it is sent; `gate` can
    hold deliveries back. `with MailSink(port) as sink:` starts and stops it."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []
        self.gate = threading.Event()
        self.gate.set()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 10)
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def links(self):
        """The reset link in each message, in order."""
        return [re.search(r"(https?://\S+/account/reset/[A-Za-z0-9_-]+)", m.get_payload(decode=True).decode()).group(1)
                for m in self.messages]

    def __enter__(self):
        from aiosmtpd.controller import Controller
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.gate.set()
        self.controller.stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_link(client, **form):
    """Make a share link through the page; returns (response, token)."""
    r = client.post("/report/share", data={"days": "14", **form})
    assert r.status_code == 201
    url = unescape(re.search(r'id="share-url" value="([^"]+)"', r.get_data(as_text=True)).group(1))
    return r, url.split("/shared/")[1]


def psfs(client, *pairs):
    """Rate this week's activities through the page: psfs(client, ("Socks", "4"), ...)."""
    return client.post("/report/function", data={"activity": [a for a, _ in pairs], "score": [s for _, s in pairs]})


# ---- browser tests ----

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_signups = itertools.count(1)


def browser_signup(page, live, email=None, base=None):
    """Sign up in the browser and skip the recovery-codes step ("Not now"); `base` is another
    address for the same server (passkeys need http://localhost, not 127.0.0.1)."""
    base = base or live.url
    email = email or f"person{next(_signups)}-{os.getpid()}@example.com"
    page.goto(base + "/account/signup")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.check("#privacy")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/account/recovery/start")
    page.click("#recovery-later")
    # Today sends people who have not answered the welcome questions there first.
    page.wait_for_url(lambda url: url in (base + "/", base + "/welcome"))
    return email


def browser_welcome(page, days_ago=21, pain=4, pattern="disc", background=(), country="GB", side="left"):
    """From the go-now step ("None of these") through the welcome questions to the proposal."""
    page.click(".redflag-check .none-of-these")
    page.wait_for_selector("#episode_start")
    page.fill("#episode_start", (dt.date.today() - dt.timedelta(days=days_ago)).isoformat())
    page.check(f"#side-{side}")
    page.check(f"#pattern-{pattern}")
    page.click(f"label[for=leg_pain-{pain}]")
    page.click("label[for=tingling-no]")
    page.click("label[for=weakness-no]")
    for code in background:
        page.check(f"#background-{code}")
    if not background:
        page.check("#background_none")
    page.click("label[for=pregnant-no]")
    page.select_option("#country", country)
    page.click("text=Continue")
    page.wait_for_selector("text=Start my program")


def browser_start_program(page, live, **welcome):
    """Sign up, answer the go-now step and the welcome questions, and start: ends on Today.
    Returns the email."""
    email = browser_signup(page, live)
    browser_welcome(page, **welcome)
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    return email


def start_url(live):
    """The start URL in the live app's manifest: what the home-screen icon opens."""
    import json
    import urllib.request
    with urllib.request.urlopen(live.url + "/manifest.webmanifest") as response:
        return json.load(response)["start_url"]


def wait_until(page, expression, timeout=10.0):
    """Poll a JavaScript expression in the page until it is truthy; returns its value."""
    return browser_metrics.wait_until(page, expression, timeout)


wait_for_service_worker = browser_metrics.wait_for_controller
# How many entries wait in the phone's outbox (app.js keeps it on <body>); -1 before it has counted.
OUTBOX_COUNT = "Number(document.body.dataset.outboxCount || -1)"


def eventually(check, timeout=10.0, interval=0.05):
    """Poll a Python check (e.g. a row the outbox sends in the background) until it is truthy."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {check.__name__}")
        time.sleep(interval)
    return value


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


# ---- the practitioner's side ----

PRACTITIONER = {"name": "Jo Smith", "profession": "physiotherapist", "registration": "HCPC PH123456"}
JO = "Jo Smith (physiotherapist)"


def practitioner_signup(client, email="jo@example.com", **fields):
    return client.post("/account/signup/practitioner", data={
        **PRACTITIONER, "email": email, "password": PASSWORD, "privacy": "y", **fields})


def make_invite(client, name=""):
    """The person makes a care-link code through /care; returns the code as shown ("K7QM-4XPT")."""
    r = client.post("/care/invite", data={"display_name": name})
    assert r.status_code == 201, r.status_code
    return re.search(r'id="care-code">([^<]+)<', r.get_data(as_text=True)).group(1)


def link_up(person_client, practitioner_client, name="Ana P."):
    """The person makes a code and the practitioner uses it; returns the care link's id."""
    r = practitioner_client.post("/practice/link", data={"code": make_invite(person_client, name)})
    assert r.status_code == 303, r.status_code
    return int(re.search(r"/practice/people/(\d+)/", r.headers["Location"]).group(1))
