"""What several servers on one database and one Redis must agree on, checked through real servers
(bench/cluster.py), each request of one person going to the next server in turn. Each check
answers its figures: tests/test_servers.py asserts them in CI, `make bench` prints them
(bench/scale.py)."""
import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

from .cluster import Visitor, checkin

LONDON = ZoneInfo("Europe/London")


def london_today():
    return dt.datetime.now(LONDON).date()


def person_and_practitioner(cluster, tag):
    """A person who has started the program (stage 3) and a practitioner they have linked, each
    signed up through the servers; (person, practitioner, the practitioner's page about them)."""
    person, practitioner = Visitor(cluster), Visitor(cluster)
    person.sign_up(f"person-{tag}@example.com")
    person.start_program(stage=3, weeks=20)
    response = practitioner.post("/account/signup/practitioner", {
        "email": f"practitioner-{tag}@example.com", "password": "several servers password", "privacy": "y",
        "name": "Jo Smith", "profession": "physiotherapist", "registration": "HCPC PH123456"})
    assert response.status_code == 303, response.status_code
    practitioner.fresh_token()
    response = person.post("/care/invite", {"display_name": f"Ana {tag}"})
    assert response.status_code == 201, response.status_code
    code = re.search(r'id="care-code">([^<]+)<', response.text).group(1)
    response = practitioner.post("/practice/link", {"code": code})
    assert response.status_code == 303, response.status_code
    return person, practitioner, re.search(r"/practice/people/\d+/", response.headers["Location"]).group(0)


def _count(html, row_id):
    """The counter on an exercise's row on Today ("1 of 2 today · ...")."""
    found = re.search(rf'id="{row_id}-count"[^>]*>([^<]*)<', html)
    return found.group(1) if found else ""


def _stage(html):
    found = re.search(r"Stage (\d) of 3", html)
    return found.group(1) if found else None


def fresh_pages(cluster, tag):
    """Every kept page on every server, then writes on one server and the next request on
    another: {"checks": n, "stale": [what showed an old page]}. Today's kept page, the day plan,
    the log, history, program, exercise page, report, the practitioner's caseload and page."""
    person, practitioner, person_page = person_and_practitioner(cluster, tag)
    mine = ["/", "/log/", "/log/history", "/program", "/exercises/curl-downs", "/report/", "/library/"]
    theirs = ["/practice/", person_page]
    for n in range(len(cluster.servers)):            # every server keeps its own copy of each
        for path in mine:
            assert person.get(path, on=n).status_code == 200, path
        for path in theirs:
            assert practitioner.get(path, on=n).status_code == 200, path
    servers = len(cluster.servers)
    checks, stale = 0, []

    def expect(visitor, path, written_on, test, what):
        nonlocal checks
        for n in range(servers):
            if n == written_on:
                continue
            checks += 1
            html = visitor.get(path, on=n).text
            if not test(html):
                stale.append(f"{what}: {path} on server {n + 1} after the write on server {written_on + 1}")

    note = f"walked to the shop {tag}"
    assert person.sync([checkin(note, leg_pain=7)], on=0).json()["results"][0]["status"] == "stored"
    for path in ("/log/history", "/report/"):
        expect(person, path, 0, lambda html: note in html, "a check-in")
    expect(practitioner, person_page, 0, lambda html: note in html, "a check-in, for the practitioner")

    tick = person.post("/today/done", {"done": f"curl-downs midday {uuid.uuid4()}"}, on=1 % servers)
    assert tick.status_code == 303, tick.status_code
    expect(person, "/", 1 % servers, lambda html: _count(html, "ex-midday-curl-downs").startswith("1 of 2"),
           "an exercise ticked, on Today")
    expect(person, "/exercises/curl-downs", 1 % servers, lambda html: "1 of 2" in html,
           "an exercise ticked, on its page")

    change = person.post("/program/change", {"stage": "2", "pattern": "disc", "reason": "A flare"}, on=0)
    assert change.status_code == 303, change.status_code
    for path in ("/", "/program"):
        expect(person, path, 0, lambda html: _stage(html) == "2", "a stage changed by hand (the day plan)")

    visit = practitioner.post(person_page + "visits", {"visit_date": london_today().isoformat(),
                                                       "note": f"Reviewed {tag}"}, on=1 % servers)
    assert visit.status_code == 303, visit.status_code
    expect(person, "/report/", 1 % servers, lambda html: "since the visit on" in html, "a visit recorded")
    expect(practitioner, person_page, 1 % servers, lambda html: f"Reviewed {tag}" in html, "a visit recorded")

    rating = person.post("/report/function", {"activity": [f"Socks {tag}"], "score": ["4"]}, on=0)
    assert rating.status_code in (302, 303), rating.status_code
    expect(person, "/report/", 0, lambda html: f"Socks {tag}" in html, "a weekly rating")

    answer = {"kind": "redflag", "op": "upsert", "uuid": str(uuid.uuid4()),
              "client_updated_at": f"{london_today()}T09:00:00Z", "local_date": london_today().isoformat(),
              "local_time": "09:00", "tz_offset_minutes": 0, "data": {"go_now": ["saddle"], "contact_today": []}}
    stored = person.sync([answer], on=1 % servers).json()["results"][0]["status"]
    assert stored == "stored", stored
    expect(person, "/", 1 % servers, lambda html: 'id="ex-midday-curl-downs"' not in html and "paused" in html,
           "a go-now answer, on Today")
    expect(person, "/exercises/curl-downs", 1 % servers, lambda html: "Your exercises are paused" in html,
           "a go-now answer, on an exercise")
    expect(practitioner, "/practice/", 1 % servers, lambda html: "go now" in html.lower(),
           "a go-now answer, on the caseload")
    return {"checks": checks, "stale": stale}


def throttle(cluster, tag, free=5):
    """Wrong passwords for one account, spread over the servers: the first wait must come after
    `free` of them, as on one server. {"guesses": [status, ...], "first_refused": n}."""
    Visitor(cluster).sign_up(f"guessed-{tag}@example.com")
    guesser, statuses, servers = Visitor(cluster), [], set()
    for n in range(free + 3):
        statuses.append(guesser.sign_in(f"guessed-{tag}@example.com", f"wrong guess {n}").status_code)
        servers.add(guesser.last)
    refused = [n + 1 for n, status in enumerate(statuses) if status == 429]
    return {"guesses": statuses, "first_refused": refused[0] if refused else None, "servers": sorted(servers)}


def sessions(cluster, tag):
    """A session ended on one server is ended on all: {case: [status on every other server]}, each
    302 to the sign-in page. Signing out; a password change (the other device); "Sign out" next to
    a device on the Account page."""
    email, out = f"devices-{tag}@example.com", {}
    Visitor(cluster).sign_up(email)

    def device(on, password="several servers password"):
        visitor = Visitor(cluster)
        assert visitor.sign_in(email, password, on=on).status_code == 302
        return visitor

    def others(visitor, ended_on):
        return [visitor.get("/log/", on=n).status_code for n in range(len(cluster.servers)) if n != ended_on]

    phone = device(0)
    phone.get("/log/", on=1 % len(cluster.servers))          # used on both before it ends
    assert phone.post("/account/signout", on=0).status_code in (302, 303)
    out["signed out"] = others(phone, 0)

    laptop, phone = device(0), device(1 % len(cluster.servers))
    changed = laptop.post("/account/", {"pw-current": "several servers password", "pw-password": "a new long password",
                                        "pw-confirm": "a new long password"}, on=0)
    assert changed.status_code == 302, changed.status_code
    out["password changed on another device"] = others(phone, 0)

    laptop, tablet = device(0, "a new long password"), device(1 % len(cluster.servers), "a new long password")
    page = laptop.get("/account/", on=0).text
    ids = [found for item in re.findall(r'<li class="device">(.*?)</li>', page, re.DOTALL) if "(this device)" not in item
           for found in re.findall(r'/account/devices/(\d+)/signout', item)]
    removed = [laptop.post(f"/account/devices/{session_id}/signout", on=0).status_code for session_id in ids]
    assert removed and all(status == 303 for status in removed), removed
    out["device removed from the Account page"] = others(tablet, 0)
    return out


def rate_limits(cluster, tag):
    """The coarse limits per address, requests spread over the servers: {limit: {"allowed": n,
    "first_refused": k}}. Opening a share link (60 a minute); asking for a passkey challenge and
    sending a passkey signature (30 a minute each)."""
    owner = Visitor(cluster)
    owner.sign_up(f"sharer-{tag}@example.com")
    owner.start_program()
    made = owner.post("/report/share", {"days": "7"})
    assert made.status_code == 201, made.status_code
    token = re.search(r'id="share-url" value="[^"]*/shared/([^"/]+)"', made.text).group(1)
    reader, out = Visitor(cluster), {}
    out["share link, 60 a minute"] = _until_refused(lambda: reader.get(f"/shared/{token}").status_code, 61)
    stranger = Visitor(cluster)
    stranger.get("/account/signin")
    out["passkey challenge, 30 a minute"] = _until_refused(
        lambda: stranger.post("/account/passkey/options", json={"purpose": "signin"}).status_code, 31)
    out["passkey signature, 30 a minute"] = _until_refused(
        lambda: stranger.post("/account/passkey/signin", json={"credential": {"id": "bm90IGEga2V5"}}).status_code, 31)
    return out


def _until_refused(call, tries):
    statuses = [call() for _ in range(tries)]
    refused = [n + 1 for n, status in enumerate(statuses) if status == 429]
    return {"tries": tries, "first_refused": refused[0] if refused else None,
            "statuses": sorted(set(statuses))}
