"""A round of an exercise counts once (issue 23.2): "How did that feel?" after Done, on Today or on
the exercise page, belongs to the round it follows and never records a second one."""
import re

from webapp.models import Completion, User

from .helpers import onboard, text_of

DONE = re.compile(r'class="button ex-button"[^>]*name="done"\s+value="([^"]+)"')
FEEL = re.compile(r'class="button feel-button feel-(\w+)"[^>]*name="done" value="([^"]+)"')


def _first_done(client):
    """The value of the first Done on Today ("exercise session id")."""
    return DONE.search(client.get("/").get_data(as_text=True)).group(1)


def _rounds(slug):
    return list(Completion.for_user(User.by_email("ana@example.com")).where(Completion.exercise == slug))


def test_a_feeling_on_today_attaches_to_the_round_it_follows(client, auth):
    onboard(client, auth, stage=2)
    value = _first_done(client)
    slug, session, round_id = value.split(" ")
    assert client.post("/today/done", data={"done": value}).status_code == 303
    page = client.get("/").get_data(as_text=True)
    feelings = {k: v for k, v in FEEL.findall(page) if v.startswith(f"{slug} {session} ")}
    # Today asks how it felt, in one tap, with the four answers that matter.
    assert set(feelings) >= {"better", "same", "worse", "spread"}
    assert feelings["spread"] == f"{slug} {session} {round_id} spread"
    assert "Easier" in text_of(page) and "Spread down my leg" in text_of(page)
    r = client.post("/today/done", data={"done": feelings["spread"]})
    assert r.status_code == 303
    rounds = _rounds(slug)
    assert [(c.uuid, c.response) for c in rounds] == [(round_id, "spread")]
    # Pressed twice (a slow phone): still one round.
    client.post("/today/done", data={"done": feelings["spread"]})
    assert len(_rounds(slug)) == 1


def test_a_feeling_on_the_exercise_page_after_done_on_today_is_the_same_round(client, auth):
    onboard(client, auth, stage=2)
    value = _first_done(client)
    slug, session, round_id = value.split(" ")
    client.post("/today/done", data={"done": value})
    page = client.get(f"/exercises/{slug}?session={session}").get_data(as_text=True)
    assert f'name="uuid" value="{round_id}"' in page
    client.post(f"/exercises/{slug}/done", data={"uuid": round_id, "exercise": slug, "session": session,
                                                  "response": "same"})
    assert [(c.uuid, c.response) for c in _rounds(slug)] == [(round_id, "same")]
    assert "1 of" in text_of(client.get("/").get_data(as_text=True))
    # "Start another round" opens a new one.
    fresh = client.get(f"/exercises/{slug}?session={session}&round=new").get_data(as_text=True)
    assert f'name="uuid" value="{round_id}"' not in fresh and "Mark as done" in fresh


def test_a_careless_or_hostile_feeling_is_refused_without_counting(client, auth):
    onboard(client, auth, stage=2)
    value = _first_done(client)
    slug, session, round_id = value.split(" ")
    client.post("/today/done", data={"done": value})
    assert client.post("/today/done", data={"done": f"{slug} {session} {round_id} great"}).status_code == 400
    assert client.post("/today/done", data={"done": f"{slug} {session} {round_id} same extra"}).status_code == 400
    assert [(c.uuid, c.response) for c in _rounds(slug)] == [(round_id, None)]
    # Someone else's round id is never theirs to rate: theirs stays untouched.
    auth.signout()
    other = onboard(client, auth, email="bo@example.com", stage=2)
    client.post("/today/done", data={"done": f"{slug} {session} {round_id} worse"})
    assert Completion.get(Completion.uuid == round_id).response is None
    assert Completion.for_user(other).where(Completion.response == "worse").count() <= 1
