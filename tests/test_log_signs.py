"""A ticked warning sign wins on every button of a page, without JavaScript (webapp/log/signs.py):
Today is one form, so every button posts the boxes; every endpoint stores them first and leads to
their screen; a tick during a go-now pause is not counted; a contact-a-doctor sign ticked with a
go-now sign keeps its card on Today."""
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from webapp.models import CheckIn, Completion, RedFlagCheck, StageChange, User

from .helpers import add_checkins, london_today, onboard, text_of


class Buttons(HTMLParser):
    """Every submit button on a page, every form, and the form each button and field posts."""

    def __init__(self):
        super().__init__()
        self.forms, self.open, self.buttons, self.fields = {}, [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.open.append(a.get("id") or f"form{len(self.forms)}")
            self.forms[self.open[-1]] = a
        elif tag == "button" and a.get("type", "submit") == "submit" and "disabled" not in a:
            self.buttons.append((a.get("form") or (self.open[-1] if self.open else None), a))
        elif tag in ("input", "select", "textarea") and a.get("name") and a.get("type") != "hidden":
            self.fields.append((a.get("form") or (self.open[-1] if self.open else None), a))

    def handle_endtag(self, tag):
        if tag == "form" and self.open:
            self.open.pop()


def parse(html):
    found = Buttons()
    found.feed(html)
    return found


def main_of(html):
    return html[html.index("<main"):html.index("</main>")]


@pytest.fixture
def ana(client, auth):
    return onboard(client, auth, stage=3, weeks=20)


def today_form(client):
    """The fields Today's one form sends as drawn (hidden ones included), as a browser would."""
    html = client.get("/").get_data(as_text=True)
    form = html[html.index('id="safety-check"'):]
    form = form[:form.index("</form>")]
    return html, dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))


def test_every_button_and_field_on_today_belongs_to_the_warning_sign_check(client, auth):
    """Everything a person can press on Today posts the check's form, so a ticked box goes too."""
    user = onboard(client, auth, stage=2, weeks=20)
    add_checkins(user, [3, 3, 3, 3, 8, 8])          # a step back (a contact card holds back moving up)
    User.update(recovery_offered_at=None).where(User.id == user.id).execute()           # the codes offer
    client.post("/log/", data={"contact_today": "weight_loss"})                         # a contact card
    RedFlagCheck.update(local_date=london_today() - dt.timedelta(days=1)).execute()     # the check open again
    html = client.get("/").get_data(as_text=True)
    page = parse(main_of(html))
    kinds = {a.get("formaction") for _, a in page.buttons}
    assert {"/today/done", "/log/contacted", "/suggestion/accept", "/suggestion/dismiss",
            "/account/recovery/later?next=/"} <= kinds, kinds
    assert None in kinds                                 # "None of these" and the quick check-in's Save
    assert len(page.buttons) >= 12
    assert [a for owner, a in page.buttons if owner != "safety-check"] == []
    assert [a["name"] for owner, a in page.fields if owner != "safety-check"] == []
    assert page.forms["safety-check"]["action"] == "/log/"


def test_done_with_a_go_now_box_ticked_stores_it_once_is_not_counted_and_goes_to_the_emergency_screen(client, ana):
    html, form = today_form(client)
    done = re.search(r'name="done"\s+value="([a-z-]+ [a-z]* [0-9a-f-]{36})"', html).group(1)
    post = {**form, "go_now": "saddle", "leg_pain": "4", "done": done}
    r = client.post("/today/done", data=post)
    assert r.status_code == 303 and r.headers["Location"] == "/emergency?signs=saddle"
    assert client.post("/today/done", data=post).headers["Location"] == "/emergency?signs=saddle"  # twice
    answer = RedFlagCheck.get(RedFlagCheck.tier == "now")
    assert (answer.go_now, answer.uuid, RedFlagCheck.select().where(RedFlagCheck.tier == "now").count()) == (
        "saddle", form["redflag_uuid"], 1)
    assert Completion.select().count() == 0 and CheckIn.select().count() == 0
    assert "Your exercises are paused" in client.get("/").get_data(as_text=True)


def test_done_with_a_contact_box_ticked_counts_the_exercise_and_goes_to_the_urgent_screen(client, ana):
    html, form = today_form(client)
    done = re.search(r'name="done"\s+value="([a-z-]+ [a-z]* [0-9a-f-]{36})"', html).group(1)
    r = client.post("/today/done", data={**form, "contact_today": "fever", "done": done})
    assert r.headers["Location"] == "/urgent?signs=fever&when=today"
    assert RedFlagCheck.get(RedFlagCheck.tier == "today").contact_today == "fever"
    tick = Completion.get()
    assert [tick.exercise, tick.session or "", tick.uuid] == done.split(" ")


def test_the_quick_check_ins_save_sends_the_ticked_box_and_the_check_in(client, ana):
    _, form = today_form(client)
    r = client.post("/log/", data={**form, "go_now": "bladder", "leg_pain": "6", "leg_side": "left"})
    assert r.headers["Location"] == "/emergency?signs=bladder"
    assert RedFlagCheck.get(RedFlagCheck.tier == "now").uuid == form["redflag_uuid"]
    assert CheckIn.get().uuid == form["uuid"] and CheckIn.get().leg_pain == 6


def test_the_quick_check_ins_follow_up_is_a_sign_whatever_button_is_pressed(client, ana):
    html, form = today_form(client)
    done = re.search(r'name="done"\s+value="([^"]+)"', html).group(1)
    r = client.post("/today/done", data={**form, "leg_side": "both", "spread_to_other": "yes", "done": done})
    assert r.headers["Location"] == "/emergency?signs=both_legs_new"
    assert Completion.select().count() == 0


@pytest.mark.parametrize("path, data", [
    ("/suggestion/accept", {"direction": "up", "to_stage": "3"}),
    ("/suggestion/dismiss", {"direction": "up", "to_stage": "3"}),
    ("/account/recovery/later?next=/", {}),
    ("/program/change", {"stage": "1", "pattern": "disc", "reason": "x"}),
])
def test_any_other_button_stores_the_sign_first_and_the_screen_comes_before_its_action(client, ana, path, data):
    _, form = today_form(client)
    r = client.post(path, data={**form, **data, "go_now": "bowel"})
    assert r.status_code == 303 and r.headers["Location"] == "/emergency?signs=bowel"
    assert RedFlagCheck.get(RedFlagCheck.tier == "now").go_now == "bowel"
    assert StageChange.select().count() == 1            # only the start: nothing else was done


def test_i_have_spoken_to_a_doctor_with_a_new_contact_box_ticked_keeps_the_new_card(client, ana):
    client.post("/log/", data={"contact_today": "fever"})
    _, form = today_form(client)
    r = client.post("/log/contacted", data={**form, "spoken": "yes", "contact_today": "unsteady"})
    assert r.headers["Location"] == "/urgent?signs=unsteady&when=today"
    old, new = RedFlagCheck.select().where(RedFlagCheck.tier == "today").order_by(RedFlagCheck.id)
    assert old.contacted_at is not None and new.contacted_at is None
    html = client.get("/").get_data(as_text=True)
    card = text_of(html[html.index('class="card contact-card"'):].split("</section>")[0])
    assert "Have you spoken to your GP" in card and "new unsteady walking" in card and "temperature" not in card


def test_a_contact_sign_ticked_with_a_go_now_sign_keeps_its_card_on_today(client, ana):
    r = client.post("/log/", data={"go_now": "bladder", "contact_today": "fever", "return_to": "today"})
    assert r.headers["Location"] == "/emergency?signs=bladder"
    html = text_of(client.get("/").get_data(as_text=True))
    assert "Your exercises are paused" in html
    assert "Have you spoken to your GP ? You reported a temperature of 38°C or more" in html
    client.post("/log/assessed", data={"note": "Seen in A&E"})
    assert "Have you spoken to your GP" in text_of(client.get("/").get_data(as_text=True))   # still asked
    client.post("/log/contacted", data={"spoken": "yes"})
    assert "Have you spoken to your GP" not in text_of(client.get("/").get_data(as_text=True))


def test_an_htmx_done_with_a_box_ticked_is_told_to_load_the_screen(client, ana):
    html, form = today_form(client)
    done = re.search(r'name="done"\s+value="([^"]+)"', html).group(1)
    r = client.post("/today/done", data={**form, "go_now": "chest", "done": done},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and r.headers["HX-Redirect"] == "/emergency?signs=chest"
    assert r.get_data() == b""


def test_a_bad_done_value_still_stores_the_sign(client, ana):
    _, form = today_form(client)
    r = client.post("/today/done", data={**form, "go_now": "saddle", "done": "handstand morning x"})
    assert r.headers["Location"] == "/emergency?signs=saddle"
    assert client.post("/today/done", data={**form, "done": "handstand morning x"}).status_code == 400


def test_a_refused_answer_id_is_stored_again_under_a_new_one(app, client, ana):
    """A stale page whose answer id is someone else's: the sign is kept all the same."""
    other = app.test_client()
    onboard(other, __import__("tests.helpers", fromlist=["Auth"]).Auth(other), email="ben@example.com")
    taken = RedFlagCheck.get(RedFlagCheck.user == User.by_email("ben@example.com")).uuid
    html, form = today_form(client)
    done = re.search(r'name="done"\s+value="([^"]+)"', html).group(1)
    r = client.post("/today/done", data={**form, "redflag_uuid": taken, "go_now": "saddle", "done": done})
    assert r.headers["Location"] == "/emergency?signs=saddle"
    mine = RedFlagCheck.get((RedFlagCheck.user == ana) & (RedFlagCheck.tier == "now"))
    assert mine.uuid != taken and RedFlagCheck.get(RedFlagCheck.uuid == taken).tier == "none"


def test_an_edit_of_an_old_check_in_is_judged_by_itself_not_as_a_new_sign(client, ana):
    client.post("/log/", data={"leg_pain": "4", "weakness": "yes", "weakness_new": "yes", "weakness_side": "one",
                               "local_date": (london_today() - dt.timedelta(days=9)).isoformat()})
    answers = RedFlagCheck.select().count()
    checkin = CheckIn.get()
    r = client.post(f"/log/{checkin.uuid}/edit", data={"leg_pain": "4", "weakness": "yes", "weakness_new": "yes",
                                                      "weakness_side": "one", "notes": "typo fixed"})
    assert r.headers["Location"] == "/log/history?saved=1"
    assert RedFlagCheck.select().count() == answers and CheckIn.get().notes == "typo fixed"


def test_a_signed_out_post_with_a_box_ticked_stores_nothing(app):
    r = app.test_client().post("/log/", data={"go_now": "saddle"})
    assert r.status_code == 302 and "/account/signin" in r.headers["Location"]
    assert RedFlagCheck.select().count() == 0


def test_a_made_up_code_is_no_sign(client, ana):
    r = client.post("/suggestion/dismiss", data={"go_now": "made-up", "direction": "up", "to_stage": "3"})
    assert r.headers["Location"] == "/" and RedFlagCheck.select().where(RedFlagCheck.tier != "none").count() == 0


def test_the_stenosis_hint_is_shown_only_to_people_it_concerns(client, auth, db):
    user = onboard(client, auth)                                   # one leg, disc type
    RedFlagCheck.update(local_date=london_today() - dt.timedelta(days=1)).execute()
    assert "typical of spinal stenosis" not in client.get("/").get_data(as_text=True)
    assert "typical of spinal stenosis" not in client.get("/log/").get_data(as_text=True)
    assert "typical of spinal stenosis" not in client.get("/red-flags").get_data(as_text=True)
    User.update(pattern="stenosis").where(User.id == user.id).execute()
    assert "typical of spinal stenosis" in client.get("/").get_data(as_text=True)
    User.update(pattern="disc", side="both").where(User.id == user.id).execute()
    assert "typical of spinal stenosis" in client.get("/log/").get_data(as_text=True)
