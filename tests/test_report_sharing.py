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
    assert (dt.datetime.utcnow() - link.last_viewed_at) < dt.timedelta(minutes=1)
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
