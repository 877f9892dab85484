"""Exports (CSV zip, JSON) and the JSON import: round trips, refusals, limits and CSRF."""
import datetime as dt

import pytest

from webapp.models import CheckIn, RedFlagCheck, User

from .helpers import ago, card, crafted_history, full_history, new_uuid


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
    assert counts == {"checkins": 15, "redflag_checks": 1, "redflag_corrections": 0, "completions": 1,
                      "stage_changes": 1, "dismissed_suggestions": 1, "visits": 1, "psfs_ratings": 1,
                      "tombstones": 1}
    assert "token_hash" not in r.get_data(as_text=True)


def import_file(client, payload):
    import io
    body = payload if isinstance(payload, bytes) else payload.encode()
    return client.post("/report/import", data={"file": (io.BytesIO(body), "export.json")},
                       content_type="multipart/form-data")


def test_export_round_trips_into_a_new_account_and_importing_twice_changes_nothing(client, auth, ana):
    from webapp.report import archive
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
    from webapp.report import archive
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
    from webapp.report import exports
    monkeypatch.setattr(exports, "IMPORT_MAX_BYTES", 100)
    r = import_file(client, '{"format": "sciatica-companion/1", "notes": "' + "x" * 200 + '"}')
    assert r.status_code == 413
    assert import_file(client, "").status_code in (400, 422)
    assert client.post("/report/import", data={}).status_code == 400


def test_import_checks_the_csrf_token_itself(csrf_app):
    import io

    from .helpers import csrf_token_from
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


def test_import_judges_a_warning_sign_answer_with_the_background_it_was_given_with(client, ana):
    import json
    answer = {"uuid": new_uuid(), "local_date": "2026-11-20", "local_time": "08:00", "tz_offset_minutes": 0,
              "client_updated_at": "2026-11-20T08:00:00", "go_now": "", "contact_today": "constant_pain"}
    ok = {"format": "sciatica-companion/1", "redflag_checks": [
        {**answer, "tier": "today", "background": "past_cancer"},
        {**answer, "uuid": new_uuid(), "tier": "soon"},                       # no background: within days
        {**answer, "uuid": new_uuid(), "contact_today": "night_pain", "tier": "today"}]}   # an old answer
    assert import_file(client, json.dumps(ok)).status_code == 200
    assert {(c.tier, c.background) for c in RedFlagCheck.select()} == {("today", "past_cancer"), ("soon", ""),
                                                                       ("today", "")}
    wrong = {"format": "sciatica-companion/1", "redflag_checks": [{**answer, "uuid": new_uuid(), "tier": "today"}]}
    r = import_file(client, json.dumps(wrong))
    assert r.status_code == 422 and b"red-flag answers do not match their tier" in r.data


# ---- issue 13: an import is checked like a sync; ids are owned; refusals say nothing of others ----

def _export_with(client, ana, change):
    import json
    full_history(ana)
    exported = client.get("/report/export.json").get_json()
    for table in ("checkins", "redflag_checks", "completions", "visits", "psfs_ratings", "tombstones"):
        for row in exported[table]:
            row["uuid"] = new_uuid()                   # new ids: only `change` can be refused
    change(exported)
    return json.dumps(exported)


@pytest.mark.parametrize("what,change", [
    ("lone surrogate", lambda e: e["checkins"][0].update(notes="ouch \ud83d")),
    ("NUL", lambda e: e["checkins"][0].update(medication="a\x00b")),
    ("reminder time", lambda e: e["profile"].update(morning_time="ab:cd", stage=None)),
    ("offset", lambda e: e["checkins"][0].update(tz_offset_minutes=1_000_000)),
    ("visit in year 1", lambda e: e["visits"][0].update(visit_date="0001-01-01")),
    ("year 9999 clock", lambda e: e["checkins"][0].update(client_updated_at="9999-12-31T23:30:00-01:00")),
    ("day in year 1", lambda e: e["redflag_checks"][0].update(local_date="0001-01-01")),
    ("unknown exercise", lambda e: e["completions"][0].update(exercise="no-such-exercise")),
    ("week not a Monday", lambda e: e["psfs_ratings"][0].update(week_start="2026-11-18")),
    ("time zone", lambda e: e["profile"].update(timezone="Mars/Olympus")),
    ("quiet hours", lambda e: e["profile"].update(quiet_start="25:00", quiet_end="07:00")),
    ("tombstone kind", lambda e: e["tombstones"][0].update(kind="anything")),
])
def test_an_import_never_stores_what_a_sync_or_form_would_refuse(client, auth, ana, what, change):
    """Findings 2 and 8: imports were only type-checked."""
    body = _export_with(client, ana, change)
    before = CheckIn.select().count()
    r = import_file(client, body)
    assert r.status_code == 422, what
    assert CheckIn.select().count() == before


def test_a_very_deep_import_is_refused_not_a_500(client, ana):
    """Finding 8: 100,000-deep JSON raised RecursionError."""
    deep = "[" * 100_000 + "]" * 100_000
    r = import_file(client, '{"format": "sciatica-companion/1", "checkins": [' + deep + "]}")
    assert r.status_code == 422 and b"not a JSON export" in r.data


def test_imported_tombstones_cannot_freeze_someone_elses_records(client, auth, ana):
    """Finding 3: an imported tombstone for an id that belongs to someone else, in any table."""
    import json

    from webapp.models import Tombstone
    crafted_history(ana)
    victim = CheckIn.for_user(ana).first()
    auth.signout()
    auth.signup("ben@example.com")
    ben = User.by_email("ben@example.com")
    marks = [{"uuid": victim.uuid, "kind": kind, "client_updated_at": "2026-11-20T09:00:00",
              "deleted_at": "2026-11-20T09:00:00"} for kind in ("checkin",)]
    marks.append({"uuid": new_uuid(), "kind": "completion", "client_updated_at": "2026-11-20T09:00:00",
                  "deleted_at": "2026-11-20T09:00:00"})
    r = import_file(client, json.dumps({"format": "sciatica-companion/1", "tombstones": marks}))
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "1 record could not be imported" in html and victim.uuid in html
    assert "another account" not in html and "belong" not in html      # finding 10: never says whose
    assert Tombstone.for_user(ben).count() == 1
    assert Tombstone.select().where(Tombstone.uuid == victim.uuid).count() == 0
    assert CheckIn.get_by_id(victim.id).user_id == ana.id


def test_an_imported_tombstone_for_ones_own_record_deletes_it(client, auth, ana):
    import json

    from webapp.models import Tombstone
    crafted_history(ana)
    mine = CheckIn.for_user(ana).first()
    mark = {"uuid": mine.uuid, "kind": "checkin", "client_updated_at": "2026-11-20T09:00:00",
            "deleted_at": "2026-11-20T09:00:00"}
    r = import_file(client, json.dumps({"format": "sciatica-companion/1", "tombstones": [mark]}))
    assert r.status_code == 200 and CheckIn.get_or_none(CheckIn.uuid == mine.uuid) is None
    assert Tombstone.for_user(ana).where(Tombstone.uuid == mine.uuid).count() == 1
    again = import_file(client, json.dumps({"format": "sciatica-companion/1", "tombstones": [mark]}))
    assert b"1 already here" in again.data


def test_the_leg_eased_answer_goes_out_and_comes_back_in(client, auth, ana):
    import csv
    import io
    import json
    import zipfile

    from webapp.models import Completion
    common = {"local_time": "10:00", "client_updated_at": dt.datetime(2026, 11, 1, 10), "exercise": "lying-on-your-front"}
    Completion.create(user=ana, uuid=new_uuid(), local_date=ago(1), response="eased", **common)
    Completion.create(user=ana, uuid=new_uuid(), local_date=ago(2), response="same", **common)
    exported = client.get("/report/export.json").get_json()
    assert sorted(c["response"] for c in exported["completions"]) == ["eased", "same"]
    rows = csv.DictReader(io.StringIO(zipfile.ZipFile(io.BytesIO(client.get("/report/export.zip").data))
                                      .read("completions.csv").decode()))
    assert sorted(r["response"] for r in rows) == ["eased", "same"]
    auth.signout()
    auth.signup("ana.new@example.com")
    bea = User.by_email("ana.new@example.com")
    for row in exported["completions"]:
        row["uuid"] = new_uuid()
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 200 and b"2 added" in r.data
    assert sorted(c.response for c in Completion.for_user(bea)) == ["eased", "same"]
    exported["completions"][0].update(uuid=new_uuid(), response="moved")
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 422 and b"Must be better, eased, same, worse or spread." in r.data


def test_an_import_never_sets_how_the_account_signs_in_or_its_bookkeeping(client, auth, ana):
    """A file's profile may carry the passkey id of another account, a recovery-codes date or a
    data version: all are ignored (an import must not take over a passkey or hide a plan change)."""
    import json
    other = User.create(email="zoe@example.com", password_hash="x", passkey_user_id="zoe-passkey-handle")
    exported = client.get("/report/export.json").get_json()
    assert not {"passkey_user_id", "recovery_offered_at", "data_version"} & set(exported["profile"])
    exported["profile"].update(passkey_user_id="zoe-passkey-handle", recovery_offered_at=None,
                               data_version=0, display_name="Ana Again")
    before = User.get_by_id(ana.id)
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 200
    after = User.get_by_id(ana.id)
    assert after.display_name == "Ana Again" and after.passkey_user_id == before.passkey_user_id
    assert after.recovery_offered_at == before.recovery_offered_at and after.data_version >= before.data_version
    assert User.get_by_id(other.id).passkey_user_id == "zoe-passkey-handle"


# ---- issue 21, item 4: warning-sign answers are kept for good; the correction travels with them ----

def _go_now(client, user, sign="saddle"):
    client.post("/log/", data={"go_now": sign})
    return RedFlagCheck.select().where((RedFlagCheck.user == user) & (RedFlagCheck.go_now == sign)).get()


def test_the_correction_goes_out_in_both_exports_and_comes_back_in(client, auth, ana):
    import csv
    import io
    import json
    import zipfile

    from webapp.models import RedFlagCorrection
    alarm = _go_now(client, ana)
    assert client.post(f"/log/mistake/{alarm.uuid}", data={"note": "Thumb slipped, = not a sign"}).status_code == 303
    exported = client.get("/report/export.json").get_json()
    [fix] = exported["redflag_corrections"]
    assert (fix["answer_uuid"], fix["made_by"], fix["note"]) == (alarm.uuid, "person", "Thumb slipped, = not a sign")
    assert exported["redflag_checks"][0]["go_now"] == "saddle" and "user" not in fix and "id" not in fix
    archive = zipfile.ZipFile(io.BytesIO(client.get("/report/export.zip").data))
    [row] = list(csv.DictReader(io.StringIO(archive.read("redflag_corrections.csv").decode())))
    assert (row["answer_uuid"], row["made_by"], row["note"]) == (alarm.uuid, "person", "Thumb slipped, = not a sign")
    client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    auth.signup("ana.new@example.com")
    bea = User.by_email("ana.new@example.com")
    r = import_file(client, json.dumps(exported))
    assert r.status_code == 200 and "Red-flag answers ticked by mistake: 1 added" in r.get_data(as_text=True)
    assert RedFlagCheck.get(RedFlagCheck.user == bea).go_now == "saddle"
    assert RedFlagCorrection.get(RedFlagCorrection.user == bea).note == "Thumb slipped, = not a sign"
    assert not RedFlagCheck.program_paused(bea)
    again = import_file(client, json.dumps(exported)).get_data(as_text=True)
    assert "Red-flag answers ticked by mistake: 0 added, 1 already here" in again
    assert "you said you ticked this by mistake" in client.get("/log/history").get_data(as_text=True)


def test_an_import_cannot_delete_a_warning_sign_answer(client, ana):
    import json
    alarm = _go_now(client, ana)
    marker = {"uuid": alarm.uuid, "kind": "redflag", "client_updated_at": "2026-11-01T10:00:00",
              "deleted_at": "2026-11-01T10:00:00"}
    r = import_file(client, json.dumps({"format": "sciatica-companion/1", "tombstones": [marker]}))
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "1 record could not be imported" in page
    assert f"{alarm.uuid}</code>: a warning-sign answer is kept for good, so it was not deleted" in page
    assert RedFlagCheck.get_by_id(alarm.id).tier == "now" and RedFlagCheck.program_paused(ana)
    from webapp.models import Tombstone
    assert Tombstone.select().count() == 0


def test_an_import_corrects_only_the_persons_own_warning_sign_answers(app, client, ana):
    import json

    from webapp.models import RedFlagCorrection
    ben = app.test_client()
    from .helpers import Auth
    Auth(ben).signup("ben@example.com")
    bens = User.by_email("ben@example.com")
    his = _go_now(ben, bens, "bowel")
    corrected_by_ben = _go_now(ben, bens, "chest")
    ben.post(f"/log/mistake/{corrected_by_ben.uuid}", data={})
    client.post("/log/", data={"redflag": "none"})
    mine_none = RedFlagCheck.get(RedFlagCheck.user == ana)

    def fix(uuid):
        return {"answer_uuid": uuid, "made_at": "2026-11-01T10:00:00", "made_by": "person", "note": ""}
    body = {"format": "sciatica-companion/1",
            "redflag_corrections": [fix(his.uuid), fix(new_uuid()), fix(mine_none.uuid), fix(corrected_by_ben.uuid)]}
    page = import_file(client, json.dumps(body)).get_data(as_text=True)
    assert "4 records could not be imported" in page
    assert page.count("the warning-sign answer it corrects is not in this account") == 3
    assert f"{corrected_by_ben.uuid}</code>: its record id can&#39;t be used in this account" in page
    assert "ben@example.com" not in page
    assert RedFlagCorrection.select().count() == 1 and RedFlagCheck.program_paused(bens)


@pytest.mark.parametrize("change", [
    {"answer_uuid": "not-an-id"}, {"made_by": "practitioner"}, {"note": "x" * 2001}, {"made_at": "yesterday"}])
def test_a_bad_correction_refuses_the_file(client, ana, change):
    import json
    alarm = _go_now(client, ana)
    row = {"answer_uuid": alarm.uuid, "made_at": "2026-11-01T10:00:00", "made_by": "person", "note": "", **change}
    r = import_file(client, json.dumps({"format": "sciatica-companion/1", "redflag_corrections": [row]}))
    assert r.status_code == 422 and b"redflag_corrections[0]" in r.data
    twice = {"answer_uuid": alarm.uuid, "made_at": "2026-11-01T10:00:00"}
    r = import_file(client, json.dumps({"format": "sciatica-companion/1", "redflag_corrections": [twice, twice]}))
    assert r.status_code == 422 and b"appears twice" in r.data
    assert RedFlagCheck.program_paused(ana)
