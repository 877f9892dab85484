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


def test_today_has_one_primary_button_even_with_a_stage_suggestion(client, auth):
    """Issue 23.9: the next exercise's Start (shown by the timer's script) is the day's one primary
    action; a stage suggestion's "Yes" and the recovery-codes offer are ordinary buttons."""
    import re

    from .helpers import add_checkins, backdate_stage
    onboard(client, auth, stage=2, weeks=20)
    user = User.by_email("ana@example.com")
    add_checkins(user, [3, 3, 3, 3, 8, 8])           # a step back is suggested
    backdate_stage(user, 20)
    User.update(data_version=User.data_version + 1).where(User.id == user.id).execute()
    page = client.get("/").get_data(as_text=True)
    assert "suggestion-card" in page
    primary = re.findall(r"<(?:button|a)\b[^>]*\bbutton-primary\b[^>]*>", page)
    assert primary and all("timer-main" in tag for tag in primary), primary


def test_the_welcome_asks_leg_pain_with_the_one_0_to_10_control(client, auth):
    """The same control as Today and the check-in (log/_scale.html), with its ends said."""
    auth.signup()
    client.post("/welcome/safety", data={"redflag": "none"})
    page = client.get("/welcome").get_data(as_text=True)
    assert '<fieldset class="scale field' not in page          # no error yet
    assert '<fieldset class="scale" data-field="leg_pain">' in page
    assert "0 is no pain. 10 is the worst pain you can imagine." in text_of(page)
    assert page.count('name="leg_pain"') == 11 and "pain-options" not in page
