"""/api/session: whether this browser is signed in, and the CSRF token the outbox sends with."""


def test_session_state_for_the_outbox(client, auth):
    r = client.get("/api/session")
    assert r.json == {"signed_in": False, "csrf_token": None, "person": None}
    assert r.headers["Cache-Control"] == "no-store"
    # Signed out it starts no session: a flush racing a sign-up page must not replace its cookie.
    assert "Set-Cookie" not in r.headers
    auth.signup()
    answer = client.get("/api/session").json
    assert answer["signed_in"] is True and answer["csrf_token"] and answer["person"]
