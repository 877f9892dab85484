"""The practitioner's side end to end: practitioner accounts, the care link's life cycle, no look at
anyone without a link (404 on every route, by id and by guess), recording visits, and the record
of every look."""
import datetime as dt
import re

import pytest

from webapp import throttle
from webapp.models import (
    CareInvite,
    CareLink,
    CareLook,
    CareVisit,
    Practitioner,
    ProgramChange,
    Throttle,
    User,
    Visit,
    utcnow,
)
from webapp.practice import invites
from webapp.report import build

from .helpers import (
    JO,
    PASSWORD,
    Auth,
    add_checkins,
    link_up,
    make_invite,
    onboard,
    practitioner_signup,
    text_of,
)


@pytest.fixture
def ana(client, auth):
    """A person at stage 3 with a week of check-ins, signed in on `client`."""
    user = onboard(client, auth, stage=3, weeks=20)
    add_checkins(user, [4, 4, 3, 3, 3, 2, 2])
    return user


# ---- practitioner accounts ----

def test_a_practitioner_signs_up_as_such_and_lands_on_the_caseload(app, jo):
    row = Practitioner.get()
    assert (row.name, row.profession, row.registration) == ("Jo Smith", "physiotherapist", "HCPC PH123456")
    assert row.user.email == "jo@example.com" and row.user.stage is None
    html = jo.get("/practice/").get_data(as_text=True)
    assert "Your caseload" in html and "Nobody is linked yet" in html
    assert "registration HCPC PH123456 (as they gave it: not checked by this app)" in text_of(html)
    # Not a person's account: every page of a person's own sends it to the caseload, or is a 404.
    for path in ("/", "/log/", "/program", "/report/", "/care/", "/report/visits", "/welcome"):
        r = jo.get(path)
        assert (r.status_code, r.headers.get("Location")) == (302, "/practice/"), path
    assert jo.post("/api/sync", json={"records": []}).status_code == 404
    assert jo.post("/care/invite", data={}).status_code == 404
    assert jo.get("/report/fhir").status_code == 302
    # Its own pages and the public ones still open.
    for path in ("/account/", "/library/", "/red-flags", "/practice/link"):
        assert jo.get(path).status_code == 200, path
    assert "Health background and country" not in jo.get("/account/").get_data(as_text=True)


def test_a_practitioner_signs_in_like_everyone_and_lands_on_the_caseload(app, jo):
    jo.post("/account/signout")
    r = jo.post("/account/signin", data={"email": "jo@example.com", "password": PASSWORD})
    assert r.status_code == 302
    assert jo.get(r.headers["Location"]).headers["Location"] == "/practice/"
    # The same throttle as everyone: wrong passwords count against the account.
    jo.post("/account/signout")
    for _ in range(app.config["THROTTLE_ACCOUNT_FREE"]):
        jo.post("/account/signin", data={"email": "jo@example.com", "password": "not the password"})
    assert jo.post("/account/signin", data={"email": "jo@example.com", "password": PASSWORD}).status_code == 429


def test_a_persons_email_never_becomes_a_practitioner_account(app, client, auth, ana):
    auth.signout()
    r = practitioner_signup(client, email="ana@example.com")
    assert r.status_code == 409 and b"needs an email of its own" in r.data
    assert Practitioner.select().count() == 0
    assert client.get("/").status_code == 302           # not signed in either
    assert Throttle.select().count() == 2               # counted like a wrong password
    # The same person can have a separate practitioner account with another email.
    assert practitioner_signup(client, email="ana.physio@example.com").status_code == 303
    assert Practitioner.get().user.email == "ana.physio@example.com"


@pytest.mark.parametrize("field, value, message", [
    ("name", "", b"Enter your name."),
    ("profession", "", b"Enter your profession"),
    ("profession", "p" * 40, b"under 36 characters"),
    ("registration", "r" * 61, b"under 60 characters"),
    ("privacy", "", b"tick the box"),
])
def test_practitioner_sign_up_says_what_is_wrong(app, field, value, message):
    c = app.test_client()
    r = practitioner_signup(c, **{field: value})
    assert r.status_code == 400 and message in r.data
    assert User.select().count() == 0


def test_a_person_account_has_no_practitioner_pages(client, ana):
    for path in ("/practice/", "/practice/link", "/practice/people/1/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/practice/link", data={"code": "AAAA-AAAA"}).status_code == 404


# ---- the care link's life cycle ----

def test_the_link_life_cycle(app, client, jo, ana):
    code = make_invite(client, "Ana P.")
    invite = CareInvite.get()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    # Kept only as a keyed hash; seven days.
    assert code.replace("-", "") not in invite.code_hash
    assert invite.code_hash == invites.hash_code(code.replace("-", ""), app.config["SECRET_KEY"])
    assert invite.expires_at - invite.created_at == dt.timedelta(days=7)
    assert User.get_by_id(ana.id).display_name == "Ana P."
    # Typed carelessly still works: lower case, spaces.
    r = jo.post("/practice/link", data={"code": f" {code.lower().replace('-', ' ')} "})
    assert r.status_code == 303
    link = CareLink.get()
    assert (link.user_id, link.practitioner.name, link.ended_at) == (ana.id, "Jo Smith", None)
    assert CareInvite.get().used_at is not None
    # The person sees who, with the registration number as given, and since when.
    page = text_of(client.get("/care/").get_data(as_text=True))
    assert "Jo Smith (physiotherapist), registration HCPC PH123456 (as they gave it: not checked by this app)" in page
    assert f"Linked since {ana.local_today():%-d %b %Y}" in page
    # Once used, the code is gone, for anyone.
    ben = app.test_client()
    practitioner_signup(ben, email="ben@example.com", name="Ben Ng")
    again = ben.post("/practice/link", data={"code": code})
    assert again.status_code == 410 and b"no longer works" in again.data
    assert CareLink.select().count() == 1
    # The practitioner sees the report.
    person_page = jo.get(f"/practice/people/{link.id}/")
    assert person_page.status_code == 200 and b"Ana P." in person_page.data
    # The person ends it in one tap: from the next request, nothing.
    r = client.post(f"/care/links/{link.id}/end")
    assert r.status_code == 303 and CareLink.get().ended_by == "person"
    for path in (f"/practice/people/{link.id}/", f"/practice/people/{link.id}/program/",
                 f"/practice/people/{link.id}/fhir"):
        gone = jo.get(path)
        assert gone.status_code == 410, path
        assert b"Ana P." not in gone.data and b"72514-3" not in gone.data and b"Leg pain" not in gone.data
    assert jo.post(f"/practice/people/{link.id}/visits", data={"visit_date": "2026-01-05"}).status_code == 410
    assert Visit.select().count() == 0
    assert b"Ana P." not in jo.get("/practice/").data
    assert "ended by you" in client.get("/care/").get_data(as_text=True)


def test_expired_cancelled_and_unknown_codes(app, client, jo, ana):
    expired = make_invite(client)
    CareInvite.update(expires_at=utcnow() - dt.timedelta(seconds=1)).execute()
    r = jo.post("/practice/link", data={"code": expired})
    assert r.status_code == 410 and b"more than 7 days old" in r.data
    cancelled = make_invite(client)
    waiting = CareInvite.select().order_by(CareInvite.id.desc()).first()
    assert client.post(f"/care/invites/{waiting.id}/cancel").status_code == 303
    assert jo.post("/practice/link", data={"code": cancelled}).status_code == 410
    assert jo.post("/practice/link", data={"code": "ABCD-EFGH"}).status_code == 404
    assert jo.post("/practice/link", data={"code": "not a code"}).status_code == 422
    assert CareLink.select().count() == 0
    # Someone else's invitation cannot be cancelled by id.
    other = app.test_client()
    Auth(other).signup("cy@example.com")
    assert other.post(f"/care/invites/{waiting.id}/cancel").status_code == 404


def test_code_entry_is_throttled_per_practitioner_and_per_address(app, client, jo, ana, monkeypatch):
    code = make_invite(client)
    for _ in range(app.config["THROTTLE_ACCOUNT_FREE"]):
        assert jo.post("/practice/link", data={"code": "ABCD-EFGH"}).status_code == 404
    blocked = jo.post("/practice/link", data={"code": code})
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    assert CareLink.select().count() == 0
    # Mistyped codes never slow down signing in.
    jo.post("/account/signout")
    assert jo.post("/account/signin", data={"email": "jo@example.com", "password": PASSWORD}).status_code == 302
    # Later, the right code works and clears the practitioner's count.
    later = throttle.clock() + dt.timedelta(hours=1)
    monkeypatch.setattr(throttle, "clock", lambda: later)
    assert jo.post("/practice/link", data={"code": code}).status_code == 303
    # Per address: other practitioners from the same address are slowed too.
    others = []
    for n in range(3):
        c = app.test_client()
        practitioner_signup(c, email=f"p{n}@example.com")
        others.append(c)
    app.config["THROTTLE_ADDRESS_FREE"] = 2
    Throttle.delete().execute()
    assert others[0].post("/practice/link", data={"code": "ABCD-EFGH"}).status_code == 404
    assert others[1].post("/practice/link", data={"code": "ABCD-EFGH"}).status_code == 404
    assert others[2].post("/practice/link", data={"code": "ABCD-EFGH"}).status_code == 429


def test_a_qr_link_fills_the_code_in_and_waits_for_a_tap(app, client, jo, ana):
    r = client.post("/care/invite", data={})
    html = r.get_data(as_text=True)
    code = re.search(r'id="care-code">([^<]+)<', html).group(1)
    assert r.headers["Cache-Control"] == "no-store" and '<svg role="img"' in html
    page = jo.get(f"/practice/link?code={code}")
    assert page.status_code == 200 and f'value="{code}"' in page.get_data(as_text=True)
    assert CareLink.select().count() == 0 and CareInvite.get().used_at is None
    # Scanned while signed out: sign in first, then back to the filled-in form.
    jo.post("/account/signout")
    r = jo.get(f"/practice/link?code={code}")
    assert r.status_code == 302 and r.headers["Location"].startswith("/account/signin?next=")
    r = jo.post(r.headers["Location"], data={"email": "jo@example.com", "password": PASSWORD})
    assert r.headers["Location"] == f"/practice/link?code={code}"
    assert f'value="{code}"' in jo.get(r.headers["Location"]).get_data(as_text=True)


# ---- nobody is seen without a link ----

def person_routes(app):
    """Every practitioner route about one person, from the app's own URL map."""
    practice = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("practice.")]
    rules = [r for r in practice if "link_id" in r.arguments]
    # Every other practitioner page is about the practitioner themselves.
    assert {r.endpoint for r in practice if r not in rules} == {"practice.caseload", "practice.link.enter",
                                                                "practice.link.use"}
    return rules


def test_without_a_link_every_person_route_is_a_404_by_id_and_by_guess(app, client, jo, ana):
    link_id = link_up(client, jo)
    change = ProgramChange.make(ana, Practitioner.get(), "note", "Why", ana.local_today(),
                                exercise="bird-dog", note="Slow")
    ben = app.test_client()
    practitioner_signup(ben, email="ben@example.com", name="Ben Ng")
    looks, visits = CareLook.select().count(), Visit.select().count()
    routes = person_routes(app)
    assert len(routes) >= 6
    for guess in (link_id, ana.id, link_id + 1, 999_999, 2**31 - 1):
        for rule in routes:
            path = rule.rule.replace("<int:link_id>", str(guess)).replace("<int:change_id>", str(change.id))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                r = ben.open(path, method=method, data={"kind": "cap", "exercise": "curl-downs", "per_day": "1",
                                                       "reason": "x", "visit_date": "2026-01-05"})
                assert r.status_code == 404, (method, path, r.status_code)
                assert b"Ana" not in r.data
    assert (CareLook.select().count(), Visit.select().count()) == (looks, visits)
    assert ProgramChange.select().count() == 1 and ProgramChange.get().ended_at is None
    assert CareLink.get().ended_at is None
    # The linked practitioner still reaches all of them.
    assert jo.get(f"/practice/people/{link_id}/").status_code == 200
    # And a person cannot end someone else's link by id.
    other = app.test_client()
    Auth(other).signup("cy@example.com")
    assert other.post(f"/care/links/{link_id}/end").status_code == 404
    assert other.post(f"/care/changes/{change.id}/end").status_code == 404
    assert CareLink.get().ended_at is None and ProgramChange.get().ended_at is None


# ---- visits and looks ----

def test_the_practitioner_records_a_visit_the_persons_report_starts_from(app, client, jo, ana):
    link_id = link_up(client, jo)
    day = ana.local_today() - dt.timedelta(days=2)
    bad = jo.post(f"/practice/people/{link_id}/visits", data={"visit_date": "not a date", "note": "x"})
    assert bad.status_code == 422 and Visit.select().count() == 0
    r = jo.post(f"/practice/people/{link_id}/visits", data={"visit_date": day.isoformat(),
                                                          "note": "Reviewed the week.\nCurl downs up to 4."})
    assert r.status_code == 303
    visit = Visit.get()
    assert (visit.user_id, visit.visit_date, visit.practitioner) == (ana.id, day, JO)
    assert visit.note == "Reviewed the week.\nCurl downs up to 4."
    assert CareVisit.get().visit_id == visit.id and CareVisit.get().practitioner.name == "Jo Smith"
    assert build.default_range(ana, ana.local_today()) == (day, ana.local_today())
    mine = client.get("/report/visits").get_data(as_text=True)
    assert JO in mine and "recorded by them through your care link" in mine
    assert "since the visit on" in client.get("/report/").get_data(as_text=True)


def test_every_look_is_recorded_and_shown_to_the_person(app, client, jo, ana):
    link_id = link_up(client, jo)
    assert CareLook.select().count() == 0          # using the code is not a look
    jo.get("/practice/")
    jo.get(f"/practice/people/{link_id}/")
    jo.get(f"/practice/people/{link_id}/program/")
    jo.get(f"/practice/people/{link_id}/fhir")
    looks = list(CareLook.newest_first(ana))
    assert [look.what for look in reversed(looks)] == ["summary in their caseload", "report and visits", "program",
                                                       "records, exported as FHIR"]
    assert {(look.practitioner_name, look.practitioner.name) for look in looks} == {(JO, "Jo Smith")}
    assert all(utcnow() - look.at < dt.timedelta(minutes=5) for look in looks)
    report = text_of(client.get("/report/").get_data(as_text=True))
    assert f"Seen by {JO}, {ana.local_today():%-d %b %Y} (records, exported as FHIR)" in report
    care = text_of(client.get("/care/").get_data(as_text=True))
    assert f"{ana.local_today():%-d %b %Y}: {JO} looked at your report and visits." in care
    # Looks are the person's own: another person sees none.
    other = app.test_client()
    Auth(other).signup("cy@example.com")
    assert "Seen by" not in other.get("/report/").get_data(as_text=True)


def looks_of(ana):
    return [look.what for look in reversed(list(CareLook.newest_first(ana)))]


def test_a_refused_visit_or_program_change_shows_the_data_and_records_its_look(app, client, jo, ana):
    """Issue 22.3: a refused visit (422) drew the whole report, notes included, and a refused
    program change drew the program page, and neither recorded a look."""
    link_id = link_up(client, jo)
    ok = jo.post(f"/practice/people/{link_id}/visits", data={"visit_date": ana.local_today().isoformat(),
                                                           "note": "Private note about the back."})
    assert ok.status_code == 303
    before = len(looks_of(ana))
    bad = jo.post(f"/practice/people/{link_id}/visits", data={"visit_date": "not a date", "note": "x"})
    assert bad.status_code == 422 and "Private note about the back." in bad.get_data(as_text=True)
    assert looks_of(ana)[before:] == ["report and visits"]
    refused = jo.post(f"/practice/people/{link_id}/program/", data={"kind": "cap", "exercise": "curl-downs",
                                                                  "per_day": "99", "reason": "More"})
    assert refused.status_code == 422 and "Curl downs" in refused.get_data(as_text=True)
    assert looks_of(ana)[before:] == ["report and visits", "program"]


def test_every_page_with_the_persons_data_records_exactly_one_look(app, client, jo, ana):
    link_id = link_up(client, jo)
    for path, what in ((f"/practice/people/{link_id}/", "report and visits"),
                       (f"/practice/people/{link_id}/?from=2000-01-01&to=nonsense", "report and visits"),
                       (f"/practice/people/{link_id}/program/", "program"),
                       (f"/practice/people/{link_id}/fhir", "records, exported as FHIR"),
                       ("/practice/", "summary in their caseload")):
        before = len(looks_of(ana))
        assert jo.get(path).status_code in (200, 400), path
        assert looks_of(ana)[before:] == [what], path
    # What shows nothing of theirs records nothing: a range the export cannot read, an ended link.
    before = len(looks_of(ana))
    assert jo.get(f"/practice/people/{link_id}/fhir?from=nonsense").status_code == 400
    assert jo.get("/practice/link").status_code == 200
    assert len(looks_of(ana)) == before


@pytest.mark.parametrize("path", ["/", "/log/", "/log/history", "/program", "/report/", "/practice/",
                                  "/practice/people/{link}/", "/practice/people/{link}/program/",
                                  "/practice/people/{link}/fhir", "/library/"])
def test_a_page_fetched_in_the_background_records_no_look_and_shows_nothing(app, client, jo, ana, path):
    """Issue 23.3: the service worker's background fetches (X-Warm) landed on the caseload and
    recorded a look each time. A practitioner's background fetch now gets nothing at all."""
    link_id = link_up(client, jo)
    r = jo.get(path.format(link=link_id), headers={"X-Warm": "1"})
    assert r.status_code == 204 and r.data == b""
    assert CareLook.select().count() == 0
    # The person's own background fetches still work (their pages are kept for offline use).
    assert client.get("/log/", headers={"X-Warm": "1"}).status_code == 200


def test_a_practitioner_leaving_keeps_the_record_and_ends_the_link(app, client, jo, ana):
    link_id = link_up(client, jo)
    jo.get(f"/practice/people/{link_id}/")
    ProgramChange.make(ana, Practitioner.get(), "cap", "Coping", ana.local_today(), exercise="curl-downs",
                       per_day=4)
    r = jo.post("/account/delete", data={"del-password": PASSWORD, "del-confirm": "y"})
    assert r.status_code == 302 and Practitioner.select().count() == 0
    assert CareLink.select().count() == 0
    assert CareLook.get().practitioner_name == JO and CareLook.get().practitioner is None
    assert ProgramChange.get().by_name == JO
    assert JO in client.get("/care/").get_data(as_text=True)
    # The person leaving takes every row about them.
    jo2 = app.test_client()
    practitioner_signup(jo2, email="jo2@example.com")
    link_up(client, jo2)
    client.post("/account/delete", data={"del-password": PASSWORD, "del-confirm": "y"})
    for model in (CareInvite, CareLink, CareLook, ProgramChange):
        assert model.select().count() == 0, model.__name__
    assert Practitioner.select().count() == 1
