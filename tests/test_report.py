"""The report through HTTP: figures on a crafted history (worked out by hand), ranges, visits,
weekly ratings, exports and import, share links, and keeping one person's data from another."""
import datetime as dt
import re
from html import unescape

import pytest

from webapp.models import Completion, RedFlagCheck, StageChange, User, Visit

from .helpers import add_checkin, ago, card, crafted_history, make_link, new_uuid, psfs, text_of
from .helpers import utc_today as today


def test_summary_figures_match_the_hand_computed_values(client, ana):
    crafted_history(ana)
    r = client.get("/report/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    leg = card(html, "Leg pain")               # 6 -> 3.5: both criteria met, and it says which
    assert "6 → 3.5" in leg and "−2.5 points (−41.7%)" in leg
    assert "Improved: meets the 2-point and the 30% criteria" in leg
    back = card(html, "Back pain")             # 4 -> 3: 1 point but 25%: neither criterion
    assert "4 → 3" in back and "−1 point (−25%)" in back
    assert "Below the improvement criteria" in back
    extent = card(html, "How far down the leg")
    assert "Below the knee → Buttock" in extent and "most common: buttock" in extent
    assert "recorded on 7 of 7 days" in extent
    assert "Reaches less far down the leg (below knee → buttock)" in extent and "entralising" not in html
    assert "20 → 45" in card(html, "Sitting") and "+25 min" in card(html, "Sitting")
    assert "30 → 60" in card(html, "Walking")
    first = f"{ago(27).strftime('%-d %b')}–{ago(21).strftime('%-d %b')}"
    assert f"First 7 logged days → last 7 logged days: {first} →" in text_of(html)
    assert "14 days with 15 check-ins" in text_of(html)
    assert not re.search(r"\bsafe\b", text_of(html), re.IGNORECASE)       # no change is ever called safe


def test_days_with_several_checkins_show_the_days_average(client, ana):
    crafted_history(ana)
    html = client.get("/report/").get_data(as_text=True)
    table = html[html.index('id="cap-pain"'):html.index("</table>", html.index('id="cap-pain"'))]
    row = re.search(rf"{today().strftime('%a %-d %b')}</th><td>([^<]+)</td><td>([^<]+)</td><td>(\d+)", table)
    assert row.groups() == ("3.5", "3", "2")


def test_spreading_extent(client, ana):
    for i in range(7):
        add_checkin(ana, ago(13 - i), 5, extent="thigh")
        add_checkin(ana, ago(6 - i), 5, extent="foot" if i == 3 else "below_knee")
    html = client.get("/report/").get_data(as_text=True)
    extent = card(html, "How far down the leg")
    assert "Thigh → Foot" in extent and "Reaches further down the leg (thigh → foot)" in extent
    assert "most common: below the knee" in extent
    assert "5 → 5" in card(html, "Leg pain") and "0 points (0%)" in card(html, "Leg pain")


def test_default_range_is_the_last_28_days_without_a_visit(client, ana):
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert f"{ago(27).strftime('%-d %b %Y')} to {today().strftime('%-d %b %Y')} (28 days)" in html


def test_default_range_starts_on_the_last_visit(client, ana):
    client.post("/report/visits", data={"visit_date": ago(40).isoformat(), "practitioner": "GP"})
    client.post("/report/visits", data={"visit_date": ago(9).isoformat(), "practitioner": "Physio Sam"})
    client.post("/report/visits", data={"visit_date": (today() + dt.timedelta(days=5)).isoformat(),
                                        "practitioner": "Physio Sam"})        # booked, not yet
    add_checkin(ana, ago(12), 9, notes="before the visit")
    add_checkin(ana, ago(3), 2, notes="after the visit")
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert f"{ago(9).strftime('%-d %b %Y')} to {today().strftime('%-d %b %Y')} (10 days)" in html
    assert "since the visit on" in html and "Physio Sam" in html
    assert "after the visit" in html and "before the visit" not in html


def test_an_explicit_range(client, ana):
    crafted_history(ana)
    r = client.get(f"/report/?from={ago(27).isoformat()}&to={ago(21).isoformat()}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "(7 days)" in text_of(html)
    assert "7 days with 7 check-ins" in text_of(html)
    assert "6.3 → 6" in card(html, "Leg pain")         # first 3 days 6,6,7 vs last 3 days 6,6,6
    assert "Morning: stiff" not in html


def test_empty_ranges_say_so_plainly(client, ana):
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "No check-ins between" in html and "nothing to compare yet" in html
    assert "No exercises done in these dates" in html and "No weekly activity ratings" in html
    add_checkin(ana, ago(2), 4)
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "One logged day" in html and "nothing to compare them with yet" in html
    assert "Leg pain 0–10 4" in html                  # that day's figures are still summarised


@pytest.mark.parametrize("query,field,message", [
    ("from=2026-11-10&to=2026-11-01", "from", "The start must be on or before the end."),
    ("from=yesterday", "from", "Enter a date like 2026-11-21."),
    ("from=0001-01-01&to=2026-01-01", "from", "That date is too far in the past."),
    ("to=2999-12-31", "to", "That date is in the future."),
    ("from=2001-01-01&to=2026-01-01", "from", "Choose a range of at most five years."),
    ("from=" + "9" * 3000, "from", "Enter a date like 2026-11-21."),
])
def test_bad_range_input_is_a_4xx_with_a_message_by_the_field(client, ana, query, field, message):
    r = client.get("/report/?" + query)
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert re.search(rf'id="range-{field}-error">{re.escape(message)}<', html)
    assert f'aria-describedby="range-{field}-error"' in html


def test_red_flags_in_range_are_highlighted_with_assessment(client, ana):
    common = {"user": ana, "local_time": "07:30", "client_updated_at": dt.datetime(2026, 1, 1)}
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(5), tier="now", go_now="saddle,bladder", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(3), tier="now", go_now="both_legs",
                        assessed_at=dt.datetime(2026, 11, 19, 10), assessed_note="Seen in A&E", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(2), tier="today", contact_today="fever", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(1), tier="none", **common)
    html = client.get("/report/").get_data(as_text=True)
    assert html.count('class="flag-alert"') == 2 and html.count("flag-box flag-now") == 2
    assert "Not yet confirmed as assessed" in html and "Confirmed as assessed on 19 Nov 2026" in html
    assert "Seen in A&amp;E" in html and "flag-box flag-today" in html
    assert "2 go-now" in card(html, "Warning signs") and "4 checks in all" in card(html, "Warning signs")


def test_an_unconfirmed_go_now_answer_shows_whatever_the_dates(app, client, ana):
    """Issue 21, item 4: a range that left out the answer's day used to hide it."""
    from webapp.models import RedFlagCorrection
    common = {"user": ana, "local_time": "07:30", "client_updated_at": dt.datetime(2026, 1, 1)}
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(60), tier="now", go_now="saddle", **common)
    RedFlagCheck.create(uuid=new_uuid(), local_date=ago(50), tier="now", go_now="bowel",
                        assessed_at=dt.datetime(2026, 1, 2), **common)
    fixed = RedFlagCheck.create(uuid=new_uuid(), local_date=ago(40), tier="now", go_now="chest", **common)
    RedFlagCorrection.create(user=ana, answer_uuid=fixed.uuid, note="Slipped")
    for query, where in (("", "before"), (f"?from={ago(7).isoformat()}&to={ago(1).isoformat()}", "before"),
                         (f"?from={ago(100).isoformat()}&to={ago(90).isoformat()}", "after")):
        html = client.get(f"/report/{query}").get_data(as_text=True)
        alert = text_of(html)
        assert (f"Emergency warning sign (go now) on {ago(60):%a %-d %b %Y}, {where} these dates : not yet "
                "confirmed as assessed.") in alert, query
        assert "New numbness between your legs or around your bottom" in alert
        assert "A new change in your bowels" not in alert and "chest pain" not in alert   # settled ones
        assert "1 go-now from other dates still not confirmed as assessed" in text_of(card(html, "Warning signs"))
    # The share link shows it too.
    _, token = make_link(client)
    assert f"on {ago(60):%a %-d %b %Y}, before these dates :" in text_of(app.test_client().get(
        f"/shared/{token}").get_data(as_text=True))


def test_an_answer_ticked_by_mistake_shows_with_its_correction(client, ana):
    from webapp.models import RedFlagCorrection
    common = {"user": ana, "local_time": "07:30", "client_updated_at": dt.datetime(2026, 1, 1)}
    alarm = RedFlagCheck.create(uuid=new_uuid(), local_date=ago(3), tier="now", go_now="saddle", **common)
    fever = RedFlagCheck.create(uuid=new_uuid(), local_date=ago(2), tier="today", contact_today="fever", **common)
    when = dt.datetime.combine(ago(2), dt.time(12))
    RedFlagCorrection.create(user=ana, answer_uuid=alarm.uuid, note="Misread the question", made_at=when)
    RedFlagCorrection.create(user=ana, answer_uuid=fever.uuid, made_at=when)
    html = client.get("/report/").get_data(as_text=True)
    page = text_of(html)
    on = f"{ago(2):%-d %b %Y}"
    assert (f"Emergency warning sign (go now) on {ago(3):%a %-d %b} : marked by the person as ticked by mistake "
            f"on {on}: “Misread the question”.") in page
    assert f"The answer stands as given; it was marked by the person as ticked by mistake on {on}." in page
    assert "Not yet confirmed as assessed" not in page and "not yet confirmed" not in page
    assert html.count("flag-box flag-now") == 1 and html.count("flag-box flag-today") == 1
    stat = text_of(card(html, "Warning signs"))
    assert "1 go-now" in stat and "2 marked as ticked by mistake" in stat


def test_adherence_against_the_program_and_stage_history(app, client, ana):
    StageChange.record(ana, 1, "disc", "onboarding", "Started three weeks ago.")
    StageChange.update(changed_at=dt.datetime.combine(ago(30), dt.time(9))).execute()
    rules = app.extensions["program"]
    sessions, _ = rules.plan(1, "disc").for_day(ago(1))
    prescribed = [e.exercise for entries in sessions.values() for e in entries]
    for slug in list(dict.fromkeys(prescribed))[:2]:
        Completion.create(user=ana, uuid=new_uuid(), local_date=ago(1), local_time="10:00",
                          client_updated_at=dt.datetime(2026, 1, 1), exercise=slug, response="better")
    extra = next(slug for slug in app.extensions["content"].exercises if slug not in prescribed)
    Completion.create(user=ana, uuid=new_uuid(), local_date=ago(1), local_time="11:00", over_cap=True,
                      client_updated_at=dt.datetime(2026, 1, 1), exercise=extra, response="spread")
    html = client.get(f"/report/?from={ago(1).isoformat()}&to={ago(1).isoformat()}").get_data(as_text=True)
    exercises = card(html, "Exercises")
    assert f"2 of {len(prescribed)} done, 1 extra" in exercises and "Over a limit on 1 day" in exercises
    assert f"{round(200 / len(prescribed))}% of prescribed" in exercises
    assert "1: Calm" in card(html, "Stage now") and "disc type" in card(html, "Stage now")
    assert "Started three weeks ago." not in html          # that change is outside these dates
    title = app.extensions["content"].exercises[extra].title
    # better, eased, same, worse, spread, no answer: spread once
    assert f"{title}</th><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>" in html


def test_the_leg_eased_answer_is_in_the_per_exercise_responses(client, ana):
    common = {"user": ana, "local_time": "10:00", "client_updated_at": dt.datetime(2026, 1, 1),
                  "exercise": "lying-on-your-front"}
    for response in ("eased", "eased", "same", None):
        Completion.create(uuid=new_uuid(), local_date=ago(1), response=response, **common)
    html = client.get("/report/").get_data(as_text=True)
    table = html[html.index('id="cap-resp"'):]
    assert '<th scope="col">Better</th><th scope="col">Leg eased or moved up</th><th scope="col">Same</th>' in table
    # better, eased, same, worse, spread, no answer
    assert "Lying on your front, then on your elbows</th><td>0</td><td>2</td><td>1</td><td>0</td><td>0</td>" \
           "<td>1</td>" in table
    chart = html[html.index('id="chart-resp-title"'):]
    assert "2 eased or moved up" in chart[:chart.index("</title>")]
    assert '<rect class="seg seg-eased"' in chart and "<title>Leg eased or moved up: 2</title>" in chart
    assert "Leg eased or moved up</span>" in html          # in the chart's key
    assert "0 spread" in chart[:chart.index("</title>")] and "None of 3 rated" in card(html, "Spread down the leg")


def test_stage_history_shows_who_and_why(client, ana):
    StageChange.record(ana, 1, "disc", "onboarding", "Episode started 2 weeks ago.")
    StageChange.record(ana, 2, "stenosis", "practitioner", "Walking tolerance improving.")
    html = text_of(client.get("/report/").get_data(as_text=True))
    assert "Stage 1 → Stage 2; disc → stenosis type A practitioner Walking tolerance improving." in html
    assert "First set-up Episode started 2 weeks ago." in html


def test_medication_and_notes_newest_first(client, ana):
    crafted_history(ana)
    html = text_of(client.get("/report/").get_data(as_text=True))
    notes = html[html.index("Medication and notes"):]
    assert notes.index("ibuprofen 200 mg") < notes.index("Morning: stiff")


# ---- Visits ----


# ---- Weekly activity ratings (PSFS) ----


# ---- Export and import ----


# ---- Share links ----


# ---- One person never sees another's ----

def test_people_never_see_each_others_data(app, client, auth, ana):
    from webapp.models import ShareLink
    crafted_history(ana)
    client.post("/report/visits", data={"visit_date": ago(30).isoformat(), "practitioner": "Ana's physio"})
    _, ana_token = make_link(client)
    ana_link = ShareLink.get()
    ana_visit = Visit.get()
    auth.signout()
    auth.signup("ben@example.com")
    add_checkin(User.by_email("ben@example.com"), ago(1), 1, notes="Ben's note")
    html = client.get("/report/").get_data(as_text=True)
    assert "Ben&#39;s note" in html and "Morning: stiff" not in html and "Ana&#39;s physio" not in html
    exported = client.get("/report/export.json").get_data(as_text=True)
    assert "Morning: stiff" not in exported and ana_visit.uuid not in exported
    assert "Ana" not in client.get("/report/visits").get_data(as_text=True)
    assert b"Not opened yet" not in client.get("/report/share").data        # Ben has no links
    assert client.post(f"/report/share/{ana_link.id}/revoke").status_code == 404
    assert ShareLink.get_by_id(ana_link.id).revoked_at is None
    assert client.get(f"/report/visits/{ana_visit.uuid}/edit").status_code == 404
    assert client.post(f"/report/visits/{ana_visit.uuid}/edit",
                       data={"visit_date": ago(1).isoformat(), "practitioner": "x"}).status_code == 404
    assert client.post(f"/report/visits/{ana_visit.uuid}/delete").status_code == 404
    assert Visit.get_by_id(ana_visit.id).practitioner == "Ana's physio"
    _, ben_token = make_link(client)
    ben_shared = app.test_client().get(f"/shared/{ben_token}").get_data(as_text=True)
    assert "Ben's note" in unescape(ben_shared) and "Morning: stiff" not in ben_shared
    assert "Morning: stiff" in app.test_client().get(f"/shared/{ana_token}").get_data(as_text=True)


def test_report_pages_need_an_account(client):
    for path in ("/report/", "/report/visits", "/report/function", "/report/share", "/report/export.json",
                 "/report/export.zip", "/report/import"):
        r = client.get(path)
        assert r.status_code == 302 and "/account/signin" in r.headers["Location"], path


def test_service_worker_keeps_report_js_and_never_caches_no_store_pages(client):
    body = client.get("/sw.js").get_data(as_text=True)
    assert "js/report.js?v=" in body and "no-store" in body


def test_deleting_the_account_removes_visits_ratings_and_share_links(client, auth, ana):
    from webapp.models import PsfsRating, ShareLink
    client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "GP"})
    psfs(client, ("Socks", "4"))
    make_link(client)
    auth.signout()
    auth.signup("ben@example.com")
    ben = User.by_email("ben@example.com")
    client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "GP"})
    psfs(client, ("Socks", "4"))
    make_link(client)
    client.post("/account/delete", data={"del-password": "correct horse battery", "del-confirm": "y"})
    for model in (Visit, PsfsRating, ShareLink):
        assert model.select().where(model.user == ben.id).count() == 0, model.__name__
        assert model.select().where(model.user == ana).count() == 1, model.__name__


def test_name_on_the_report(client, ana):
    assert b"Sciatica report: ana@example.com" in client.get("/report/").data
    assert client.post("/report/name", data={"display_name": "  Ana   Pereira "}).status_code == 302
    assert b"Sciatica report: Ana Pereira" in client.get("/report/").data
    r = client.post("/report/name", data={"display_name": "x" * 81})
    assert r.status_code == 400 and b'id="display_name-error">Keep this under 80 characters' in r.data
    client.post("/report/name", data={"display_name": ""})
    assert User.get_by_id(ana.id).display_name is None
