"""The exercise page: public content, and done then "how did that feel?" on one completion."""
import re
import uuid as uuidlib

from webapp.models import Completion

from .helpers import onboard


def test_exercise_page_is_public_content_without_counters(client):
    r = client.get("/exercises/knees-rocking")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<svg" in html and "Stop if" in html and 'data-timer' in html and 'data-cycle="5"' in html
    assert 'id="done-card"' not in html and "of 3 today" not in html
    assert "Lie on your back" in html and "Sources" in html
    assert re.search(r'href="/library/[a-z-]+"', html)
    assert "Only with your practitioner" in client.get("/exercises/advanced-nerve-traction").get_data(as_text=True)
    assert client.get("/exercises/handstand").status_code == 404


def test_done_then_feeling_updates_the_same_completion(client, auth):
    user = onboard(client, auth)
    uid = str(uuidlib.uuid4())
    r = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "session": "morning"})
    assert r.headers["Location"].startswith(f"/exercises/knees-rocking?done={uid}")
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "1 of 3 today" in html and '<div class="stop-now" id="stop-now" role="alert" hidden>' in html
    r = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "response": "spread"},
                    headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert '<div class="stop-now" id="stop-now" role="alert">' in html and "Stop this exercise for now" in html
    row = Completion.get(Completion.uuid == uid)
    assert Completion.for_user(user).count() == 1 and row.response == "spread" and row.session == "morning"
    client.post("/exercises/knees-rocking/done", data={"uuid": uid})  # "done" again keeps the answer
    assert Completion.get(Completion.uuid == uid).response == "spread"


def test_the_leg_eased_answer_through_the_page_and_htmx(client, auth):
    user = onboard(client, auth, stage=1)
    uid = str(uuidlib.uuid4())
    r = client.post("/exercises/lying-on-your-front/done", data={"uuid": uid, "response": "eased"})
    assert r.status_code == 303
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert re.search(r'id="feel-eased"\s+class="button feeling-button feeling-eased"\s+aria-pressed="true"', html)
    assert '<div class="stop-now" id="stop-now" role="alert" hidden>' in html
    assert Completion.get(Completion.uuid == uid).response == "eased"
    other = str(uuidlib.uuid4())
    r = client.post("/exercises/knees-rocking/done", data={"uuid": other, "response": "eased"},
                    headers={"HX-Request": "true"})
    fragment = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in fragment and 'aria-pressed="true">Leg eased or moved up' in fragment
    assert Completion.get(Completion.uuid == other).response == "eased"
    assert client.post("/exercises/knees-rocking/done", data={"uuid": other, "response": "great"}).status_code == 400
    assert Completion.for_user(user).count() == 2
