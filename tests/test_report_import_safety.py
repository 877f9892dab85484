"""An import keeps the safety rules every other path keeps: a tick made during a go-now pause is
not counted, and a stage in the file's profile is held to what the guardrails allow now
(webapp/report/guards.py)."""
import json

from webapp.models import Completion, StageChange, User, utcnow

from .helpers import ago, full_history, new_uuid
from .test_report_exports import _go_now, import_file


def moved_account(client, auth, ana):
    """Ana's whole history as a file, her old account gone and a new one signed in."""
    full_history(ana)
    exported = client.get("/report/export.json").get_json()
    client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    auth.signup("ana.new@example.com")
    return exported, User.by_email("ana.new@example.com")


def test_a_tick_made_during_a_go_now_pause_in_the_account_is_not_counted_by_an_import(client, auth, ana):
    exported, bea = moved_account(client, auth, ana)
    alarm = _go_now(client, bea)
    earlier = exported["completions"][0]
    during = {**earlier, "uuid": new_uuid(), "local_date": alarm.local_date.isoformat(),
              "local_time": alarm.local_time, "tz_offset_minutes": alarm.tz_offset_minutes,
              "client_updated_at": utcnow().isoformat(), "over_cap": False}
    exported["completions"] = [earlier, during]
    page = import_file(client, json.dumps(exported)).get_data(as_text=True)
    assert "Exercises done: 1 added" in page and "1 record could not be imported" in page
    assert f"{during['uuid']}</code>: it was ticked during a pause after an emergency answer" in page
    assert [c.uuid for c in Completion.select().where(Completion.user == bea)] == [earlier["uuid"]]


def test_a_go_now_answer_in_the_same_file_pauses_the_ticks_after_it(client, auth, ana):
    exported, bea = moved_account(client, auth, ana)
    answer = {**exported["redflag_checks"][0], "uuid": new_uuid(), "local_date": ago(1).isoformat(),
              "assessed_at": None, "assessed_note": ""}
    answer["client_updated_at"] = f"{ago(1).isoformat()}T07:30:00"
    tick = {**exported["completions"][0], "local_date": ago(0).isoformat(),
            "client_updated_at": utcnow().isoformat()}
    exported.update(redflag_checks=[answer], completions=[tick])
    page = import_file(client, json.dumps(exported)).get_data(as_text=True)
    assert "ticked during a pause after an emergency answer" in page
    assert not Completion.select().where(Completion.user == bea).exists()


def test_a_stage_in_the_file_is_held_to_what_the_rules_allow_now(client, auth, ana):
    exported, bea = moved_account(client, auth, ana)
    exported["profile"].update(stage=3, episode_start=ago(14).isoformat())
    page = import_file(client, json.dumps(exported)).get_data(as_text=True)
    bea = User.get_by_id(bea.id)
    assert bea.stage == 2
    held = StageChange.select().where(StageChange.user == bea).order_by(StageChange.id.desc()).first()
    assert (held.from_stage, held.to_stage) == (3, 2)
    assert held.reason.startswith("The imported file said stage 3.") and "6 weeks" in held.reason
    assert "Your program starts at stage 2, not the file's stage 3" in page
    assert "Stage 3 is only from 6 weeks after it started." in page


def test_a_stage_within_the_rules_is_restored_as_it_was(client, auth, ana):
    exported, bea = moved_account(client, auth, ana)
    assert exported["profile"]["stage"] == 2
    page = import_file(client, json.dumps(exported)).get_data(as_text=True)
    assert User.get_by_id(bea.id).stage == 2 and "not the file's stage" not in page
