"""The warning-sign check through the plain form: go now pauses until assessed, contact today is
recorded, "none of these" is one tap, and the safety pages are public and kept offline."""
from webapp.models import CheckIn, RedFlagCheck

from .helpers import CHECKIN_FORM


def test_redflag_go_now_shows_emergency_and_pauses_until_assessed(client, ana, db):
    r = client.post("/log/", data={**CHECKIN_FORM, "go_now": ["saddle", "bladder"]})
    assert r.headers["Location"] == "/emergency?signs=bladder,saddle"
    check = RedFlagCheck.get()
    assert check.tier == "now" and check.go_now == "bladder,saddle" and check.assessed_at is None
    assert CheckIn.select().count() == 1  # the check-in was kept too
    emergency = client.get("/emergency").get_data(as_text=True)
    assert "Go to A&amp;E or call 999 now" in emergency
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == [check]
    # A later "none of these" does not clear it: only the ana confirming an assessment does.
    client.post("/log/", data={"redflag": "none"})
    assert RedFlagCheck.select().count() == 2
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == [check]
    page = client.get("/log/assessed").get_data(as_text=True)
    assert "program is paused" in page
    r = client.post("/log/assessed", data={"note": "Seen in A&E, MRI clear"})
    assert r.status_code == 302
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == []
    assert RedFlagCheck.get_by_id(check.id).assessed_note == "Seen in A&E, MRI clear"


def test_redflag_contact_today_shows_guidance_and_is_recorded(client, ana, db):
    r = client.post("/log/", data={**CHECKIN_FORM, "contact_today": "fever"})
    assert r.headers["Location"] == "/urgent?signs=fever&when=today"
    assert RedFlagCheck.get().tier == "today"
    assert "Contact a doctor today" in client.get("/urgent").get_data(as_text=True)
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == []


def test_none_of_these_is_one_tap_and_recorded(client, ana, db):
    r = client.post("/log/", data={"redflag": "none"})
    assert r.status_code == 302
    assert RedFlagCheck.get().tier == "none" and CheckIn.select().count() == 0
    html = client.get("/log/").get_data(as_text=True)
    assert f'data-last-answered="{RedFlagCheck.get().local_date.isoformat()}"' in html


def test_unknown_redflag_code_is_refused(client, ana, db):
    r = client.post("/log/", data={**CHECKIN_FORM, "go_now": "made-up"})
    assert RedFlagCheck.select().count() == 0
    assert r.status_code in (302, 422)


def test_emergency_pages_are_public_and_precached(client):
    assert client.get("/emergency").status_code == 200
    assert client.get("/urgent").status_code == 200
    sw = client.get("/sw.js").get_data(as_text=True)
    assert '"/emergency"' in sw and '"/urgent"' in sw and "outbox-core.js" in sw


def test_a_ticked_box_wins_over_none_of_these_without_javascript(client, ana, db):
    r = client.post("/log/", data={"redflag": "none", "go_now": "saddle"})
    assert r.headers["Location"].startswith("/emergency")
    assert RedFlagCheck.get().tier == "now"
    r = client.post("/log/", data={"redflag": "none", "contact_today": "fever"})
    assert r.headers["Location"].startswith("/urgent")
    assert [c.tier for c in RedFlagCheck.select().order_by(RedFlagCheck.id)] == ["now", "today"]
