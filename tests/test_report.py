"""The report through HTTP: figures on a crafted history (worked out by hand), ranges, visits,
weekly ratings, exports and import, share links, and keeping one person's data from another."""
import datetime as dt
import re
import uuid as uuidlib
from html import unescape

import pytest

from webapp.models import CheckIn, Completion, RedFlagCheck, StageChange, User, Visit


def today():
    return dt.datetime.now(dt.timezone.utc).date()


def ago(days):
    return today() - dt.timedelta(days=days)


def new_uuid():
    return str(uuidlib.uuid4())


def add_checkin(user, day, leg, back=None, extent=None, sitting=None, walking=None, time="09:00", **extra):
    return CheckIn.create(user=user, uuid=new_uuid(), local_date=day, local_time=time, tz_offset_minutes=0,
                          client_updated_at=dt.datetime(2026, 1, 1), leg_pain=leg, back_pain=back,
                          extent=extent, sitting_minutes=sitting, walking_minutes=walking, **extra)


@pytest.fixture
def ana(auth):
    auth.signup("ana@example.com")
    return User.by_email("ana@example.com")


def crafted_history(user):
    """27 to 21 days ago: leg 6,6,7,5,6,6,6 (first week 6.0), back 4, extent thigh (below the knee
    on one day), sitting 20. 6 to 1 days ago: leg 4,3,4,3,4,3 and today two check-ins, 3 and 4
    (the day's average 3.5), so the last week is 3.5; back 3, extent buttock, sitting 45."""
    for i, leg in enumerate([6, 6, 7, 5, 6, 6, 6]):
        add_checkin(user, ago(27 - i), leg, 4, "below_knee" if i == 2 else "thigh", 20, 30)
    for i, leg in enumerate([4, 3, 4, 3, 4, 3]):
        add_checkin(user, ago(6 - i), leg, 3, "buttock", 45, 60)
    add_checkin(user, today(), 3, 3, "back", 40, 60, time="08:00", notes="Morning: stiff")
    add_checkin(user, today(), 4, 3, "buttock", 50, 60, time="20:00", medication="ibuprofen 200 mg")


def text_of(html):
    """What a sighted reader sees (screen-reader-only words left out)."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def card(html, title):
    """The words of one summary card."""
    start = html.index(f"<h3>{title}")
    return text_of(html[start:html.index("</div>", start)])


def test_summary_figures_match_the_hand_computed_values(client, ana):
    crafted_history(ana)
    r = client.get("/report/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    leg = card(html, "Leg pain")
    assert "6 → 3.5" in leg and "−2.5 points (−41.7%)" in leg and "Improved by 2 points or 30% or more" in leg
    back = card(html, "Back pain")             # 4 → 3: 1 point and 25%, under both marks
    assert "4 → 3" in back and "−1 point (−25%)" in back and "less than 2 points and 30%" in back
    extent = card(html, "Furthest extent")
    assert "Below the knee → Buttock" in extent and "Centralising" in extent
    assert "20 → 45" in card(html, "Sitting") and "+25 min" in card(html, "Sitting")
    assert "30 → 60" in card(html, "Walking")
    weeks = ago(27).strftime("%-d %b")
    assert f"First week → last week of check-ins: {weeks}" in text_of(html)
    assert "14 days with 15 check-ins" in text_of(html)
    assert not re.search(r"\bsafe\b", text_of(html), re.I)       # no change is ever called safe


def test_days_with_several_checkins_show_the_days_average(client, ana):
    crafted_history(ana)
    html = client.get("/report/").get_data(as_text=True)
    table = html[html.index('id="cap-pain"'):html.index("</table>", html.index('id="cap-pain"'))]
    row = re.search(rf"{today().strftime('%a %-d %b')}</th><td>([^<]+)</td><td>([^<]+)</td><td>(\d+)", table)
    assert row.groups() == ("3.5", "3", "2")


def test_spreading_extent(client, ana):
    for i in range(7):
        add_checkin(ana, ago(13 - i), 5, extent="thigh")
        add_checkin(ana, ago(6 - i), 5, extent="foot" if i == 3 else "below_knee")
    html = client.get("/report/").get_data(as_text=True)
    assert "Thigh → Foot" in card(html, "Furthest extent") and "Spreading" in card(html, "Furthest extent")
    assert "5 → 5" in card(html, "Leg pain") and "0 points (0%)" in card(html, "Leg pain")


def test_default_range_is_the_last_28_days_without_a_visit(client, ana):
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert f"{ago(27).strftime('%-d %b %Y')} to {today().strftime('%-d %b %Y')} (28 days)" in html


def test_default_range_starts_on_the_last_visit(client, ana):
    client.post("/report/visits", data={"visit_date": ago(40).isoformat(), "practitioner": "GP"})
    client.post("/report/visits", data={"visit_date": ago(9).isoformat(), "practitioner": "Physio Sam"})
    client.post("/report/visits", data={"visit_date": (today() + dt.timedelta(days=5)).isoformat(),
                                        "practitioner": "Physio Sam"})        # booked, not yet
    add_checkin(ana, ago(12), 9, notes="before the visit")
    add_checkin(ana, ago(3), 2, notes="after the visit")
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert f"{ago(9).strftime('%-d %b %Y')} to {today().strftime('%-d %b %Y')} (10 days)" in html
    assert "since the visit on" in html and "Physio Sam" in html
    assert "after the visit" in html and "before the visit" not in html


def test_an_explicit_range(client, ana):
    crafted_history(ana)
    r = client.get(f"/report/?from={ago(27).isoformat()}&to={ago(21).isoformat()}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "(7 days)" in text_of(html)
    assert "7 days with 7 check-ins" in text_of(html)
    assert "6.3 → 6" in card(html, "Leg pain")         # first 3 days 6,6,7 vs last 3 days 6,6,6
    assert "Morning: stiff" not in html


def test_empty_ranges_say_so_plainly(client, ana):
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "No check-ins between" in html and "nothing to compare yet" in html
    assert "No exercises done in these dates" in html and "No weekly activity ratings" in html
    add_checkin(ana, ago(2), 4)
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "Only one day in this range has check-ins" in html


@pytest.mark.parametrize("query,field,message", [
    ("from=2026-11-10&to=2026-11-01", "from", "The start must be on or before the end."),
    ("from=yesterday", "from", "Enter a date like 2026-11-21."),
    ("from=0001-01-01&to=2026-01-01", "from", "That date is too far in the past."),
    ("to=2999-12-31", "to", "That date is in the future."),
    ("from=2001-01-01&to=2026-01-01", "from", "Choose a range of at most ten years."),
    ("from=" + "9" * 3000, "from", "Enter a date like 2026-11-21."),
])
def test_bad_range_input_is_a_4xx_with_a_message_by_the_field(client, ana, query, field, message):
    r = client.get("/report/?" + query)
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert re.search(rf'id="range-{field}-error">{re.escape(message)}<', html)
    assert f'aria-describedby="range-{field}-error"' in html


def test_red_flags_in_range_are_highlighted_with_assessment(client, ana):
    common = dict(user=ana, local_time="07:30", client_updated_at=dt.datetime(2026, 1, 1))
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(5), tier="now", go_now="saddle,bladder", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(3), tier="now", go_now="both_legs",
                        assessed_at=dt.datetime(2026, 11, 19, 10), assessed_note="Seen in A&E", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(2), tier="today", contact_today="fever", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(1), tier="none", **common)
    html = client.get("/report/").get_data(as_text=True)
    assert html.count('class="flag-alert"') == 2 and html.count("flag-box flag-now") == 2
    assert "Not yet confirmed as assessed" in html and "Confirmed as assessed on 19 Nov 2026" in html
    assert "Seen in A&amp;E" in html and "flag-box flag-today" in html
    assert "2 go-now" in card(html, "Warning signs") and "4 checks in all" in card(html, "Warning signs")


def test_adherence_against_the_program_and_stage_history(app, client, ana):
    StageChange.record(ana, 1, "disc", "onboarding", "Started three weeks ago.")
    StageChange.update(changed_at=dt.datetime.combine(ago(30), dt.time(9))).execute()
    rules = app.extensions["program"]
    sessions, _ = rules.plan(1, "disc").for_day(ago(1))
    prescribed = [e.exercise for entries in sessions.values() for e in entries]
    for slug in list(dict.fromkeys(prescribed))[:2]:
        Completion.create(user=ana, uuid=new_uuid(), local_date=ago(1), local_time="10:00",
                          client_updated_at=dt.datetime(2026, 1, 1), exercise=slug, response="better")
    extra = next(slug for slug in app.extensions["content"].exercises if slug not in prescribed)
    Completion.create(user=ana, uuid=new_uuid(), local_date=ago(1), local_time="11:00", over_cap=True,
                      client_updated_at=dt.datetime(2026, 1, 1), exercise=extra, response="spread")
    html = client.get(f"/report/?from={ago(1).isoformat()}&to={ago(1).isoformat()}").get_data(as_text=True)
    exercises = card(html, "Exercises")
    assert f"2 of {len(prescribed)} done, 1 extra" in exercises and "Over a limit on 1 day" in exercises
    assert f"{round(200 / len(prescribed))}% of prescribed" in exercises
    assert "1: Calm" in card(html, "Stage now") and "disc type" in card(html, "Stage now")
    assert "Started three weeks ago." not in html          # that change is outside these dates
    title = app.extensions["content"].exercises[extra].title
    assert f"{title}</th><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>" in html   # spread once


def test_stage_history_shows_who_and_why(client, ana):
    StageChange.record(ana, 1, "disc", "onboarding", "Episode started 2 weeks ago.")
    StageChange.record(ana, 2, "stenosis", "practitioner", "Walking tolerance improving.")
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "Stage 1 → Stage 2; disc → stenosis type A practitioner Walking tolerance improving." in html
    assert "First set-up Episode started 2 weeks ago." in html


def test_medication_and_notes_newest_first(client, ana):
    crafted_history(ana)
    html = text_of(client.get("/report/").get_data(as_text=True))
    notes = html[html.index("Medication and notes"):]
    assert notes.index("ibuprofen 200 mg") < notes.index("Morning: stiff")


# ---- Visits ----

def test_visits_add_edit_delete_and_validation(client, ana):
    r = client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "  Physio ",
                                            "note": "Keep walking"})
    assert r.status_code == 302
    visit = Visit.get(Visit.user == ana)
    assert (visit.visit_date, visit.practitioner, visit.note) == (ago(3), "Physio", "Keep walking")
    assert len(visit.uuid) == 36
    bad = client.post("/report/visits", data={"visit_date": "soon", "practitioner": ""})
    assert bad.status_code == 422
    assert b'id="visit_date-error">Enter a date like' in bad.data and b'id="practitioner-error">' in bad.data
    assert client.get(f"/report/visits/{visit.uuid}/edit").status_code == 200
    r = client.post(f"/report/visits/{visit.uuid}/edit", data={"visit_date": ago(2).isoformat(),
                                                                "practitioner": "GP", "note": ""})
    assert r.status_code == 302
    assert Visit.get_by_id(visit.id).practitioner == "GP" and Visit.get_by_id(visit.id).uuid == visit.uuid
    assert client.post(f"/report/visits/{visit.uuid}/edit", data={"visit_date": "", "practitioner": "GP"}).status_code == 422
    assert client.post(f"/report/visits/{visit.uuid}/delete").status_code == 302
    assert Visit.select().count() == 0
    assert client.get(f"/report/visits/{new_uuid()}/edit").status_code == 404


# ---- Weekly activity ratings (PSFS) ----

def psfs(client, *pairs):
    return client.post("/report/function", data={"activity": [a for a, _ in pairs], "score": [s for _, s in pairs]})


@pytest.mark.parametrize("pairs,field,message", [
    ((("Socks", "11"),), "score-1", b"Choose a score from 0 to 10."),
    ((("Socks", "ten"),), "score-1", b"Choose a score from 0 to 10."),
    ((("", "4"),), "activity-1", b"Name the activity"),
    ((("x" * 81, "4"),), "activity-1", b"under 80 characters"),
    ((("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")), "activities", b"Rate up to 3 activities a week."),
    ((("", ""),), "activities", b"Name at least one activity"),
])
def test_psfs_entries_validate(client, ana, pairs, field, message):
    from webapp.models import PsfsRating
    r = psfs(client, *pairs)
    assert r.status_code == 422 and message in r.data
    assert PsfsRating.select().count() == 0


def test_psfs_week_is_saved_changed_and_reported(client, ana):
    from webapp.models import PsfsRating
    assert psfs(client, ("Putting on socks", "3"), ("Sitting through a meal", "5"), ("x" * 80, "0")).status_code == 302
    rows = {r.activity: r for r in PsfsRating.select()}
    assert len(rows) == 3 and rows["Putting on socks"].score == 3
    first_uuid = rows["Putting on socks"].uuid
    psfs(client, ("putting on socks", "4"), ("Sitting through a meal", "5"))      # same week: changed
    rows = {r.activity: r for r in PsfsRating.select()}
    assert set(rows) == {"putting on socks", "Sitting through a meal"}
    assert rows["putting on socks"].uuid == first_uuid and rows["putting on socks"].score == 4
    PsfsRating.create(user=ana, uuid=new_uuid(), week_start=rows["putting on socks"].week_start - dt.timedelta(days=7),
                      local_date=ago(8), activity="Putting on socks", score=2)
    page = client.get("/report/function").get_data(as_text=True)
    assert 'value="putting on socks"' in page and "<option value=\"4\" selected>" in page
    html = client.get(f"/report/?from={ago(14).isoformat()}&to={today().isoformat()}").get_data(as_text=True)
    assert "chart-psfs-1-title" in html and "2 → <strong>4</strong>" in html
    assert "Stratford" in html


def test_no_licensed_questionnaire_wording_ships():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    text = " ".join(p.read_text() for p in list((root / "templates/report").glob("*.html"))
                    + [root / "webapp/psfs.py", root / "webapp/reportrules.py"])
    for name in ("Oswestry", "STarT Back", "Bothersomeness", "Roland-Morris"):
        assert name not in text


# ---- Export and import ----

def full_history(user):
    """One of everything a person can own."""
    from webapp.models import DismissedSuggestion, PsfsRating, Tombstone
    crafted_history(user)
    common = dict(user=user, local_time="07:30", client_updated_at=dt.datetime(2026, 11, 1, 7, 30, 0, 123456))
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


def test_csv_zip_has_one_csv_per_table(client, ana):
    import csv
    import io
    import zipfile
    full_history(ana)
    r = client.get("/report/export.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    assert "attachment" in r.headers["Content-Disposition"] and r.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(r.data))
    names = set(archive.namelist())
    assert {"checkins.csv", "redflag_checks.csv", "completions.csv", "stage_changes.csv", "visits.csv",
            "psfs_ratings.csv", "tombstones.csv", "README.txt"} <= names
    checkins = list(csv.DictReader(io.StringIO(archive.read("checkins.csv").decode())))
    assert len(checkins) == 15 and {c["uuid"] for c in checkins} == {c.uuid for c in CheckIn.select()}
    assert "id" not in checkins[0] and "user" not in checkins[0]
    assert sorted(float(c["leg_pain"]) for c in checkins)[:3] == [3, 3, 3]
    visits = list(csv.DictReader(io.StringIO(archive.read("visits.csv").decode())))
    assert visits[0]["note"] == "Line one\nline two" and visits[0]["practitioner"] == "Physio"
    psfs_rows = list(csv.DictReader(io.StringIO(archive.read("psfs_ratings.csv").decode())))
    assert psfs_rows[0]["activity"] == 'Socks, shoes & "stairs"'


def test_json_export_is_versioned_and_complete(client, ana):
    full_history(ana)
    r = client.get("/report/export.json")
    data = r.get_json()
    assert r.headers["Cache-Control"] == "no-store" and data["format"] == "sciatica-companion/1"
    assert data["profile"]["display_name"] == "Ana P." and "password_hash" not in data["profile"]
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    assert counts == {"checkins": 15, "redflag_checks": 1, "completions": 1, "stage_changes": 1,
                      "dismissed_suggestions": 1, "visits": 1, "psfs_ratings": 1, "tombstones": 1}
    assert "token_hash" not in r.get_data(as_text=True)


def import_file(client, payload):
    import io
    body = payload if isinstance(payload, bytes) else payload.encode()
    return client.post("/report/import", data={"file": (io.BytesIO(body), "export.json")},
                       content_type="multipart/form-data")


def test_export_round_trips_into_a_new_account_and_importing_twice_changes_nothing(client, auth, ana):
    from webapp import archive
    full_history(ana)
    exported = client.get("/report/export.json").get_data(as_text=True)
    csv_before = {name: archive.table_csv(model, ana) for name, model in archive.TABLES.items()}
    before = archive.export_data(ana)
    # Moving server: the old account goes, a new one (another email) takes the file.
    client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    auth.signup("ana.new@example.com")
    bea = User.by_email("ana.new@example.com")
    r = import_file(client, exported)
    assert r.status_code == 200 and b"15 added" in r.data
    after = archive.export_data(User.get_by_id(bea.id))
    for table in archive.TABLES:
        assert after[table] == before[table], table          # field by field, ids and owner aside
        assert archive.table_csv(archive.TABLES[table], bea) == csv_before[table], table
    assert after["profile"] == before["profile"]
    again = import_file(client, exported)
    assert again.status_code == 200 and b"15 already here" in again.data and b"15 added" not in again.data
    assert archive.export_data(User.get_by_id(bea.id)) | {"exported_at": 0} == after | {"exported_at": 0}
    html = client.get(f"/report/?from={ago(27).isoformat()}").get_data(as_text=True)
    assert "6 → 3.5" in card(html, "Leg pain") and "Sciatica report: Ana P." in html


def test_records_belonging_to_someone_else_are_refused_and_reported(client, auth, ana):
    from webapp import archive
    crafted_history(ana)
    exported = client.get("/report/export.json").get_json()
    auth.signout()
    auth.signup("ben@example.com")
    ben = User.by_email("ben@example.com")
    own = {"uuid": new_uuid(), "local_date": ago(1).isoformat(), "local_time": "10:00", "tz_offset_minutes": 0,
           "client_updated_at": "2026-11-01T10:00:00", "created_at": "2026-11-01T10:00:00",
           "updated_at": "2026-11-01T10:00:00", "leg_pain": 2, "back_pain": None, "extent": None,
           "tingling": None, "weakness": None, "sitting_minutes": None, "walking_minutes": None,
           "sleep_disturbed": None, "medication": "", "notes": "Ben's own"}
    exported["checkins"].append(own)
    import json
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "15 records could not be imported" in html and exported["checkins"][0]["uuid"] in html
    assert CheckIn.for_user(ben).count() == 1 and CheckIn.for_user(ana).count() == 15
    assert [c["notes"] for c in archive.export_data(ben)["checkins"]] == ["Ben's own"]


@pytest.mark.parametrize("payload,status,message", [
    (b"\x89PNG not json", 422, b"not a JSON export"),
    ('{"format": "something-else/9"}', 422, b"is not a &#34;sciatica-companion/1&#34; export"),
    ('{"format": "sciatica-companion/1", "checkins": [{"uuid": "x"}]}', 422, b"checkins[0]"),
    ('{"format": "sciatica-companion/1", "visits": "many"}', 422, b"visits: must be a list"),
])
def test_bad_import_files_are_refused_with_reasons(client, ana, payload, status, message):
    r = import_file(client, payload)
    assert r.status_code == status and message in r.data
    assert CheckIn.select().count() == 0


def test_import_rejects_a_pain_score_out_of_range_and_keeps_nothing(client, ana):
    crafted_history(ana)
    exported = client.get("/report/export.json").get_json()
    for row in exported["checkins"]:
        row["uuid"] = new_uuid()
    exported["checkins"][3]["leg_pain"] = 11
    import json
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 422 and b"checkins[3]: leg_pain: Choose a number from 0 to 10." in r.data
    assert CheckIn.select().count() == 15


def test_import_is_size_limited(client, ana, monkeypatch):
    from webapp import exports
    monkeypatch.setattr(exports, "IMPORT_MAX_BYTES", 100)
    r = import_file(client, '{"format": "sciatica-companion/1", "notes": "' + "x" * 200 + '"}')
    assert r.status_code == 413
    assert import_file(client, "").status_code in (400, 422)
    assert client.post("/report/import", data={}).status_code == 400


def test_import_checks_the_csrf_token_itself(csrf_app):
    import io
    from .conftest import csrf_token_from
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/account/signup").get_data(as_text=True))
    client.post("/account/signup", data={"email": "ana@example.com", "password": "correct horse battery",
                                         "privacy": "y", "csrf_token": token})
    token = csrf_token_from(client.get("/report/import").get_data(as_text=True))
    body = b'{"format": "sciatica-companion/1"}'
    refused = client.post("/report/import", data={"file": (io.BytesIO(body), "x.json")},
                          content_type="multipart/form-data")
    assert refused.status_code == 400 and b"expired or came from elsewhere" in refused.data
    ok = client.post("/report/import", data={"file": (io.BytesIO(body), "x.json"), "csrf_token": token},
                     content_type="multipart/form-data")
    assert ok.status_code == 200 and b"The file had no records." in ok.data


# ---- Share links ----

def make_link(client, **form):
    r = client.post("/report/share", data={"days": "14", **form})
    assert r.status_code == 201
    url = unescape(re.search(r'id="share-url" value="([^"]+)"', r.get_data(as_text=True)).group(1))
    return r, url.split("/shared/")[1]


def test_share_link_shows_the_report_and_nothing_else(app, client, ana):
    from webapp.models import ShareLink
    crafted_history(ana)
    created, token = make_link(client)
    assert created.headers["Cache-Control"] == "no-store"
    assert '<svg role="img" viewBox=' in created.get_data(as_text=True)          # the QR code
    assert len(token) >= 43                                                       # 32 bytes = 256 bits
    visitor = app.test_client()
    r = visitor.get(f"/shared/{token}")
    assert r.status_code == 200
    assert r.headers["X-Robots-Tag"] == "noindex, nofollow" and r.headers["Cache-Control"] == "no-store"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    html = r.get_data(as_text=True)
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "6 → 3.5" in card(html, "Leg pain") and 'class="redflag-banner"' in html
    for leak in ('class="tabbar"', "/account", "/log/", "/report/", "csrf", "app.js", "Change the dates"):
        assert leak not in html, leak
    # The token unlocks nothing else: the visitor is still signed out everywhere.
    for path in ("/report/", "/log/", "/report/export.json", f"/report/export.json?token={token}", "/"):
        assert visitor.get(path).status_code == 302, path
    link = ShareLink.get()
    assert link.expires_at - link.created_at == dt.timedelta(days=14)


def test_share_token_is_stored_only_as_its_hash(app, client, ana, backend):
    import hashlib
    from pathlib import Path
    from webapp.models import ShareLink
    _, token = make_link(client)
    link = ShareLink.get()
    assert re.fullmatch(r"[0-9a-f]{64}", link.token_hash)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) for value in link.__data__.values())
    if backend == "sqlite":
        db_file = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
        for path in (db_file, Path(f"{db_file}-wal")):
            if path.exists():
                assert token.encode() not in path.read_bytes()


def test_share_link_counts_views(app, client, ana):
    from webapp.models import ShareLink
    _, token = make_link(client)
    assert b"Not opened yet" in client.get("/report/share").data
    visitor = app.test_client()
    visitor.get(f"/shared/{token}")
    visitor.get(f"/shared/{token}")
    link = ShareLink.get()
    assert link.view_count == 2 and link.last_viewed_at is not None
    assert (dt.datetime.utcnow() - link.last_viewed_at) < dt.timedelta(minutes=1)
    assert b"Opened 2 times, last on" in client.get("/report/share").data


def test_expired_and_revoked_links_say_so_with_410(app, client, ana):
    from webapp.models import ShareLink
    _, old = make_link(client)
    _, revoked = make_link(client)
    ShareLink.update(expires_at=dt.datetime(2020, 1, 1)).where(ShareLink.id == 1).execute()
    visitor = app.test_client()
    r = visitor.get(f"/shared/{old}")
    assert r.status_code == 410 and b"This link has expired" in r.data and b"1 January 2020" in r.data
    assert r.headers["Cache-Control"] == "no-store" and r.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert visitor.get(f"/shared/{revoked}").status_code == 200
    assert client.post("/report/share/2/revoke").status_code == 302
    r = visitor.get(f"/shared/{revoked}")
    assert r.status_code == 410 and b"turned off" in r.data and b"Leg pain" not in r.data
    page = client.get("/report/share").get_data(as_text=True)
    assert "Expired" in page and "Turned off" in page


def test_random_tokens_are_404(app, client, ana):
    import secrets
    make_link(client)
    visitor = app.test_client()
    for token in (secrets.token_urlsafe(32), "x", "a" * 500, "%00"):
        r = visitor.get(f"/shared/{token}")
        assert r.status_code == 404 and b"This link does not work" in r.data


def test_share_link_limited_to_a_range(app, client, ana):
    crafted_history(ana)
    _, token = make_link(client, **{"from": ago(27).isoformat(), "to": ago(21).isoformat()})
    html = text_of(app.test_client().get(f"/shared/{token}").get_data(as_text=True))
    assert "(7 days)" in html and "Morning: stiff" not in html


@pytest.mark.parametrize("form,field", [({"days": "0"}, "days"), ({"days": "91"}, "days"),
                                        ({"days": "7", "from": "2026-11-10", "to": "2026-11-01"}, "from")])
def test_share_form_validates(client, ana, form, field):
    from webapp.models import ShareLink
    r = client.post("/report/share", data=form)
    assert r.status_code == 422 and f'id="{"share-" if field != "days" else ""}{field}-error"'.encode() in r.data
    assert ShareLink.select().count() == 0


# ---- One person never sees another's ----

def test_people_never_see_each_others_data(app, client, auth, ana):
    from webapp.models import ShareLink
    crafted_history(ana)
    client.post("/report/visits", data={"visit_date": ago(30).isoformat(), "practitioner": "Ana's physio"})
    _, ana_token = make_link(client)
    ana_link = ShareLink.get()
    ana_visit = Visit.get()
    auth.signout()
    auth.signup("ben@example.com")
    add_checkin(User.by_email("ben@example.com"), ago(1), 1, notes="Ben's note")
    html = client.get("/report/").get_data(as_text=True)
    assert "Ben&#39;s note" in html and "Morning: stiff" not in html and "Ana&#39;s physio" not in html
    exported = client.get("/report/export.json").get_data(as_text=True)
    assert "Morning: stiff" not in exported and ana_visit.uuid not in exported
    assert "Ana" not in client.get("/report/visits").get_data(as_text=True)
    assert b"Not opened yet" not in client.get("/report/share").data        # Ben has no links
    assert client.post(f"/report/share/{ana_link.id}/revoke").status_code == 404
    assert ShareLink.get_by_id(ana_link.id).revoked_at is None
    assert client.get(f"/report/visits/{ana_visit.uuid}/edit").status_code == 404
    assert client.post(f"/report/visits/{ana_visit.uuid}/edit",
                       data={"visit_date": ago(1).isoformat(), "practitioner": "x"}).status_code == 404
    assert client.post(f"/report/visits/{ana_visit.uuid}/delete").status_code == 404
    assert Visit.get_by_id(ana_visit.id).practitioner == "Ana's physio"
    _, ben_token = make_link(client)
    ben_shared = app.test_client().get(f"/shared/{ben_token}").get_data(as_text=True)
    assert "Ben's note" in unescape(ben_shared) and "Morning: stiff" not in ben_shared
    assert "Morning: stiff" in app.test_client().get(f"/shared/{ana_token}").get_data(as_text=True)


def test_report_pages_need_an_account(client):
    for path in ("/report/", "/report/visits", "/report/function", "/report/share", "/report/export.json",
                 "/report/export.zip", "/report/import"):
        r = client.get(path)
        assert r.status_code == 302 and "/account/signin" in r.headers["Location"], path


def test_service_worker_keeps_report_js_and_never_caches_no_store_pages(client):
    body = client.get("/sw.js").get_data(as_text=True)
    assert "js/report.js?v=" in body and "no-store" in body


def test_deleting_the_account_removes_visits_ratings_and_share_links(client, auth, ana):
    from webapp.models import PsfsRating, ShareLink
    client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "GP"})
    psfs(client, ("Socks", "4"))
    make_link(client)
    auth.signout()
    auth.signup("ben@example.com")
    ben = User.by_email("ben@example.com")
    client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "GP"})
    psfs(client, ("Socks", "4"))
    make_link(client)
    client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    for model in (Visit, PsfsRating, ShareLink):
        assert model.select().where(model.user == ben.id).count() == 0, model.__name__
        assert model.select().where(model.user == ana).count() == 1, model.__name__


def test_name_on_the_report(client, ana):
    assert b"Sciatica report: ana@example.com" in client.get("/report/").data
    assert client.post("/report/name", data={"display_name": "  Ana   Pereira "}).status_code == 302
    assert b"Sciatica report: Ana Pereira" in client.get("/report/").data
    r = client.post("/report/name", data={"display_name": "x" * 81})
    assert r.status_code == 400 and b'id="display_name-error">Keep this under 80 characters' in r.data
    client.post("/report/name", data={"display_name": ""})
    assert User.get_by_id(ana.id).display_name is None
