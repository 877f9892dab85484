"""The caseload's order, from hand-made records: warning-sign answers since the last visit first
(go-now before contact-today), then spread responses, then rising leg pain, then a week's silence,
then everyone else; each with a one-line summary."""
import datetime as dt
import re

from webapp.models import CareLink, CheckIn, Completion, Practitioner, RedFlagCheck, User, Visit
from webapp.practice import caseload
from webapp.report.verdicts import Change

from .helpers import LONDON, london_today, new_uuid, text_of


def person(name, practitioner, checkins=(), ended=False):
    """A person linked to `practitioner`, with check-ins (days ago, leg pain), made by hand."""
    user = User.create(email=f"{name.lower().replace(' ', '.')}@example.com", password_hash="x", timezone=LONDON,
                       stage=2, pattern="disc", display_name=name)
    for days, leg in checkins:
        CheckIn.create(user=user, uuid=new_uuid(), local_date=london_today() - dt.timedelta(days=days),
                       local_time="09:00", client_updated_at=dt.datetime(2026, 1, 1), leg_pain=leg)
    CareLink.create(user=user, practitioner=practitioner,
                    ended_at=dt.datetime(2026, 1, 1) if ended else None, ended_by="person" if ended else None)
    return user


def flag(user, days, tier, assessed=False):
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=london_today() - dt.timedelta(days=days),
                        local_time="08:00", client_updated_at=dt.datetime(2026, 1, 1), tier=tier,
                        go_now="saddle" if tier == "now" else "", contact_today="new_weakness" if tier == "today" else "",
                        assessed_at=dt.datetime(2026, 1, 2) if assessed else None)


def spread(user, days, exercise="table-stretch"):
    Completion.create(user=user, uuid=new_uuid(), local_date=london_today() - dt.timedelta(days=days),
                      local_time="10:00", client_updated_at=dt.datetime(2026, 1, 1), exercise=exercise,
                      response="spread")


DAILY = [(d, 3) for d in range(7)]


def test_the_caseload_puts_who_needs_attention_first(app, jo):
    me = Practitioner.get()
    sam = person("Steady Sam", me, DAILY)
    sue = person("Silent Sue", me, [(10, 3), (11, 3), (12, 3)])
    rob = person("Rising Rob", me, [(6, 2), (5, 2), (4, 2), (2, 6), (1, 6), (0, 7)])
    sal = person("Spread Sal", me, DAILY)
    spread(sal, 2)
    tim = person("Today Tim", me, DAILY)
    flag(tim, 1, "today")
    nia = person("Now Nia", me, DAILY)
    flag(nia, 3, "now")
    spread(nia, 1)
    ola = person("Old Ola", me, DAILY)
    flag(ola, 40, "now")                        # long before the range, but never confirmed as assessed
    vic = person("Visited Vic", me, DAILY)
    flag(vic, 10, "now", assessed=True)         # before the last visit: that visit has dealt with it
    Visit.create(user=vic, uuid=new_uuid(), visit_date=london_today() - dt.timedelta(days=5), practitioner="Jo")
    gus = person("Gone Gus", me, DAILY, ended=True)
    flag(gus, 1, "now")
    other = Practitioner.create(user=User.create(email="ben@example.com", password_hash="x"), name="Ben",
                                profession="GP")
    flag(person("Ben's Bea", other, DAILY), 0, "now")

    html = jo.get("/practice/").get_data(as_text=True)
    names = re.findall(r'<p class="caseload-name"><a href="/practice/people/\d+/">([^<]+)</a>', html)
    assert names == ["Now Nia", "Old Ola", "Today Tim", "Spread Sal", "Rising Rob", "Silent Sue",
                     "Steady Sam", "Visited Vic"]
    summaries = [text_of(s) for s in re.findall(r'<p class="caseload-summary">(.*?)</p>', html)]
    day = lambda n: f"{(london_today() - dt.timedelta(days=n)):%-d %b}"
    assert summaries[0] == (f"Emergency (go now) answer {day(3)} (not yet confirmed as assessed) · "
                            "Table stretch spread symptoms down the leg yesterday · Leg pain 3 lately · "
                            "Last check-in today")
    assert summaries[1].startswith(f"Emergency (go now) answer {day(40)} (not yet confirmed as assessed)")
    assert summaries[2].startswith("Contact-a-doctor-today answer yesterday")
    assert summaries[3].startswith(f"Table stretch spread symptoms down the leg {day(2)}")
    assert summaries[4] == "Leg pain up from 2 to 6.3 · Last check-in today"
    assert summaries[5] == "Leg pain 3 lately · No check-in for 10 days"
    assert summaries[6] == summaries[7] == "Leg pain 3 lately · Last check-in today"
    assert "Gone Gus" not in html and "Bea" not in html
    assert {u.id for u in (sam, sue, rob)} <= {link.user_id for link in CareLink.caseload(me)}


def facts(name, **values):
    base = {"link_id": 1, "name": name, "since": dt.date(2026, 11, 1), "today": dt.date(2026, 11, 24)}
    return caseload.Facts(**{**base, **values})


def test_the_order_within_each_group():
    today = dt.date(2026, 11, 24)
    entries = caseload.order([
        facts("a steady", last_checkin=today),
        facts("b silent long", last_checkin=today - dt.timedelta(days=20)),
        facts("c never", last_checkin=None),
        facts("d silent", last_checkin=today - dt.timedelta(days=8)),
        facts("e rising a little", leg=Change(2, 4, 3, 3), last_checkin=today),
        facts("f rising a lot", leg=Change(2, 7, 3, 3), last_checkin=today),
        facts("g rising, too few days", leg=Change(2, 7, 2, 2), last_checkin=today),
        facts("h today, newer", alarms=((today, "today", False),), last_checkin=today),
        facts("i now, older", alarms=((today - dt.timedelta(days=9), "now", False),), last_checkin=today),
        facts("j today, older", alarms=((today - dt.timedelta(days=3), "today", False),), last_checkin=today),
    ])
    assert [e.facts.name for e in entries] == [
        "i now, older", "h today, newer", "j today, older", "f rising a lot", "e rising a little",
        "c never", "b silent long", "d silent", "a steady", "g rising, too few days"]
    assert [e.group for e in entries][:3] == ["warning"] * 3
    assert entries[5].summary == "No check-ins yet"


def test_an_answer_ticked_by_mistake_stays_on_the_caseload_and_says_so(app, jo):
    """Issue 21, item 4: the practitioner sees both the answer and the person's correction."""
    from webapp.models import RedFlagCorrection
    me = Practitioner.get()
    mia = person("Mistaken Mia", me, DAILY)
    flag(mia, 2, "now")
    RedFlagCorrection.create(user=mia, answer_uuid=RedFlagCheck.get(RedFlagCheck.user == mia).uuid, note="Slipped")
    old = person("Old Otto", me, DAILY)
    flag(old, 40, "now")                        # long before the range, corrected: no longer pulled in
    RedFlagCorrection.create(user=old, answer_uuid=RedFlagCheck.get(RedFlagCheck.user == old).uuid)
    html = jo.get("/practice/").get_data(as_text=True)
    summaries = dict(re.findall(r'/practice/people/\d+/">([^<]+)</a>.*?<p class="caseload-summary">(.*?)</p>',
                                html, re.DOTALL))
    day = f"{(london_today() - dt.timedelta(days=2)):%-d %b}"
    assert summaries["Mistaken Mia"].startswith(
        f"Emergency (go now) answer {day} (ticked by mistake, the person says) · Leg pain 3 lately")
    assert summaries["Old Otto"] == "Leg pain 3 lately · Last check-in today"
    person_page = text_of(jo.get(f"/practice/people/{CareLink.get(CareLink.user == mia).id}/").get_data(as_text=True))
    assert "marked by the person as ticked by mistake" in person_page and "“Slipped”" in person_page
