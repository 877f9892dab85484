"""Polish on Today (issue 23.9): the "what changes in stage N" moment on the day a stage
changes, and never on the first choice."""
import datetime as dt

from webapp.models import StageChange, User

from .helpers import onboard, text_of


def test_a_stage_change_shows_what_changes_that_day_only(client, auth):
    onboard(client, auth, stage=2)
    assert "What changes in stage" not in client.get("/").get_data(as_text=True)    # the first choice
    client.post("/program/change", data={"stage": "1", "pattern": "disc", "reason": "Flare"})
    user = User.by_email("ana@example.com")
    assert user.stage == 1
    page = text_of(client.get("/").get_data(as_text=True))
    assert "What changes in stage 1: Calm" in page
    assert "Stage 1 is for calming the irritated nerve" in page
    assert "No longer in it:" in page and "Stepping back is not a failure" in page
    # The next day it is gone.
    for change in StageChange.for_user(user):
        change.changed_at -= dt.timedelta(days=1)
        change.save()
    User.update(data_version=User.data_version + 1).where(User.id == user.id).execute()
    assert "What changes in stage" not in client.get("/").get_data(as_text=True)
