"""The report starts at the person's first record when that is later than the range (issue 23,
item 7), and no warning-sign answer ever falls outside it for that."""
import datetime as dt

from webapp.models import RedFlagCheck

from .helpers import add_checkin, ago, new_uuid, text_of
from .helpers import utc_today as today


def head(client, query=""):
    return text_of(client.get("/report/" + query).get_data(as_text=True))


def test_a_new_person_s_report_starts_at_their_first_check_in(client, ana):
    for days in (9, 4, 0):
        add_checkin(ana, ago(days), 5)
    assert f"{ago(9):%-d %b %Y} to {today():%-d %b %Y} (10 days)" in head(client)
    # A range asked for starts there too; one after the first record is left as asked.
    asked = f"?from={ago(60).isoformat()}&to={today().isoformat()}"
    assert f"{ago(9):%-d %b %Y} to {today():%-d %b %Y} (10 days)" in head(client, asked)
    later = f"?from={ago(5).isoformat()}&to={today().isoformat()}"
    assert f"{ago(5):%-d %b %Y} to {today():%-d %b %Y} (6 days)" in head(client, later)


def test_a_warning_sign_answer_before_the_first_check_in_is_still_in_the_report(client, ana):
    common = {"user": ana, "local_time": "07:30", "client_updated_at": dt.datetime(2026, 1, 1)}
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(12), tier="today", contact_today="fever", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(11), tier="now", go_now="saddle",
                        assessed_at=dt.datetime(2026, 11, 19, 10), assessed_note="Seen", **common)
    add_checkin(ana, ago(3), 5)
    page = head(client)
    assert f"{ago(12):%-d %b %Y} to {today():%-d %b %Y} (13 days)" in page
    html = client.get("/report/").get_data(as_text=True)
    assert "flag-box flag-today" in html and "flag-box flag-now" in html


def test_no_records_keep_the_usual_28_days(client, ana):
    assert f"{ago(27):%-d %b %Y} to {today():%-d %b %Y} (28 days)" in head(client)
