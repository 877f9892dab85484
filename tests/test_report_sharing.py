"""Share links: the read-only page, tokens kept only as hashes, views, expiry and revoking."""
import datetime as dt
import re

import pytest

from .helpers import ago, card, crafted_history, make_link, text_of


def test_share_link_shows_the_report_and_nothing_else(app, client, ana):
    from webapp.models import ShareLink
    crafted_history(ana)
    created, token = make_link(client)
    assert created.headers["Cache-Control"] == "no-store"
    assert '<svg role="img" viewBox=' in created.get_data(as_text=True)          # the QR code
    assert len(token) >= 43                                                       # 32 bytes = 256 bits
    visitor = app.test_client()
    r = visitor.get(f"/shared/{token}")
    assert r.status_code == 200
    assert r.headers["X-Robots-Tag"] == "noindex, nofollow" and r.headers["Cache-Control"] == "no-store"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    html = r.get_data(as_text=True)
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "6 → 3.5" in card(html, "Leg pain") and 'class="redflag-banner"' in html
    for leak in ('class="tabbar"', "/account", "/log/", "/report/", "csrf", "app.js", "Change the dates"):
        assert leak not in html, leak
    # The token unlocks nothing else: the visitor is still signed out everywhere.
    for path in ("/report/", "/log/", "/report/export.json", f"/report/export.json?token={token}", "/"):
        assert visitor.get(path).status_code == 302, path
    link = ShareLink.get()
    assert link.expires_at - link.created_at == dt.timedelta(days=14)


def test_share_token_is_stored_only_as_its_hash(app, client, ana, backend):
    import hashlib
    from pathlib import Path

    from webapp.models import ShareLink
    _, token = make_link(client)
    link = ShareLink.get()
    assert re.fullmatch(r"[0-9a-f]{64}", link.token_hash)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) for value in link.__data__.values())
    if backend == "sqlite":
        db_file = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
        for path in (db_file, Path(f"{db_file}-wal")):
            if path.exists():
                assert token.encode() not in path.read_bytes()


def test_share_link_counts_views(app, client, ana):
    from webapp.models import ShareLink
    _, token = make_link(client)
    assert b"Not opened yet" in client.get("/report/share").data
    visitor = app.test_client()
    visitor.get(f"/shared/{token}")
    visitor.get(f"/shared/{token}")
    link = ShareLink.get()
    assert link.view_count == 2 and link.last_viewed_at is not None
    assert (dt.datetime.now(dt.UTC).replace(tzinfo=None) - link.last_viewed_at) < dt.timedelta(minutes=1)
    assert b"Opened 2 times, last on" in client.get("/report/share").data


def test_expired_and_revoked_links_say_so_with_410(app, client, ana):
    from webapp.models import ShareLink
    _, old = make_link(client)
    _, revoked = make_link(client)
    ShareLink.update(expires_at=dt.datetime(2020, 1, 1)).where(ShareLink.id == 1).execute()
    visitor = app.test_client()
    r = visitor.get(f"/shared/{old}")
    assert r.status_code == 410 and b"This link has expired" in r.data and b"1 January 2020" in r.data
    assert r.headers["Cache-Control"] == "no-store" and r.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert visitor.get(f"/shared/{revoked}").status_code == 200
    assert client.post("/report/share/2/revoke").status_code == 302
    r = visitor.get(f"/shared/{revoked}")
    assert r.status_code == 410 and b"turned off" in r.data and b"Leg pain" not in r.data
    page = client.get("/report/share").get_data(as_text=True)
    assert "Expired" in page and "Turned off" in page


def test_random_tokens_are_404(app, client, ana):
    import secrets
    make_link(client)
    visitor = app.test_client()
    for token in (secrets.token_urlsafe(32), "x", "a" * 500, "%00"):
        r = visitor.get(f"/shared/{token}")
        assert r.status_code == 404 and b"This link does not work" in r.data


def test_share_link_limited_to_a_range(app, client, ana):
    crafted_history(ana)
    _, token = make_link(client, **{"from": ago(27).isoformat(), "to": ago(21).isoformat()})
    html = text_of(app.test_client().get(f"/shared/{token}").get_data(as_text=True))
    assert "(7 days)" in html and "Morning: stiff" not in html


@pytest.mark.parametrize("form,field", [({"days": "0"}, "days"), ({"days": "91"}, "days"),
                                        ({"days": "7", "from": "2026-11-10", "to": "2026-11-01"}, "from")])
def test_share_form_validates(client, ana, form, field):
    from webapp.models import ShareLink
    r = client.post("/report/share", data=form)
    assert r.status_code == 422 and f'id="{"share-" if field != "days" else ""}{field}-error"'.encode() in r.data
    assert ShareLink.select().count() == 0


# ---- issue 13 ----

def test_the_shared_page_never_shows_the_email(app, client, ana):
    """Finding 10: with no name chosen, the shared report showed the login email."""
    _, token = make_link(client)
    html = app.test_client().get(f"/shared/{token}").get_data(as_text=True)
    assert "ana@example.com" not in html and "Sciatica report</h1>" in html
    assert "ana@example.com" in client.get("/report/").get_data(as_text=True)   # her own copy may


def test_share_links_use_the_configured_public_address_not_the_host_header(app, client, ana):
    """Finding 10: links were built from whatever Host header the request carried."""
    app.config["PUBLIC_BASE_URL"] = "https://sciatica.example.org/"
    cookie = f"sc_session={client.get_cookie('sc_session').value}"
    raw = app.test_client(use_cookies=False)

    def share_from(host):
        return raw.post("/report/share", data={"days": "14"}, headers={"Host": host, "Cookie": cookie})

    r = share_from("evil.example")
    html = r.get_data(as_text=True)
    assert 'value="https://sciatica.example.org/shared/' in html and "evil.example" not in html
    # Unset, outside development, only this machine's own address may stand in for it.
    app.config.update(PUBLIC_BASE_URL=None, TESTING=False)
    from webapp.models import ShareLink
    before = ShareLink.select().count()
    assert share_from("evil.example").status_code == 503
    assert ShareLink.select().count() == before                 # no link made that nobody saw
    ok = share_from("127.0.0.1:8000")
    assert ok.status_code == 201 and 'value="http://127.0.0.1:8000/shared/' in ok.get_data(as_text=True)


def test_a_visit_in_year_one_cannot_make_the_report_slow(app, client, ana):
    """Finding 8: a visit dated 0001-01-01 (stored before imports were checked) made the report
    and the public shared page take 28 s of CPU; every report now spans at most five years."""
    import time

    from webapp.models import Visit
    Visit.create(user=ana, uuid="5d2f8a7e-1c1b-4c55-9a56-2f1f9f3e4a10", visit_date=dt.date(1, 1, 1),
                 practitioner="Physio")
    _, token = make_link(client)
    started = time.perf_counter()
    assert client.get("/report/").status_code == 200
    assert app.test_client().get(f"/shared/{token}").status_code == 200
    assert time.perf_counter() - started < 5
    assert f"({5 * 365 + 2} days)" in client.get("/report/").get_data(as_text=True)


def test_a_twenty_digit_share_id_is_a_404(client, ana):
    """Finding 8: a 20-digit id overflowed SQLite's integers."""
    assert client.post("/report/share/99999999999999999999/revoke").status_code == 404
    assert client.post("/report/share/2147483648/revoke").status_code == 404
