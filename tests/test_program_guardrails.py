"""Stage rules as guardrails, not advice (issue 21, item 5), through the pages a person uses: a stage
chosen by hand above the starting rule needs a reason that the report and the caseload show; the
hard limits (stage 1 only, 6 weeks from onset, nerve signs on most days, an unanswered card, a
pause) refuse it outright; "stage 1 only" is stored and applied, at the start and at the 12-week
re-ask; a stage hold never hides a step back."""
import datetime as dt
import uuid as uuidlib

from webapp import db as dbmod
from webapp.models import ProgramChange, RedFlagCheck, StageChange, User, utcnow

from .helpers import BOTH, JO, WELCOME, add_checkin, add_checkins, backdate_stage, link_up, onboard, text_of
from .helpers import london_today as today


def change(client, stage, pattern="disc", **form):
    return client.post("/program/change", data={"stage": str(stage), "pattern": pattern, **form})


def days_ago(n):
    return today() - dt.timedelta(days=n)


def test_a_stage_above_the_starting_rule_takes_a_reason_that_the_report_and_caseload_show(client, auth, jo):
    user = onboard(client, auth, stage=2, weeks=20)
    add_checkins(user, [5, 4, 5, 5, 4, 5, 5])               # averages 4.7: the rule keeps stage 2 at most
    page = text_of(client.get("/program").get_data(as_text=True))
    assert ("Above stage 2 only if you say why: Leg pain averaged 4.7 over the last 7 logged days "
            f"({days_ago(6).day} {days_ago(6):%b} to today). The starting rule keeps stage 3 for leg pain of 3 "
            "or less.") in page
    r = change(client, 3, reason="Feeling stronger")
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and User.get_by_id(user.id).stage == 2
    assert 'id="override-error">Stage 3 is above the starting rule (stage 2 at most now). Leg pain averaged 4.7' in html
    assert "To choose it anyway, say why." in html and "Feeling stronger" in html          # nothing lost
    r = change(client, 3, reason="Feeling stronger", override="Back at work and coping with it")
    assert r.status_code == 303 and User.get_by_id(user.id).stage == 3
    made = StageChange.history(user).first()
    assert (made.rule_stage, made.override_reason, made.made_by) == (2, "Back at work and coping with it", "person")
    assert made.rule_why.startswith("Leg pain averaged 4.7 over the last 7 logged days")
    assert "Why above it: Back at work and coping with it" in text_of(client.get("/program").get_data(as_text=True))
    report = text_of(client.get("/report/").get_data(as_text=True))
    assert ("Above the starting rule (stage 2 at most), set by the person on "
            f"{made.changed_at:%-d %b %Y}: \u201cBack at work and coping with it\u201d") in report
    assert "Reason given: Back at work and coping with it" in report                   # the stage history
    link = link_up(client, jo)
    caseload = text_of(jo.get("/practice/").get_data(as_text=True))
    assert (f"Stage 3 set above the starting rule (stage 2 at most) by the person on {made.changed_at:%-d %b}: "
            "\u201cBack at work and coping with it\u201d") in caseload
    assert "Reason given: Back at work" in text_of(jo.get(f"/practice/people/{link}/").get_data(as_text=True))
    # Moving down, or within the rule, takes no reason.
    assert change(client, 1).status_code == 303
    assert StageChange.history(user).first().rule_stage is None


def test_with_no_check_ins_lately_moving_up_takes_a_reason(client, auth):
    user = onboard(client, auth, stage=1, weeks=20)
    r = change(client, 2)
    assert r.status_code == 422 and "No check-ins in the last 28 days, so the starting rule cannot be checked." \
        in r.get_data(as_text=True)
    assert change(client, 2, override="Seen by my physio yesterday").status_code == 303
    assert User.get_by_id(user.id).stage == 2


def test_stage_3_is_not_open_before_6_weeks_or_with_nerve_signs_on_most_days_whatever_the_reason(client, auth):
    user = onboard(client, auth, stage=2, weeks=4)
    add_checkins(user, [1] * 7)
    r = change(client, 3, override="I feel fine")
    assert r.status_code == 422 and User.get_by_id(user.id).stage == 2
    assert 'id="stage-error">Stage 3 is not open now. This episode started 4 weeks ago' in r.get_data(as_text=True)
    assert 'id="stage-3" value="3" disabled' in client.get("/program").get_data(as_text=True)
    User.update(episode_start=days_ago(70)).where(User.id == user.id).execute()
    for n in (0, 1, 2, 3):
        add_checkin(user, days_ago(n), 1, extent="below_knee", time="20:00")
    r = change(client, 3, override="I feel fine")
    assert r.status_code == 422 and "Numbness or symptoms below the knee on most of the last 7 logged days" \
        in text_of(r.get_data(as_text=True))
    assert User.get_by_id(user.id).stage == 2


def test_an_unanswered_contact_card_or_a_pause_blocks_moving_up_by_hand(client, auth):
    user = onboard(client, auth, stage=1, weeks=20)
    add_checkins(user, [1] * 7)
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=days_ago(20), local_time="08:00",
                        client_updated_at=utcnow(), tier="today", contact_today="weak_leg")
    r = change(client, 2, override="Physio says so")
    assert r.status_code == 422 and "moving up waits until its card on Today is answered" in r.get_data(as_text=True)
    assert "Moving up waits until you say, on the card on Today" in client.get("/").get_data(as_text=True)
    RedFlagCheck.update(contacted_at=utcnow()).execute()
    assert change(client, 2).status_code == 303
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=today(), local_time="09:00",
                        client_updated_at=utcnow(), tier="now", go_now="saddle")
    r = change(client, 3, override="x")
    assert r.status_code == 422 and "Exercises are paused after an emergency answer" in r.get_data(as_text=True)
    assert change(client, 1).status_code == 303                                   # down is always open


def test_the_start_offers_no_stage_the_rules_close(client, auth):
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    form = {**WELCOME, "episode_start": days_ago(28).isoformat(), "pattern_answer": "disc", "leg_pain": "1",
            "timezone": "Europe/London"}
    page = client.post("/welcome", data=form).get_data(as_text=True)
    assert 'id="stage-3" value="3" disabled' in page and "(not open now)" in page
    r = client.post("/welcome/confirm", data={**form, "stage": "3", "pattern": "disc", "override": "Keen"})
    assert r.status_code == 422 and "Stage 3 is not open now. This episode started 4 weeks ago" in r.get_data(as_text=True)
    assert User.by_email("ana@example.com").onboarded_at is None


def test_stage_1_only_at_the_start_is_stored_and_applied(client, auth):
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    form = {**WELCOME, "side": "both", "episode_start": days_ago(140).isoformat(), "pattern_answer": "disc",
            "leg_pain": "2", "timezone": "Europe/London", **BOTH, "both_constant": "yes"}
    page = client.post("/welcome", data=form).get_data(as_text=True)
    assert "We suggest stage 1" in page and 'id="stage-2" value="2" disabled' in page
    r = client.post("/welcome/confirm", data={**form, "stage": "2", "pattern": "disc", "override": "Feel fine"})
    assert r.status_code == 422 and "Stage 2 is not open now. Both legs there all the time" in r.get_data(as_text=True)
    assert client.post("/welcome/confirm", data={**form, "stage": "1", "pattern": "disc"}).status_code == 303
    user = User.by_email("ana@example.com")
    assert user.stage == 1 and user.stage_1_only_since == today()
    # Nothing above stage 1 while it stands: not by hand, not by suggestion.
    backdate_stage(user, 30)
    add_checkins(user, [1] * 7)
    assert change(client, 2, override="Feel fine").status_code == 422
    html = client.get("/").get_data(as_text=True)
    assert "Ready to move up" not in html and "only stage 1 is open to you" in html


def test_the_12_week_re_ask_sets_stage_1_only_and_can_lift_it(client, auth):
    user = onboard(client, auth, stage=2, side="both", weeks=20, **BOTH)
    assert user.stage_1_only_since is None
    r = client.post("/welcome/both-legs", data={**BOTH, "both_constant": "yes"})
    assert r.status_code == 303 and "/urgent" in r.headers["Location"]
    user = User.get_by_id(user.id)
    assert (user.stage, user.stage_1_only_since) == (1, today())
    back = StageChange.history(user).first()
    assert (back.made_by, back.from_stage, back.to_stage) == ("safety", 2, 1)
    assert "stage 1 only until a doctor or physio has checked this" in back.reason
    assert change(client, 2, override="x").status_code == 422
    # Checked since, and no longer there all the time: lifted.
    client.post("/welcome/both-legs", data={**BOTH, "both_constant": "no", "both_examined": "yes"})
    assert User.get_by_id(user.id).stage_1_only_since is None
    add_checkins(user, [2] * 7)
    assert change(client, 2).status_code == 422               # the "all the time" card is still unanswered
    client.post("/log/contacted", data={"spoken": "yes"})
    assert change(client, 2).status_code == 303


def test_migration_keeps_stage_1_only_from_an_earlier_both_legs_answer(client, auth, db):
    user = onboard(client, auth, stage=2, side="both", **BOTH)
    User.update(both_legs_checked_on=days_ago(100)).where(User.id == user.id).execute()
    RedFlagCheck.create(user=user, uuid=str(uuidlib.uuid4()), local_date=days_ago(3), local_time="08:00",
                        client_updated_at=utcnow(), tier="today", contact_today="both_legs_always,fever")
    stable = onboard(client, auth, email="bo@example.com", side="both", **BOTH)
    User.update(both_legs_checked_on=today()).where(User.id == stable.id).execute()
    RedFlagCheck.create(user=stable, uuid=str(uuidlib.uuid4()), local_date=days_ago(30), local_time="08:00",
                        client_updated_at=utcnow(), tier="today", contact_today="both_legs_always")
    with db.connection_context():
        undone = dbmod.runner().down("0011_stage_guardrails")       # and every later one with it
        assert "0011_stage_guardrails" in undone
        assert dbmod.runner().up() == sorted(undone)
    assert User.get_by_id(user.id).stage_1_only_since == days_ago(3)
    assert User.get_by_id(stable.id).stage_1_only_since is None        # checked and stable since
    html = client.get("/").get_data(as_text=True)                       # bo is signed in: stage 1 already
    assert "only stage 1 is open" not in html


def test_a_hold_never_hides_a_step_back(client, auth, jo):
    user = onboard(client, auth, stage=2, weeks=20)
    program = f"/practice/people/{link_up(client, jo)}/program/"
    jo.post(program, data={"kind": "stage", "stage": "2", "hold_days": "14", "reason": "Settle first"})
    assert ProgramChange.get().hold_until is not None
    add_checkins(user, [3, 3, 3, 3, 8, 8])
    html = client.get("/").get_data(as_text=True)
    assert "Time to step back to stage 1?" in html
    assert "a hold never stops a suggestion to step back" in html
    r = client.post("/suggestion/accept", data={"direction": "down", "to_stage": "1"})
    assert r.status_code == 303 and User.get_by_id(user.id).stage == 1
    assert f"Set by {JO}" in text_of(client.get("/program").get_data(as_text=True))
