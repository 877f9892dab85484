"""A practitioner's changes and the guardrails (issue 21, item 6): a stage above the starting rule
shows why and takes a reason the person and the report see; stages the rules close cannot be set;
positions of ease can never be left off; and when a care link ends, by either side, every change
that practitioner made stops at once, and a stage they set above the rule goes back."""

import pytest

from webapp.models import CareLink, ProgramChange, StageChange, User

from .helpers import JO, add_checkins, link_up, onboard, text_of
from .helpers import london_today as today


@pytest.fixture
def ana(client, auth):
    user = onboard(client, auth, stage=2, weeks=20)
    add_checkins(user, [5, 5, 4, 5, 5, 5, 5])          # averages 4.9: the starting rule keeps stage 2 at most
    return user


@pytest.fixture
def link(client, jo, ana):
    return link_up(client, jo)


def program(link):
    return f"/practice/people/{link}/program/"


def test_a_practitioner_sees_why_a_stage_is_above_the_rule_and_must_give_a_reason(client, jo, ana, link):
    page = text_of(jo.get(program(link)).get_data(as_text=True))
    assert "The app's rules for their stage now" in page
    assert "Above stage 2 only with your reason: Leg pain averaged 4.9 over the last 7 logged days" in page
    r = jo.post(program(link), data={"kind": "stage", "stage": "3", "reason": "Strong in clinic"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and User.get_by_id(ana.id).stage == 2 and ProgramChange.select().count() == 0
    assert ('id="stage-override-error">Stage 3 is above the starting rule (stage 2 at most now). Leg pain averaged '
            '4.9') in html and "To set it anyway, say why: they will read it." in html
    r = jo.post(program(link), data={"kind": "stage", "stage": "3", "reason": "Strong in clinic",
                                     "override": "Full strength and no nerve signs on examination"})
    assert r.status_code == 303 and User.get_by_id(ana.id).stage == 3
    made = StageChange.history(ana).first()
    assert (made.made_by, made.rule_stage, made.override_reason) == (
        "practitioner", 2, "Full strength and no nerve signs on examination")
    assert ProgramChange.get().override_reason == "Full strength and no nerve signs on examination"
    today_page = text_of(client.get("/").get_data(as_text=True))
    assert ("Stage set to 3, above the starting rule because \u201cFull strength and no nerve signs on "
            f"examination\u201d. Set by {JO} on {today():%-d %b %Y}: Strong in clinic") in today_page
    report = text_of(client.get("/report/").get_data(as_text=True))
    assert "Reason given: Full strength and no nerve signs on examination" in report
    assert "Above the starting rule (stage 2 at most), set by a practitioner" in report


def test_a_practitioner_cannot_set_a_stage_the_rules_close(client, jo, ana, link):
    User.update(stage_1_only_since=today()).where(User.id == ana.id).execute()
    r = jo.post(program(link), data={"kind": "stage", "stage": "3", "reason": "x", "override": "Examined"})
    assert r.status_code == 422 and "Stage 3 is not open now. Both legs there all the time" in r.get_data(as_text=True)
    assert "No stage above 1, for anyone" in text_of(r.get_data(as_text=True))
    assert User.get_by_id(ana.id).stage == 2 and ProgramChange.select().count() == 0
    # Holding or moving down is still open.
    assert jo.post(program(link), data={"kind": "stage", "stage": "1", "reason": "Both legs"}).status_code == 303


@pytest.mark.parametrize("slug", ["positions-of-ease", "lying-on-your-front"])
def test_positions_of_ease_can_never_be_left_off(client, jo, ana, link, slug):
    r = jo.post(program(link), data={"kind": "hide", "exercise": slug, "reason": "Not needed"})
    assert r.status_code == 422 and "always stays on Today, so a flare-up has somewhere to go" in r.get_data(as_text=True)
    assert ProgramChange.select().count() == 0
    # A hide stored before this rule (or by any other path) does not apply either.
    ProgramChange.create(user=ana, by_name=JO, kind="hide", exercise="positions-of-ease", reason="Old", set_on=today())
    html = client.get("/").get_data(as_text=True)
    assert 'id="ex-extra-positions-of-ease"' in html and "Left off by your practitioner" not in html


def test_ending_the_link_stops_every_change_and_puts_an_override_back(client, jo, ana, link):
    form = {"reason": "Plan"}
    jo.post(program(link), data={**form, "kind": "cap", "exercise": "table-stretch", "per_day": "1"})
    jo.post(program(link), data={**form, "kind": "hide", "exercise": "buttock-stretch"})
    jo.post(program(link), data={**form, "kind": "stage", "stage": "3", "hold_days": "14", "override": "Examined"})
    jo.post(program(link), data={**form, "kind": "note", "exercise": "curl-downs", "note": "Slowly"})
    assert User.get_by_id(ana.id).stage == 3
    care = text_of(client.get("/care/").get_data(as_text=True))
    assert "Ending the link also stops the 4 changes they made to your program" in care
    html = client.get("/").get_data(as_text=True)
    assert "Slowly" in html and "Stage 3 of 3" in text_of(html)
    # A change of pattern alone leaves the stage (and who set it above the rule) as it was.
    assert client.post("/program/change", data={"stage": "3", "pattern": "stenosis"}).status_code == 303
    assert "Stage 3 set above the starting rule (stage 2 at most) by a practitioner" in text_of(
        jo.get("/practice/").get_data(as_text=True))
    r = client.post(f"/care/links/{link}/end", follow_redirects=True)
    page = text_of(r.get_data(as_text=True))
    assert "Every change they made has stopped: Curl downs: a note \u201cSlowly\u201d;" in page
    assert "Your stage went back to 2, where it was before they set it above the starting rule." in page
    assert ProgramChange.in_effect(ana).count() == 0
    assert {c.ended_by for c in ProgramChange.select()} == {"the end of the care link"}
    user = User.get_by_id(ana.id)
    back = StageChange.history(user).first()
    assert (user.stage, user.pattern, back.made_by, back.from_stage, back.to_stage) == (
        2, "stenosis", "care-link", 3, 2)
    html = client.get("/").get_data(as_text=True)
    assert "Slowly" not in html and "Stage 2 of 3" in text_of(html) and "Set by" not in html
    assert "No longer in place since" in text_of(client.get("/program").get_data(as_text=True))
    assert jo.get(program(link)).status_code == 410


def test_a_stage_within_the_rules_stays_when_the_practitioner_ends_the_link(client, jo, ana, link):
    jo.post(program(link), data={"kind": "stage", "stage": "1", "hold_days": "10", "reason": "Flare"})
    jo.post(program(link), data={"kind": "cap", "exercise": "table-stretch", "per_day": "1", "reason": "Flare"})
    assert User.get_by_id(ana.id).stage == 1
    r = jo.post(f"/practice/people/{link}/end")
    assert r.status_code == 303 and CareLink.get_by_id(link).ended_by == "practitioner"
    assert ProgramChange.in_effect(ana).count() == 0 and User.get_by_id(ana.id).stage == 1
    # The hold has gone with the link: the engine speaks again.
    assert "held at" not in client.get("/").get_data(as_text=True)


def test_deleting_a_practitioner_account_stops_their_changes(client, jo, ana, link):
    jo.post(program(link), data={"kind": "hide", "exercise": "buttock-stretch", "reason": "Plan"})
    r = jo.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    assert r.status_code in (302, 303), r.status_code
    assert ProgramChange.in_effect(ana).count() == 0
    assert 'Buttock stretch. Left off' not in text_of(client.get("/").get_data(as_text=True))
