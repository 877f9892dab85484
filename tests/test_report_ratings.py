"""Weekly function ratings (PSFS style) through HTTP, and that no licensed questionnaire ships."""
import datetime as dt

import pytest

from .helpers import ago, new_uuid, psfs
from .helpers import utc_today as today


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
    # The one 0-10 control (log/_scale.html), one per activity, the saved score chosen.
    assert 'value="putting on socks"' in page and 'id="score-1-4" name="score-1" value="4" checked' in page
    assert page.count('<fieldset class="scale') == 3 and "<select" not in page
    html = client.get(f"/report/?from={ago(14).isoformat()}&to={today().isoformat()}").get_data(as_text=True)
    assert "chart-psfs-1-title" in html and "2 → <strong>4</strong>" in html
    assert "Stratford" in html


def test_no_licensed_questionnaire_wording_ships():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    text = " ".join(p.read_text() for p in list((root / "templates/report").glob("*.html"))
                    + [root / "webapp/report/ratings.py", root / "webapp/report/validation.py"])
    for name in ("Oswestry", "STarT Back", "Bothersomeness", "Roland-Morris"):
        assert name not in text


def test_the_ratings_form_as_a_person_fills_it_one_control_per_activity(client, ana):
    """What the page's own form sends (radios score-1, score-2, ...), a second row's score left
    empty with its activity named: the error sits by that row's control, nothing is stored; then
    both rows saved in the order shown."""
    from webapp.models import PsfsRating
    form = {"activity": ["Putting on socks", "Stairs", ""], "score-1": "3"}
    r = client.post("/report/function", data=form)
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and PsfsRating.select().count() == 0
    assert 'id="score-2-error"' in page and 'aria-describedby="score-2-error"' in page
    assert 'id="score-1-3" name="score-1" value="3" checked' in page and 'value="Stairs"' in page
    assert client.post("/report/function", data={**form, "score-2": "6"}).status_code == 302
    assert sorted((r.activity, r.score) for r in PsfsRating.select()) == [("Putting on socks", 3), ("Stairs", 6)]
