"""The warning-sign check through the plain form and the server: any ticked box wins, go now pauses
until assessed, contact-a-doctor answers are judged with the background risks and leave a card on
Today, the screens give a reason per sign and the country's numbers, and the safety pages are public
and kept offline."""
import datetime as dt
import re
import uuid as uuidlib

import pytest

from webapp.models import CheckIn, RedFlagCheck, User

from .helpers import CHECKIN_FORM, london_today, onboard, text_of

GB = {"Accept-Language": "en-GB,en;q=0.9"}


def page(client, url, **headers):
    return text_of(client.get(url, headers=headers or GB).get_data(as_text=True))


def test_redflag_go_now_shows_emergency_and_pauses_until_assessed(client, ana, db):
    r = client.post("/log/", data={**CHECKIN_FORM, "go_now": ["saddle", "bladder"]})
    assert r.headers["Location"] == "/emergency?signs=bladder,saddle"
    check = RedFlagCheck.get()
    assert check.tier == "now" and check.go_now == "bladder,saddle" and check.assessed_at is None
    assert CheckIn.select().count() == 1  # the check-in was kept too
    assert "Go to A&E or call 999 now" in page(client, "/emergency?signs=bladder,saddle")
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == [check]
    # A later "none of these" does not clear it: only the person confirming an assessment does.
    client.post("/log/", data={"redflag": "none"})
    assert RedFlagCheck.select().count() == 2
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == [check]
    assert "program is paused" in client.get("/log/assessed").get_data(as_text=True)
    r = client.post("/log/assessed", data={"note": "Seen in A&E, MRI clear"})
    assert r.status_code == 302
    assert list(RedFlagCheck.unconfirmed_alarms(ana)) == []
    assert RedFlagCheck.get_by_id(check.id).assessed_note == "Seen in A&E, MRI clear"


def test_a_ticked_box_wins_over_none_of_these_without_javascript(client, ana, db):
    r = client.post("/log/", data={"redflag": "none", "go_now": "saddle"})
    assert r.headers["Location"] == "/emergency?signs=saddle"
    r = client.post("/log/", data={"redflag": "none", "contact_today": "fever"})
    assert r.headers["Location"] == "/urgent?signs=fever&when=today"
    r = client.post("/log/", data={**CHECKIN_FORM, "redflag": "none", "go_now": "bowel"})
    assert r.headers["Location"] == "/emergency?signs=bowel"
    assert [c.tier for c in RedFlagCheck.select().order_by(RedFlagCheck.id)] == ["now", "today", "now"]


def test_none_of_these_is_one_tap_and_recorded(client, ana, db):
    r = client.post("/log/", data={"redflag": "none"})
    assert r.status_code == 302 and r.headers["Location"] == "/log/history?saved=1"
    assert RedFlagCheck.get().tier == "none" and CheckIn.select().count() == 0
    html = client.get("/log/").get_data(as_text=True)
    assert f'data-last-answered="{RedFlagCheck.get().local_date.isoformat()}"' in html


def test_unknown_redflag_code_is_refused(client, ana, db):
    r = client.post("/log/", data={**CHECKIN_FORM, "go_now": "made-up"})
    assert RedFlagCheck.select().count() == 0
    assert r.status_code in (302, 422)


# ---- the screens ----

def visible(html):
    """The words shown: elements with the hidden attribute (and what is inside them) left out."""
    html = re.sub(r"<(li|div|ol|span|p|a|section)\b[^>]*\shidden[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    return text_of(html)


def test_the_emergency_screen_gives_a_reason_per_sign(client):
    ces = visible(client.get("/emergency?signs=saddle,bladder", headers=GB).get_data(as_text=True))
    assert "You ticked: New trouble starting to pee, or less feeling when you pee New numbness between" in ces
    assert "cauda equina syndrome" in ces and "Go to A&E or call 999 now" in ces
    assert "chest pain" not in ces.split("All the go-now")[0]
    chest = visible(client.get("/emergency?signs=chest", headers=GB).get_data(as_text=True))
    assert chest.count("Call 999 now") == 2 and "Back pain with chest pain can come from the heart" in chest
    assert "cauda equina" not in chest and "Go to A&E" not in chest.split("All the go-now")[0]
    accident = visible(client.get("/emergency?signs=accident", headers=GB).get_data(as_text=True))
    assert "a bone in your spine may be broken" in accident and "keep as still as you can" in accident
    cancer = visible(client.get("/emergency?signs=cancer", headers=GB).get_data(as_text=True))
    assert "spinal cord is being pressed on" in cancer and "Go to A&E or call 999 now" in cancer
    generic = visible(client.get("/emergency", headers=GB).get_data(as_text=True))
    assert "cauda equina" in generic and "Chest pain with back pain, or back pain after a big accident" in generic


@pytest.mark.parametrize("signs", ["chest,saddle", "accident,bladder", "chest,accident,both_legs_new,cancer"])
def test_chest_pain_or_an_accident_with_any_other_sign_says_call_an_ambulance(client, signs):
    """Issue 21 item 8: the heading said "Go to A&E" as soon as another sign was ticked too."""
    both = visible(client.get(f"/emergency?signs={signs}", headers=GB).get_data(as_text=True))
    screen = both.split("All the go-now")[0]
    assert "Call 999 now for an ambulance" in screen and "Call 999 now and ask for an ambulance" in screen
    assert "Go to A&E" not in screen
    assert ("come from the heart" in screen or "may be broken" in screen) and "You ticked:" in screen
    if "saddle" in signs or "bladder" in signs:
        assert "cauda equina" in screen                          # every reason is still given


def test_the_urgent_screen_wording(client):
    today = visible(client.get("/urgent?signs=fever", headers=GB).get_data(as_text=True))
    assert ("Call your GP today and say it is urgent. If you can't be seen today, call NHS 111 . Fever with new "
            "weakness or numbness, or feeling very unwell: go to A&E .") in today
    assert "within a few days" not in today and "next few days" not in today
    soon = visible(client.get("/urgent?signs=weight_loss&when=soon", headers=GB).get_data(as_text=True))
    assert "See your GP in the next few days" in soon and "within a few days" in soon
    assert "You told us: Losing weight without trying" in soon and "Call your GP today" not in soon


@pytest.mark.parametrize("language, number, after_hours", [
    ("en-US,en;q=0.8", "911", "urgent care center"), ("en-AU", "000", "after-hours GP"),
    ("en-IE", "112 or 999", "out-of-hours"), ("en-NZ", "111", "Healthline on 0800 611 116"),
    ("de-DE", "112", "on 116 117"), ("en-GB", "999", "call NHS 111"), ("ja", "119", "out-of-hours"),
])
def test_signed_out_screens_default_to_the_browsers_country(client, language, number, after_hours):
    assert f"call {number} now" in page(client, "/emergency", **{"Accept-Language": language})
    assert after_hours in page(client, "/urgent", **{"Accept-Language": language})


def test_somewhere_else_says_your_local_emergency_number_and_offers_no_number_to_dial(client):
    html = client.get("/emergency", headers={"Accept-Language": "sw-TZ"}).get_data(as_text=True)
    assert "call your local emergency number now" in text_of(html)
    assert "112 works from mobiles in many countries." in visible(html)
    assert 'href="tel:" data-c-dial hidden' in html
    british = client.get("/emergency", headers=GB).get_data(as_text=True)
    assert "112 works from mobiles" not in visible(british)


def test_the_persons_country_wins_and_can_be_changed_on_the_account_page(client, auth, db):
    user = onboard(client, auth)
    assert "call 999 now" in page(client, "/emergency")
    account = client.get("/account/").get_data(as_text=True)
    assert "Health background and country" in account and 'value="GB" selected' in account
    r = client.post("/account/safety", data={"country": "US", "background_none": "yes", "pregnant": "no"})
    assert r.status_code == 303 and User.get_by_id(user.id).country == "US"
    emergency = client.get("/emergency", headers=GB).get_data(as_text=True)
    assert "call 911 now" in text_of(emergency) and 'href="tel:911"' in emergency
    assert "ER or 911 now" in page(client, "/red-flags")                       # the banner too
    r = client.post("/account/safety", data={"country": "Atlantis"})
    assert r.status_code == 422 and "Choose where you live" in r.get_data(as_text=True)


def test_adding_past_cancer_on_the_account_page_is_a_see_your_gp_once(client, auth, db):
    user = onboard(client, auth)
    r = client.post("/account/safety", data={"country": "GB", "background": ["past_cancer", "bones"], "pregnant": "no"})
    assert r.headers["Location"] == "/urgent?signs=risk_past_cancer&when=soon"
    assert User.get_by_id(user.id).background == "bones,past_cancer"
    client.post("/account/safety", data={"country": "GB", "background": ["past_cancer"], "pregnant": "no"})
    assert RedFlagCheck.select().where(RedFlagCheck.tier == "soon").count() == 1


# ---- background risks lower the bar, judged on the server ----

def test_the_server_judges_an_answer_with_the_persons_background(client, auth, db):
    user = onboard(client, auth)
    r = client.post("/log/", data={"contact_today": "constant_pain"})
    assert r.headers["Location"] == "/urgent?signs=constant_pain&when=soon"
    User.update(background="past_cancer").where(User.id == user.id).execute()
    r = client.post("/log/", data={"contact_today": "constant_pain"})
    assert r.headers["Location"] == "/urgent?signs=constant_pain&when=today"
    latest = RedFlagCheck.select().order_by(RedFlagCheck.id.desc()).first()
    assert (latest.tier, latest.background) == ("today", "past_cancer")
    # The phone's word for the tier is never taken: the background decides.
    answer = client.post("/api/sync", json={"records": [{
        "kind": "redflag", "uuid": str(uuidlib.uuid4()), "client_updated_at": "2026-11-20T07:00:00Z",
        "local_date": london_today().isoformat(), "local_time": "08:00", "tz_offset_minutes": 0,
        "data": {"contact_today": ["weight_loss"], "tier": "none"}}]}).json["results"][0]
    assert answer["tier"] == "today"


# ---- what a check-in's answers imply ----

@pytest.mark.parametrize("extra, location, code", [
    ({"weakness": "yes", "weakness_new": "yes", "weakness_side": "both"}, "/emergency?signs=both_legs_new",
     "both_legs_new"),
    ({"weakness": "yes", "weakness_new": "yes", "weakness_side": "one"}, "/urgent?signs=weak_leg&when=today",
     "weak_leg"),
    ({"leg_side": "both", "spread_to_other": "yes"}, "/emergency?signs=both_legs_new", "both_legs_new"),
])
def test_the_check_in_follow_ups_route_to_the_right_screen(client, auth, db, extra, location, code):
    onboard(client, auth)
    r = client.post("/log/", data={**CHECKIN_FORM, **extra})
    assert r.headers["Location"] == location
    check = RedFlagCheck.get(RedFlagCheck.tier != "none")
    assert code in check.go_now_codes + check.contact_today_codes
    row = CheckIn.get()
    assert (row.weakness_new, row.weakness_side, row.leg_side, row.spread_to_other) == (
        extra.get("weakness_new") == "yes" or None, extra.get("weakness_side"), extra.get("leg_side"),
        extra.get("spread_to_other") == "yes" or None)


def test_known_stable_weakness_and_the_usual_leg_are_no_alarm(client, auth, db):
    onboard(client, auth)
    r = client.post("/log/", data={**CHECKIN_FORM, "weakness": "yes", "weakness_new": "no", "weakness_side": "one",
                                   "leg_side": "left"})
    assert r.headers["Location"] == "/log/history?saved=1"
    assert RedFlagCheck.select().where(RedFlagCheck.tier != "none").count() == 0
    form = client.get("/log/").get_data(as_text=True)
    assert "Which leg today?" in form and "Has it spread to your other leg?" in form
    assert "Is the weakness new or getting worse?" in form and "In one leg or both?" in form


# ---- the contact-today card on Today ----

def test_a_contact_today_answer_leaves_a_card_until_answered_without_pausing(client, auth, db):
    onboard(client, auth)
    client.post("/log/", data={"contact_today": "fever"})
    html = text_of(client.get("/").get_data(as_text=True))
    day = london_today().strftime("%-d %B")
    assert (f"Have you spoken to your GP ? You reported a temperature of 38°C or more, shivering, or feeling very "
            f"unwell on {day}.") in html
    assert "Your exercises are paused" not in visible(client.get("/").get_data(as_text=True))
    assert "Knees rocking" in html
    client.post("/log/contacted", data={"spoken": "no"})
    assert "Have you spoken to your GP" in text_of(client.get("/").get_data(as_text=True))
    client.post("/log/contacted", data={"spoken": "yes"})
    assert "Have you spoken to your GP" not in text_of(client.get("/").get_data(as_text=True))
    assert RedFlagCheck.get(RedFlagCheck.tier == "today").contacted_at is not None


# ---- on Today: the check above the exercises until answered for the day ----

def test_today_asks_the_check_above_the_exercises_until_answered(client, auth, db):
    onboard(client, auth)
    assert '<details class="redflag-check" open' not in client.get("/").get_data(as_text=True)  # asked at the start
    RedFlagCheck.update(local_date=london_today() - dt.timedelta(days=1)).execute()              # the next day
    html = client.get("/").get_data(as_text=True)
    assert '<details class="redflag-check" open' in html
    assert html.index('id="safety-check"') < html.index('id="today-plan"')
    r = client.post("/log/", data={"redflag": "none", "return_to": "today"})
    assert r.headers["Location"] == "/"
    assert '<details class="redflag-check" open' not in client.get("/").get_data(as_text=True)


def test_the_safety_pages_are_public_and_precached(client):
    assert client.get("/emergency").status_code == 200
    assert client.get("/urgent").status_code == 200
    sw = client.get("/sw.js").get_data(as_text=True)
    assert '"/emergency?lang=en"' in sw and '"/urgent?lang=en"' in sw and "outbox-core.js" in sw and "/static/js/safety.js?v=" in sw


def test_the_library_does_not_claim_questions_the_app_does_not_ask(client):
    article = text_of(client.get("/library/red-flags-and-cauda-equina").get_data(as_text=True))
    assert "in every daily log" not in article
    assert "when you start" in article and "on Today" in article


def test_safety_migration_goes_down_and_up(app, db):
    from webapp import db as dbmod
    with db.connection_context():
        assert "0004_safety" in dbmod.runner().down("0004_safety")
        assert "country" not in {c.name for c in db.get_columns("user")}
        assert "contacted_at" not in {c.name for c in db.get_columns("red_flag_check")}
        assert "0004_safety" in dbmod.runner().up()
        assert {"leg_side", "weakness_new"} <= {c.name for c in db.get_columns("check_in")}


def test_history_lists_days_with_only_a_safety_answer(client, auth, db):
    onboard(client, auth)
    client.post("/log/", data={"redflag": "none", "local_date": (london_today() - dt.timedelta(days=3)).isoformat(),
                               "local_time": "08:00"})
    html = text_of(client.get("/log/history").get_data(as_text=True))
    assert "No check-ins yet" not in html
    assert (london_today() - dt.timedelta(days=3)).strftime("%A, %-d %B %Y") in html
    assert "Safety check: none of the warning signs. No check-in this day." in html
